import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/support/slowFilesFirst.ts';

// One runner for unit, contract, integration and browser tests, in two projects. The machines have 2
// cores. The e2e project holds the browser files that read the run's one shared demo server (started by
// sharedDemoSetup.ts, whose global setup runs at the start of a run that holds an e2e file, so the demo
// boots while the unit files run): they run one at a time, after the unit files (groupOrder 1), in ONE
// worker without isolation, so the modules they import (tsx-compiled app code, playwright) and Chromium
// start once for the project instead of once per file; each file still starts and ends what it uses.
// The unit project runs the rest three at a time on the 2 cores, including the browser files listed in
// OWN_SERVE: each starts a `serve` of its own and reads nothing of the shared one, so it can run beside
// the unit files. Three, not two: many files spend much of their time waiting on servers of their own
// (serve, PostgreSQL, the double, Chromium), and a third worker fills those waits (the suite took 317 s
// instead of 336-344 s idle, and still passes beside a CPU hog, issue #13).
const OWN_SERVE = ['actionsOnDemo', 'collector', 'connections', 'pastDigests'];
/** The e2e files on the shared demo server: every e2e file but those in OWN_SERVE (an extglob). */
const ON_SHARED_DEMO = `test/e2e/**/!(${OWN_SERVE.join('|')}).e2e.test.ts`;

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
          exclude: [ON_SHARED_DEMO],
          globalSetup: ['test/support/globalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [ON_SHARED_DEMO],
          // Not globalSetup.ts: no file here reads the run's PostgreSQL server or cache (inject('pg'),
          // runCache.ts): a second server (initdb and all) at the start of the run was work for nothing.
          globalSetup: ['test/support/sharedDemoSetup.ts'],
          maxWorkers: 1,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
