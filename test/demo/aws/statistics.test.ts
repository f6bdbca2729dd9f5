// CloudWatch's arithmetic in the stand-in (REFERENCE 5.2) and the window math of the SQL metric source.
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  isRetained,
  isValidPeriod,
  parseStatistic,
  roundStartTime,
} from '../../../electron/demo/aws/statistics.ts';
import { EventSeries, IntervalSet } from '../../../electron/demo/aws/timeSeriesMath.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.parse('2025-03-03T00:00:00Z');

describe('statistics', () => {
  it('computes the standard statistics and nearest-rank percentiles', () => {
    const values = [4, 1, 3, 2];
    const stat = (s: string) => parseStatistic(s)?.(values);
    expect([stat('Average'), stat('Sum'), stat('Minimum'), stat('Maximum'), stat('SampleCount')]).toEqual([
      2.5, 10, 1, 4, 4,
    ]);
    expect([stat('p50'), stat('p90'), stat('p99.9'), stat('p100')]).toEqual([2, 4, 4, 4]);
    expect(parseStatistic('Median')).toBeNull();
    expect(parseStatistic('p101')).toBeNull();
  });

  it('accepts high-resolution periods and multiples of 60 only', () => {
    expect([1, 5, 10, 20, 30, 60, 300, 3600].every(isValidPeriod)).toBe(true);
    expect([0, 2, 45, 61, 90.5].some(isValidPeriod)).toBe(false);
  });

  it('rounds StartTime down by its age and keeps data per period for 3 h / 15 / 63 / 455 days', () => {
    const asOf = T0 + 100 * DAY;
    expect(roundStartTime(asOf - DAY + 30_000, asOf)).toBe(asOf - DAY);
    expect(roundStartTime(asOf - 20 * DAY + 7 * MIN, asOf)).toBe(asOf - 20 * DAY + 5 * MIN);
    expect(roundStartTime(asOf - 70 * DAY + 59 * MIN, asOf)).toBe(asOf - 70 * DAY);
    expect(isRetained(asOf - 2 * 3600_000, 10, asOf)).toBe(true);
    expect(isRetained(asOf - 4 * 3600_000, 10, asOf)).toBe(false);
    expect(isRetained(asOf - 14 * DAY, 60, asOf)).toBe(true);
    expect(isRetained(asOf - 16 * DAY, 60, asOf)).toBe(false);
    expect(isRetained(asOf - 16 * DAY, 600, asOf)).toBe(true);
    expect(isRetained(asOf - 64 * DAY, 600, asOf)).toBe(false);
    expect(isRetained(asOf - 64 * DAY, 7200, asOf)).toBe(true);
    expect(isRetained(asOf - 456 * DAY, 3600, asOf)).toBe(false);
  });

  it('buckets samples from StartTime by Period and leaves empty periods out', () => {
    const samples = [0, 1, 2, 7, 8].map((m) => ({ timestamp: new Date(T0 + m * MIN), value: m }));
    const avg = parseStatistic('Average');
    if (avg === null) throw new Error('no Average');
    expect(aggregate(samples, T0, T0 + 10 * MIN, 180, avg, T0 + DAY)).toEqual([
      { timestampMs: T0, value: 1 },
      { timestampMs: T0 + 6 * MIN, value: 7.5 },
    ]);
  });
});

describe('window math', () => {
  it('IntervalSet averages how many intervals are open over a window', () => {
    const set = new IntervalSet(
      [
        [T0, T0 + 2 * MIN],
        [T0 + 30_000, T0 + 90_000],
        [T0 + 5 * MIN, T0 + 5 * MIN], // empty: ignored
      ],
      T0 - DAY,
    );
    expect(set.size).toBe(2);
    expect(set.average(T0, T0 + MIN)).toBe(1.5);
    expect(set.average(T0 + MIN, T0 + 2 * MIN)).toBe(1.5);
    expect(set.average(T0 + 2 * MIN, T0 + 3 * MIN)).toBe(0);
  });

  it('EventSeries counts, sums and averages point events in [from, to)', () => {
    const events = new EventSeries(
      [
        [T0 + 10_000, 4],
        [T0 + 50_000, 8],
        [T0 + MIN, 100],
      ],
      T0 - DAY,
    );
    expect([events.count(T0, T0 + MIN), events.sum(T0, T0 + MIN), events.mean(T0, T0 + MIN)]).toEqual([
      2, 12, 6,
    ]);
    expect(events.mean(T0 + 2 * MIN, T0 + 3 * MIN)).toBe(0);
  });
});
