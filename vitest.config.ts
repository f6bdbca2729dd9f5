import { defineConfig } from 'vitest/config';

// One runner for unit, contract, integration and browser tests. The machines have 2 cores and the
// integration tests start PostgreSQL servers and Chromium, so files run two at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
