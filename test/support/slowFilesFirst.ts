// The order in which `npm test` starts its files: the slow ones first, in a fixed order, then the rest
// as vitest orders them (longest first by its cache of the last run; largest first on a fresh machine,
// such as CI, where there is no cache). With two workers, a long file started last keeps the run going
// while the other worker idles; started first, it runs beside the short files. The list is fixed, not
// read from the cache, so a fresh machine gets the same order; a file missing from it is only started
// later, never skipped.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Slowest first (seconds on a busy 2-core machine). The views beds keep one collected store per run
 * and number of nights (viewsBed.ts): the files that make one (75 nights: the replay; 36: batches; 21:
 * loads) start first, and the files that start from a copy of one only after other slow files, so they
 * do not hold a worker waiting for their store to be made (views waited ~100 s for loads' store).
 */
export const SLOW_FILES = [
  'test/core/alerts/demoReplay.test.ts', // ~140: the demo's 75 nights collected, then replayed
  'test/core/batches/batches.test.ts', // ~110: makes the 36-night store
  'test/core/loads/loads.test.ts', // ~120: makes the 21-night store
  'test/core/collector/faults.test.ts', // ~40: a PostgreSQL server stopped and started
  'test/core/batches/batchViews.test.ts', // ~25 on the 36-night store
  'test/e2e/actionsOnDemo.e2e.test.ts', // ~50: a `serve --demo` of its own
  'test/e2e/pastDigests.e2e.test.ts',
  'test/core/collector/collector.test.ts',
  'test/core/alerts/killNine.test.ts',
  'test/core/governance/actions.test.ts',
  'test/http/demoRestart.test.ts',
  'test/http/auditCsvStream.test.ts',
  'test/core/views/views.test.ts', // on the 21-night store
  'test/core/loads/impact.test.ts', // on the 21-night store
  'test/core/collector/killNine.test.ts',
];

const rank = (spec: TestSpecification): number => {
  const at = SLOW_FILES.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
  return at === -1 ? SLOW_FILES.length : at;
};

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Groups and projects stay where vitest put them (it runs them one after another); inside each,
    // the slow files first. Array.prototype.sort is stable: files of equal rank keep vitest's order.
    const projectAt = new Map<string, number>();
    sorted.forEach((spec, i) => {
      if (!projectAt.has(spec.project.name)) projectAt.set(spec.project.name, i);
    });
    const block = (spec: TestSpecification) => projectAt.get(spec.project.name) ?? 0;
    return sorted.sort((a, b) => block(a) - block(b) || rank(a) - rank(b));
  }
}
