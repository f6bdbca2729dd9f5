// Pure shaping of the views: nearest-rank percentiles, time buckets, trends and fix suggestions.
import { describe, expect, it } from 'vitest';
import { medianTrend } from '../../../electron/core/views/readFingerprints.ts';
import { median, percentile, percentileOfSorted } from '../../../electron/core/views/percentile.ts';
import { suggestFix } from '../../../electron/core/views/suggestFix.ts';
import { bucketIndex, planTimeBuckets } from '../../../electron/core/views/timeBuckets.ts';

const S = 1_000_000;

describe('percentile (nearest rank)', () => {
  it('returns an observed value at rank ceil(p/100 × n)', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([3, 1, 2, 10], 95)).toBe(10);
    expect(median([4, 1, 3, 2])).toBe(2); // lower middle of an even count
    expect(median([])).toBeNull();
    expect(percentileOfSorted(Float64Array.of(7), 95)).toBe(7);
  });

  it('sorts numerically, not as text', () => {
    expect(percentile([100, 9, 20], 50)).toBe(20);
  });
});

describe('time buckets', () => {
  it('never yields more buckets than asked, with nice epoch-aligned widths', () => {
    for (const [rangeS, max] of [
      [60, 30],
      [3_600, 100],
      [86_400, 30],
      [90 * 86_400, 30],
      [21 * 86_400, 200],
      [7, 1000],
    ] as const) {
      const from = 1_700_000_123 * S;
      const plan = planTimeBuckets(from, from + rangeS * S, max);
      expect(plan.count).toBeLessThanOrEqual(max);
      expect(plan.count).toBeGreaterThan(0);
      expect(plan.firstUs % plan.widthUs).toBe(0);
      expect(plan.firstUs).toBeLessThanOrEqual(from);
      expect(bucketIndex(plan, from + rangeS * S)).toBe(plan.count - 1);
    }
    // [from, to] is inclusive: an hour ending on a boundary starts the 61st minute.
    expect(planTimeBuckets(0, 3_599 * S, 60).widthUs).toBe(60 * S);
    expect(planTimeBuckets(0, 3_600 * S, 60).widthUs).toBe(120 * S);
  });

  it('a trend has a median per bucket and null where nothing ran', () => {
    const from = 1_700_000_000 * S - (1_700_000_000 % 60) * S;
    const trend = medianTrend(
      [
        [from + 1 * S, 10_000],
        [from + 2 * S, 30_000],
        [from + 3 * S, 20_000],
        [from + 125 * S, 5_000],
      ],
      from,
      from + 179 * S,
      3,
    );
    expect(trend).toEqual([
      { t: from / 1000, v: 20 },
      { t: from / 1000 + 60_000, v: null },
      { t: from / 1000 + 120_000, v: 5 },
    ]);
  });
});

describe('suggestFix', () => {
  it('gives one plain suggestion per standard alert, and quotes Redshift otherwise', () => {
    expect(suggestFix('Missing query planner statistics', 'Run the ANALYZE command')).toMatch(/ANALYZE/);
    expect(suggestFix('Nested Loop Join in the query', 'Review the join predicates')).toMatch(
      /join condition/,
    );
    expect(
      suggestFix('Very selective query filter:ratio=rows(61)/rows_pre_user_filter(2524)=0.024', ''),
    ).toMatch(/sort key/);
    expect(suggestFix('Scanned a large number of deleted rows', 'Run the VACUUM command')).toMatch(/VACUUM/);
    expect(suggestFix('Distributed a large number of rows across the network', '')).toMatch(/co-located/);
    expect(suggestFix('Broadcasted a large number of rows across the network', '')).toMatch(/DISTSTYLE ALL/);
    expect(suggestFix('Hash join spilled to disk', '')).toMatch(/memory/);
    expect(suggestFix('Something new', 'Do the new thing')).toBe('Redshift suggests: "Do the new thing".');
  });
});
