import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Each test file gets its own temp data folders; files run in parallel on both cores.
    pool: 'forks',
  },
});
