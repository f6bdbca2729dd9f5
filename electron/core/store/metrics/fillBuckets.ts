// Chart shaping, step 2 (pure): turn the aggregated rows of a bucket plan into exactly `plan.count`
// points, one per bucket in time order. A bucket with no stored data, or lying wholly inside a recorded
// collection gap, comes out as `v: null` (drawn as a gap, never as zero: DESIGN.md §3).
import type { MetricPoint } from '../../../../shared/model/metric.ts';
import type { BucketPlan } from './planBuckets.ts';

/** One aggregated bucket, as SQLite returns it in raw mode: start (epoch seconds), average, min, max. */
export type BucketRow = readonly [bucket: number, avg: number, min: number, max: number];

/** A span that was not collected, epoch seconds [from, to). */
export interface GapSpan {
  from: number;
  to: number;
}

/** `rows` must be in bucket order (readSeries reads them ORDER BY bucket). */
export function fillBuckets(
  plan: BucketPlan,
  rows: readonly BucketRow[],
  gaps: readonly GapSpan[] = [],
): MetricPoint[] {
  const points: MetricPoint[] = new Array<MetricPoint>(plan.count);
  let r = 0;
  for (let i = 0; i < plan.count; i++) {
    const start = plan.firstBucket + i * plan.widthSeconds;
    const end = start + plan.widthSeconds;
    while (r < rows.length && rows[r]![0] < start) r++;
    const row = r < rows.length && rows[r]![0] === start ? rows[r] : undefined;
    const inGap = gaps.length > 0 && gaps.some((g) => g.from <= start && g.to >= end);
    if (row === undefined || inGap || !Number.isFinite(row[1])) {
      points[i] = { t: start * 1000, v: null };
    } else {
      points[i] = { t: start * 1000, v: row[1], min: row[2], max: row[3] };
    }
  }
  return points;
}
