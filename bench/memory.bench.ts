// Benchmark: the core's memory with 90 days of a 500,000-query history open in every view (issue #14
// goal: resident memory <= 300 MB). Fills a store through the collector's write path
// (support/syntheticHistory.ts), reopens it as the core does (openStore: migrations, the fingerprint
// rollup check), then answers every view of the history over the 90 days through the view handlers,
// each the way its page asks (the overview, the run list's first page and a page deep down by cursor,
// the fingerprint list in both sorts, a fingerprint's runs, a statement and its blast radius, WLM
// pressure and samples, live). Prints each view's time on this first call (a first install: nothing
// cached, no WLM samples) and RSS / V8 heap after it, and the peak. No assertions: figures only.
// Run: node --expose-gc --import tsx bench/memory.bench.ts [rows]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { viewHandlers } from '../electron/core/api/viewHandlers.ts';
import { isoFromMicros } from '../electron/core/base/redshiftTime.ts';
import type { ClusterAccess } from '../electron/core/redshift/ClusterAccess.ts';
import { openStore } from '../electron/core/store/openStore.ts';
import { CONNECTION, END_US, fillHistory, START_US } from './support/syntheticHistory.ts';
import { count } from './benchTiming.ts';

const TOTAL = Number(process.argv[2] ?? 500_000);
const MB = 1024 * 1024;
const admin = { door: 'ipc', admin: true } as const;
const gc = (globalThis as { gc?: () => void }).gc;

let peakRss = 0;
function memory(): string {
  gc?.();
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  return `RSS ${(m.rss / MB).toFixed(0).padStart(4)} MB   heap ${(m.heapUsed / MB).toFixed(0).padStart(4)} MB   external ${(m.external / MB).toFixed(0).padStart(3)} MB`;
}

const dir = mkdtempSync(join(tmpdir(), 'ns-bench-memory-'));
try {
  const filling = openStore({ dataDir: dir });
  const seconds = fillHistory(filling, TOTAL);
  filling.close();
  console.log(
    `Core memory over ${count(TOTAL)} queries / 90 days (filled in ${seconds.toFixed(1)} s; load ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(`  process before opening the store:            ${memory()}`);

  const db = openStore({ dataDir: dir });
  const api = viewHandlers({ db, access: {} as ClusterAccess, now: () => new Date(END_US / 1000) });
  console.log(`  store open:                                  ${memory()}`);
  const range = { connectionId: CONNECTION, from: isoFromMicros(START_US), to: isoFromMicros(END_US) };
  const views: [string, () => Promise<unknown>][] = [];
  const step = (what: string, fn: () => Promise<unknown>) => views.push([what, fn]);
  let fingerprint = '';
  let latest = { query: 0, startTime: '' };
  let cursor: string | null = null;
  step('overview.get', () => api['overview.get']({ connectionId: CONNECTION }, admin));
  step('queries.history (first page + total)', async () => {
    const page = await api['queries.history']({ ...range, limit: 500 }, admin);
    latest = { query: page.rows[0]!.query, startTime: page.rows[0]!.startTime };
    const deep = await api['queries.history'](
      { ...range, limit: 500, offset: Math.floor(TOTAL / 2), withTotal: false },
      admin,
    );
    cursor = deep.next;
  });
  step('queries.history (by cursor, halfway)', () =>
    api['queries.history']({ ...range, limit: 500, after: cursor!, withTotal: false }, admin),
  );
  step('queries.fingerprints (newly slow first)', async () => {
    fingerprint = (await api['queries.fingerprints']({ ...range, limit: 50 }, admin)).groups[0]!.fingerprint;
  });
  step('queries.fingerprints (by p95)', () =>
    api['queries.fingerprints']({ ...range, sort: 'p95Ms', limit: 50 }, admin),
  );
  step('queries.runs', () => api['queries.runs']({ ...range, fingerprint, maxPoints: 1200 }, admin));
  step('queries.get', () => api['queries.get']({ connectionId: CONNECTION, ...latest }, admin));
  step('queries.blastRadius', () =>
    api['queries.blastRadius']({ connectionId: CONNECTION, ...latest }, admin),
  );
  step('wlm.pressure (first install: no samples)', () =>
    api['wlm.pressure']({ ...range, maxPoints: 1200 }, admin),
  );
  step('wlm.samples', () => api['wlm.samples'](range, admin));
  step('live.get', () => api['live.get']({ connectionId: CONNECTION }, admin));

  const kept: unknown[] = []; // every answer stays referenced, as the open views hold them
  for (const [what, fn] of views) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    kept.push(await fn());
    const ms = performance.now() - t;
    const { user, system } = process.cpuUsage(cpu);
    // CPU time beside the wall: on a busy machine the wall also counts the waits for a core.
    console.log(
      `  ${what.padEnd(42)} ${ms.toFixed(0).padStart(6)} ms (CPU ${((user + system) / 1000).toFixed(0).padStart(4)} ms)   ${memory()}`,
    );
  }
  console.log(
    `  every view open: peak RSS ${(peakRss / MB).toFixed(0)} MB (goal <= 300 MB), ${kept.length} answers held`,
  );
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
