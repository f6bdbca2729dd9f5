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
    // Waits on state, never on time: a poll gives up only after long enough for a busy 2-core machine
    // (the default 1 s interval / 5 s timeout failed under CPU load; issue #13).
    expect: { poll: { timeout: 30_000, interval: 100 } },
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
