// Chart shaping, step 2 (pure): turn the aggregated rows of a bucket plan into exactly `plan.count`
// points, one per bucket in time order. A bucket with no stored data, or lying wholly inside a recorded
// collection gap, comes out as `v: null` (drawn as a gap, never as zero: DESIGN.md §3).
import type { MetricPoint } from '../../../../shared/model/metric.ts';
import type { BucketPlan } from './planBuckets.ts';

export interface BucketRow {
  /** Bucket start, epoch seconds (a multiple of plan.widthSeconds). */
  bucket: number;
  avg: number;
  min: number;
  max: number;
}

/** A span that was not collected, epoch seconds [from, to). */
export interface GapSpan {
  from: number;
  to: number;
}

export function fillBuckets(plan: BucketPlan, rows: readonly BucketRow[], gaps: readonly GapSpan[] = []): MetricPoint[] {
  const byBucket = new Map<number, BucketRow>();
  for (const row of rows) byBucket.set(row.bucket, row);
  const points: MetricPoint[] = [];
  for (let i = 0; i < plan.count; i++) {
    const start = plan.firstBucket + i * plan.widthSeconds;
    const end = start + plan.widthSeconds;
    const row = byBucket.get(start);
    const inGap = gaps.some((g) => g.from <= start && g.to >= end);
    if (row === undefined || inGap || !Number.isFinite(row.avg)) {
      points.push({ t: start * 1000, v: null });
    } else {
      points.push({ t: start * 1000, v: row.avg, min: row.min, max: row.max });
    }
  }
  return points;
}
