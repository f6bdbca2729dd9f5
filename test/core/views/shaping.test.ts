// Pure shaping of the views: nearest-rank percentiles, time buckets, trends, fix suggestions and the
// peak sweep that derives WLM pressure from the history.
import { describe, expect, it } from 'vitest';
import { medianTrend } from '../../../electron/core/views/readFingerprints.ts';
import { median, percentile, percentileOfSorted } from '../../../electron/core/views/percentile.ts';
import { suggestFix } from '../../../electron/core/views/suggestFix.ts';
import { bucketIndex, planTimeBuckets } from '../../../electron/core/views/timeBuckets.ts';
import { derivableBuckets, peakPerBucket } from '../../../electron/core/views/peakSweep.ts';
import { pressurePoints } from '../../../electron/core/views/readWlmPressure.ts';

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

describe('running and queued derived from the history (peak sweep)', () => {
  const M = 60 * S;
  const plan = { firstUs: 0, widthUs: 10 * M, count: 4 };
  const w = (fromMin: number, toMin: number) => ({ startUs: fromMin * M, endUs: toMin * M });

  it('finds the most windows open at any instant of each bucket, ends before starts at equal times', () => {
    const windows = [
      w(1, 4), // bucket 0
      w(2, 12), // buckets 0-1: with the one above, 2 at once in bucket 0
      w(4, 6), // starts as the first ends: still 2, not 3
      w(15, 35), // starts after the one above ended; spans bucket 2 without an event in it
      w(20, 20), // empty: never counted
      w(30, 31), // starts exactly at bucket 3's start
      w(-5, 1), // began before the range
    ];
    expect(peakPerBucket(windows, plan)).toEqual([2, 1, 1, 2]);
    // A window ending exactly on a bucket boundary does not reach into the next bucket.
    expect(peakPerBucket([w(0, 10), w(5, 10)], plan)).toEqual([2, 0, 0, 0]);
    // Nothing at all: zeros (a known quiet bucket), not nulls.
    expect(peakPerBucket([], plan)).toEqual([0, 0, 0, 0]);
  });

  it('matches a brute-force count on random windows', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const windows = Array.from({ length: 200 }, () => {
      const start = Math.floor(rnd() * 45 * M) - 5 * M;
      return { startUs: start, endUs: start + Math.floor(rnd() * 8 * M) };
    });
    const brute = Array.from({ length: plan.count }, (_, b) => {
      let peak = 0;
      // The count only rises at a start (or at the bucket start): check those instants.
      const instants = [b * 10 * M, ...windows.map((x) => x.startUs)].filter(
        (t) => t >= b * 10 * M && t < (b + 1) * 10 * M,
      );
      for (const t of instants)
        peak = Math.max(peak, windows.filter((x) => x.startUs <= t && t < x.endUs).length);
      return peak;
    });
    expect(peakPerBucket(windows, plan)).toEqual(brute);
  });

  it('speaks only for buckets the history covers and no collection gap touches', () => {
    expect(derivableBuckets(plan, 5 * M, 32 * M, [{ fromUs: 12 * M, toUs: 14 * M }])).toEqual([
      true,
      false, // a query_history gap: stays a gap
      true,
      true, // the history is complete up to 32 min
    ]);
    expect(derivableBuckets(plan, 11 * M, 30 * M, [])).toEqual([false, true, true, false]);
    expect(derivableBuckets(plan, null, null, [])).toEqual([false, false, false, false]);
  });

  it('points: samples first, else the history where it speaks, else null', () => {
    const points = pressurePoints(
      plan,
      { samples: new Map([[1, { running: 3, queued: 1, slots: 3 }]]), waits: new Map() },
      3,
      { derivable: [true, true, false, true], peaks: { running: [2, 1, 5, 0], queued: [1, 0, 4, 0] } },
    );
    expect(points.map((p) => [p.source, p.running, p.queued, p.slots])).toEqual([
      ['history', 2, 1, null],
      ['samples', 3, 1, 3],
      [null, null, null, null], // a gap bucket stays null, whatever the history holds
      ['history', 0, 0, null],
    ]);
  });

  it('points: a queue absent from a bucket the sampler polled had nothing running or queued', () => {
    const points = pressurePoints(plan, { samples: new Map(), waits: new Map() }, 3, {
      derivable: [false, true, false, false],
      peaks: { running: [9, 9, 9, 9], queued: [9, 9, 9, 9] },
      sampled: new Set([0, 2]),
    });
    expect(points.map((p) => [p.source, p.running, p.queued, p.slots])).toEqual([
      ['samples', 0, 0, 3],
      ['history', 9, 9, null],
      ['samples', 0, 0, 3],
      [null, null, null, null],
    ]);
  });
});
