import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // unit: pure and store-level tests; integration: against real lab hosts and real package
    // tools (they skip, saying why, where the machine cannot run them).
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Tests against a running lab have their own config: vitest.lab.config.ts.
    exclude: ['test/integration/lab/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 600_000,
  },
});
