// Chart shaping, step 1: bucket width and tier choice (pure).
import { describe, expect, it } from 'vitest';
import {
  chooseUsableTiers,
  planBuckets,
  type Tier,
} from '../../../electron/core/store/metrics/planBuckets.ts';
import { DAY, HOUR, MIN } from './msUnits.ts';

const T0 = Date.parse('2025-03-03T00:00:00Z');
const allUsable = (native = 60): Tier[] => [
  { resolution: native, usable: true },
  { resolution: 3600, usable: true },
  { resolution: 86400, usable: true },
];

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('planBuckets', () => {
  it('never plans more buckets than maxPoints, whatever the range', () => {
    const random = rng(7);
    for (let i = 0; i < 5000; i++) {
      const from = T0 - Math.floor(random() * 800 * DAY);
      const to = from + Math.floor(random() ** 3 * 500 * DAY);
      const maxPoints = 1 + Math.floor(random() ** 2 * 10_000);
      const native = random() < 0.5 ? 60 : 300;
      const plan = planBuckets(from, to, maxPoints, allUsable(native));
      expect(plan.count).toBeLessThanOrEqual(maxPoints);
      // The buckets cover the whole range.
      expect(plan.firstBucket * 1000).toBeLessThanOrEqual(from);
      if (to > from)
        expect((plan.firstBucket + plan.count * plan.widthSeconds) * 1000).toBeGreaterThanOrEqual(to);
      expect(plan.widthSeconds % plan.tierResolution).toBe(0);
      expect(plan.widthSeconds).toBeGreaterThanOrEqual(native);
    }
  });

  it('shows a short range at the native minute resolution', () => {
    expect(planBuckets(T0, T0 + HOUR, 500, allUsable())).toEqual({
      tierResolution: 60,
      widthSeconds: 60,
      firstBucket: T0 / 1000,
      count: 60,
    });
  });

  it('never goes finer than a 5-minute metric is published', () => {
    const plan = planBuckets(T0, T0 + HOUR, 500, allUsable(300));
    expect(plan).toMatchObject({ tierResolution: 300, widthSeconds: 300, count: 12 });
  });

  it('answers 90 days at ≤ 4,000 points from the hourly rollups', () => {
    const plan = planBuckets(T0 - 90 * DAY, T0, 4000, allUsable());
    expect(plan).toMatchObject({ tierResolution: 3600, widthSeconds: 3600, count: 2160 });
  });

  it('answers a year at a few hundred points from the daily rollups', () => {
    const plan = planBuckets(T0 - 365 * DAY, T0, 400, allUsable());
    expect(plan).toMatchObject({ tierResolution: 86400, widthSeconds: 86400, count: 365 });
  });

  it('keeps bucket boundaries still while a live window slides forward', () => {
    const a = planBuckets(T0 - 6 * HOUR, T0, 100, allUsable());
    const b = planBuckets(T0 - 6 * HOUR + MIN, T0 + MIN, 100, allUsable());
    expect(b.widthSeconds).toBe(a.widthSeconds);
    expect((b.firstBucket - a.firstBucket) % a.widthSeconds).toBe(0);
  });

  it('plans one bucket when asked for one point, and none for an empty range', () => {
    expect(planBuckets(T0 + 59 * MIN, T0 + 61 * MIN, 1, allUsable()).count).toBe(1);
    expect(planBuckets(T0, T0, 100, allUsable()).count).toBe(0);
  });

  it('reads from a coarser tier when the finer one does not reach back', () => {
    const tiers: Tier[] = [
      { resolution: 60, usable: false },
      { resolution: 3600, usable: true },
      { resolution: 86400, usable: true },
    ];
    // 20 days at 10,000 points would be 5-minute buckets, but the minutes are gone: hourly it is.
    expect(planBuckets(T0 - 20 * DAY, T0, 10_000, tiers)).toMatchObject({
      tierResolution: 3600,
      widthSeconds: 3600,
    });
  });
});

describe('chooseUsableTiers', () => {
  const now = T0 / 1000;
  it('falls back to hourly rollups for a range older than the minutes kept', () => {
    const tiers = chooseUsableTiers(T0 - 30 * DAY, [
      { resolution: 60, earliest: now - 15 * 86400 },
      { resolution: 3600, earliest: now - 90 * 86400 },
      { resolution: 86400, earliest: now - 90 * 86400 },
    ]);
    expect(tiers.map((t) => t.usable)).toEqual([false, true, true]);
  });

  it('uses the minutes when the whole history is younger than the range', () => {
    // Collection started 2 days ago: asking for 7 days still deserves minute resolution.
    const tiers = chooseUsableTiers(T0 - 7 * DAY, [
      { resolution: 60, earliest: now - 2 * 86400 + 120 },
      { resolution: 3600, earliest: now - 2 * 86400 },
      { resolution: 86400, earliest: now - 2 * 86400 },
    ]);
    expect(tiers.map((t) => t.usable)).toEqual([true, true, true]);
  });

  it('treats an empty series as answerable at the finest resolution', () => {
    const tiers = chooseUsableTiers(T0, [
      { resolution: 60, earliest: null },
      { resolution: 3600, earliest: null },
      { resolution: 86400, earliest: null },
    ]);
    expect(tiers[0]!.usable).toBe(true);
  });
});
