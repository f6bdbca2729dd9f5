// Benchmark: metrics.series over 90 days of 1-minute CloudWatch history (4 series, 518,400 points).
// Fills the store through the real write path (MetricStore.write, one day per transaction, then
// rollUpMetrics, as the job does), then times metrics.series through the core's dispatch at ≤ 4,000
// points against a naive full scan (every native point in the range read into JS and averaged into the
// same buckets). Retention is not run, so the naive scan has all 90 days of minutes to read.
// Run: npx tsx bench/metricsSeries.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MetricSeries } from '../shared/model/metric.ts';
import { createCore } from '../electron/core/createCore.ts';
import { silentLogger } from '../electron/core/base/Logger.ts';
import { dimensionsKey } from '../electron/core/store/metrics/dimensionsKey.ts';
import { BENCH_SERIES, DAY_MS, fillMinuteSeries } from './support/minuteMetrics.ts';
import { planBuckets } from '../electron/core/store/metrics/planBuckets.ts';
import { openStore } from '../electron/core/store/openStore.ts';

const DAY = DAY_MS;
const DAYS = 90;
const NOW = Date.parse('2025-03-03T12:00:00Z');
const START = NOW - DAYS * DAY;
const SERIES = BENCH_SERIES;
const REPEAT = 15;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

const dataDir = mkdtempSync(join(tmpdir(), 'ns-bench-metrics-'));
try {
  // --- Fill ---------------------------------------------------------------------------------------
  const db = openStore({ dataDir });
  const fillStart = performance.now();
  const written = fillMinuteSeries(db, 'bench', START, DAYS);
  const fillMs = performance.now() - fillStart;
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM metric_points) AS native,
              (SELECT count(*) FROM metric_rollups WHERE resolution = 3600) AS hourly,
              (SELECT count(*) FROM metric_rollups WHERE resolution = 86400) AS daily`,
    )
    .get() as { native: number; hourly: number; daily: number };
  console.log(
    `fill: ${written.toLocaleString()} points via MetricStore.write + rollUpMetrics in ${fmt(fillMs)}`,
  );
  console.log(
    `      (${Math.round(written / (fillMs / 1000)).toLocaleString()} points/s); stored native ${counts.native.toLocaleString()}, hourly ${counts.hourly.toLocaleString()}, daily ${counts.daily}`,
  );

  // --- Naive baseline: read every native point of the range, bucket in JS ---------------------------
  const naiveScan = db.prepare(
    `SELECT p.ts, p.value FROM metric_points p JOIN metric_series s ON s.id = p.series_id
     WHERE s.connection_id = ? AND s.metric = ? AND s.dims_key = ? AND p.ts >= ? AND p.ts < ? ORDER BY p.ts`,
  );
  function naive(
    metric: string,
    dims: Record<string, string>,
    fromMs: number,
    toMs: number,
    maxPoints: number,
  ) {
    const plan = planBuckets(fromMs, toMs, maxPoints, [{ resolution: 60, usable: true }]);
    const rows = naiveScan.all('bench', metric, dimensionsKey(dims), fromMs / 1000, toMs / 1000) as {
      ts: number;
      value: number;
    }[];
    const sums = new Map<number, { sum: number; n: number; min: number; max: number }>();
    for (const r of rows) {
      const b = r.ts - (r.ts % plan.widthSeconds);
      const acc = sums.get(b);
      if (acc) {
        acc.sum += r.value;
        acc.n += 1;
        acc.min = Math.min(acc.min, r.value);
        acc.max = Math.max(acc.max, r.value);
      } else sums.set(b, { sum: r.value, n: 1, min: r.value, max: r.value });
    }
    const points = [];
    for (let i = 0; i < plan.count; i++) {
      const b = plan.firstBucket + i * plan.widthSeconds;
      const acc = sums.get(b);
      points.push(
        acc ? { t: b * 1000, v: acc.sum / acc.n, min: acc.min, max: acc.max } : { t: b * 1000, v: null },
      );
    }
    return { rows: rows.length, points: JSON.stringify(points).length };
  }

  // --- metrics.series through the core (its own connection to the same WAL store) -----------------
  const core = createCore({ dataDir, version: 'bench' }, { log: silentLogger, secrets: null, env: {} });
  await core.start();
  const caller = { door: 'http', admin: false } as const;

  console.log(
    '\nrange   maxPoints  series  points  res(s)  JSON bytes   metrics.series   naive scan (rows)        ratio',
  );
  for (const [label, span, maxPoints] of [
    ['90 d', 90 * DAY, 4000],
    ['30 d', 30 * DAY, 4000],
    ['7 d', 7 * DAY, 4000],
    ['1 d', DAY, 1440],
  ] as const) {
    const from = NOW - span;
    const ours: number[] = [];
    const base: number[] = [];
    let delivered = 0;
    let bytes = 0;
    let res = 0;
    let naiveRows = 0;
    for (let i = 0; i < REPEAT; i++) {
      delivered = 0;
      bytes = 0;
      let t0 = performance.now();
      for (const s of SERIES) {
        const r = await core.dispatch(
          'metrics.series',
          {
            connectionId: 'bench',
            metric: s.metric,
            dimensions: s.dimensions,
            from: new Date(from).toISOString(),
            to: new Date(NOW).toISOString(),
            maxPoints,
          },
          caller,
        );
        if (!r.ok) throw new Error(r.error.message);
        const series = r.result as MetricSeries;
        if (series.points.length > maxPoints)
          throw new Error(`got ${series.points.length} points for maxPoints ${maxPoints}`);
        delivered += series.points.length;
        bytes += JSON.stringify(series).length;
        res = series.resolutionSeconds;
      }
      ours.push(performance.now() - t0);
      t0 = performance.now();
      naiveRows = 0;
      for (const s of SERIES) naiveRows += naive(s.metric, s.dimensions, from, NOW, maxPoints).rows;
      base.push(performance.now() - t0);
    }
    const a = median(ours);
    const b = median(base);
    console.log(
      `${label.padEnd(7)} ${String(maxPoints).padStart(9)}  ${String(SERIES.length).padStart(6)}  ${String(delivered).padStart(6)}  ${String(res).padStart(6)}  ${String(bytes).padStart(10)}   ${fmt(a).padStart(14)}   ${fmt(b).padStart(10)} (${naiveRows.toLocaleString().padStart(7)})   ${(b / a).toFixed(1).padStart(6)}×`,
    );
  }
  console.log(
    `\n(median of ${REPEAT} runs; each row asks for all ${SERIES.length} series; ratio = naive / metrics.series)`,
  );
  await core.stop();
  db.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
