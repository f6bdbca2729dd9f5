import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/support/slowFilesFirst.ts';

// One runner for unit, contract, integration and browser tests, in two projects run together, three
// files at a time on the machines' 2 cores: many files spend much of their time waiting on servers of
// their own (serve, PostgreSQL, the double, Chromium), and a third worker fills those waits (the suite
// took 317 s instead of 336-344 s with two, and still passes beside a CPU hog, issue #13).
// The e2e project is the one file of browser tests on the run's one shared demo server
// (sharedDemo.e2e.test.ts; sharedDemoSetup.ts, its global setup, runs only in a run that holds it): its
// areas run one after another in that file's worker, beside the unit files. The other browser files
// start a `serve` of their own and are unit files like any other.
const SHARED_DEMO_FILE = 'test/e2e/sharedDemo.e2e.test.ts';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 3,
    // Generous: the integration tests wait on real servers, and on a 2-core machine busy with other
    // work their waits add up (collector faults took over 60 s under a parallel CPU load). A timeout
    // only bounds how long a broken test takes to report.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Waits on state, never on time: a poll gives up only after long enough for a busy 2-core machine
    // (the default 1 s interval / 5 s timeout failed under CPU load; issue #13).
    expect: { poll: { timeout: 30_000, interval: 100 } },
    reporters: ['default', './test/support/summaryReporter.ts'],
    // The slow files start first, on a fresh machine too (slowFilesFirst.ts).
    sequence: { sequencer: SlowFilesFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [SHARED_DEMO_FILE],
          globalSetup: ['test/support/globalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [SHARED_DEMO_FILE],
          // Not globalSetup.ts: the file does not read the run's PostgreSQL server or cache (inject('pg'),
          // runCache.ts), so a run of it alone starts neither.
          globalSetup: ['test/support/sharedDemoSetup.ts'],
        },
      },
    ],
  },
});
