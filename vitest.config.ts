import { defineConfig } from 'vitest/config';

// One runner for unit, contract, integration and browser tests, in two projects. The machines have 2
// cores. The browser (e2e) files each drive Chromium against a `serve` process and are the heavy ones:
// they run one at a time after the unit files (groupOrder 1), the rest two at a time. The e2e files
// run in ONE worker without isolation: the modules they import (tsx-compiled app code, playwright) load
// once for the project instead of once per file; each file still starts and ends what it uses. The e2e
// files that only read share one demo server, started once by sharedDemoSetup.ts (its global setup runs
// at the start of a run that holds an e2e file, so the demo boots while the unit files run).
const E2E = 'test/e2e/**/*.test.ts';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    // Generous: the integration tests wait on real servers, and on a 2-core machine busy with other
    // work their waits add up (collector faults took over 60 s under a parallel CPU load). A timeout
    // only bounds how long a broken test takes to report.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Waits on state, never on time: a poll gives up only after long enough for a busy 2-core machine
    // (the default 1 s interval / 5 s timeout failed under CPU load; issue #13).
    expect: { poll: { timeout: 30_000, interval: 100 } },
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [E2E],
          globalSetup: ['test/support/globalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [E2E],
          globalSetup: ['test/support/globalSetup.ts', 'test/support/sharedDemoSetup.ts'],
          maxWorkers: 1,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
