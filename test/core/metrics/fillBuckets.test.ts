// Chart shaping, step 2: one point per bucket, gaps as null (pure).
import { describe, expect, it } from 'vitest';
import { fillBuckets } from '../../../electron/core/store/metrics/fillBuckets.ts';
import type { BucketPlan } from '../../../electron/core/store/metrics/planBuckets.ts';

const plan: BucketPlan = { tierResolution: 60, widthSeconds: 60, firstBucket: 1_740_960_000, count: 5 };
const b = (i: number) => plan.firstBucket + i * 60;

describe('fillBuckets', () => {
  it('returns exactly one point per bucket, in time order, with t in epoch milliseconds', () => {
    const points = fillBuckets(plan, [[b(0), 1, 0, 2] as const]);
    expect(points.map((p) => p.t)).toEqual([0, 1, 2, 3, 4].map((i) => b(i) * 1000));
  });

  it('draws buckets with nothing collected as null, never as zero', () => {
    const points = fillBuckets(plan, [[b(0), 10, 9, 11] as const, [b(3), 0, 0, 0] as const]);
    expect(points.map((p) => p.v)).toEqual([10, null, null, 0, null]);
    expect(points[0]).toEqual({ t: b(0) * 1000, v: 10, min: 9, max: 11 });
    expect(points[1]).toEqual({ t: b(1) * 1000, v: null });
  });

  it('draws buckets inside a recorded collection gap as null', () => {
    const rows = [0, 1, 2, 3, 4].map((i) => [b(i), 5, 5, 5] as const);
    const points = fillBuckets(plan, rows, [{ from: b(1), to: b(3) }]);
    expect(points.map((p) => p.v)).toEqual([5, null, null, 5, 5]);
  });
});
