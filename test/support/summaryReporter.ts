// Prints the plain closing line CI reads ("N passed, N failed, N skipped") after vitest's own report.
// A file whose hooks failed (its tests never ran and show as skipped) counts as a failure, and so does
// an unhandled error: "0 failed" must mean nothing failed.
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const brokenFiles: string[] = [];
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      failed += failedHere;
      if (module.state() === 'failed' && failedHere === 0) {
        failed++;
        brokenFiles.push(module.moduleId);
      }
    }
    failed += unhandledErrors.length;
    for (const file of brokenFiles)
      process.stdout.write(`\nfailed outside its tests (a hook or import): ${file}`);
    if (unhandledErrors.length > 0) process.stdout.write(`\n${unhandledErrors.length} unhandled error(s)`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
