import { defineConfig } from 'vitest/config';

/**
 * Integration tests against the lab: one lab per run (or the one already up), brought up by
 * test/lab/global-setup.ts with the built CLI. Files run one after another, because they share
 * the lab and some of them inject faults.
 */
export default defineConfig({
  test: {
    include: ['test/integration/lab/**/*.test.ts'],
    globalSetup: ['test/lab/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 900_000,
  },
});
