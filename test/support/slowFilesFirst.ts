// The order in which `npm test` starts its files: the slow ones first, in a fixed order, then the rest
// as vitest orders them (longest first by its cache of the last run; largest first on a fresh machine,
// such as CI, where there is no cache). A long file started last keeps the run going while the other
// workers idle; started first, it runs beside the short files. The list is fixed, not
// read from the cache, so a fresh machine gets the same order; a file missing from it is only started
// later, never skipped.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Slowest first: seconds in a full run on a 2-core machine at load ~10 (other work beside it), with the
 * file alone at load ~4 in brackets where measured. The views beds keep one collected store per run
 * and number of nights (viewsBed.ts): the files that make one (75 nights: the replay; 36: batches; 21:
 * loads) start before the files that start from a copy of one, with other files between them, so a
 * copy's file does not hold a worker waiting for its store to be made. The files that mostly wait (on
 * the clock, on a server of their own) start early too: the other worker's CPU work fills their waits.
 */
export const SLOW_FILES = [
  // ~120 beside the unit files (90 alone), most of it waiting on the shared demo: first, so its waits
  // overlap the unit files' work and it never runs last.
  'test/e2e/sharedDemo.e2e.test.ts',
  'test/core/alerts/demoReplay.test.ts', // ~200 (30): the demo's 75 nights generated, collected, replayed
  'test/e2e/actionsOnDemo.e2e.test.ts', // ~60: a `serve --demo` of its own
  'test/core/collector/faults.test.ts', // ~60: a PostgreSQL server stopped and started
  'test/core/batches/batches.test.ts', // ~105 (19): makes the 36-night store
  'test/core/loads/loads.test.ts', // ~60: makes the 21-night store
  'test/http/auditCsvStream.test.ts', // ~30
  'test/http/demoRestart.test.ts', // ~30
  'test/core/views/views.test.ts', // ~45 on the 21-night store (24 of them two rounds of 12 s sleeps)
  'test/core/batches/batchViews.test.ts', // ~35 on the 36-night store
  'test/core/alerts/killNine.test.ts', // ~30
  'test/core/governance/actions.test.ts', // ~25
  'test/core/collector/collector.test.ts', // ~25
  'test/core/loads/impact.test.ts', // ~20 on the 21-night store
  'test/demo/workload/workload.test.ts', // ~20
  'test/core/collector/killNine.test.ts', // ~15
];

const rank = (spec: TestSpecification): number => {
  const at = SLOW_FILES.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
  return at === -1 ? SLOW_FILES.length : at;
};

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array.prototype.sort is stable: files of equal rank keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
