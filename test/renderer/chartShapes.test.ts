import { describe, expect, it } from 'vitest';
import { formatDurationTick } from '../../renderer/src/charts/formatAxis.ts';
import { sparklinePaths } from '../../renderer/src/charts/sparklinePaths.ts';
import { timeTicks } from '../../renderer/src/charts/timeTicks.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('sparkline shaping', () => {
  it('spreads values across the width and scales from zero to the maximum (y grows downwards)', () => {
    const { lines, dots } = sparklinePaths([0, 5, 10], 100, 22, 2);
    expect(dots).toEqual([]);
    expect(lines).toEqual(['2,20 50,11 98,2']);
  });

  it('breaks the line at gaps (null), never drawing them as zero', () => {
    const { lines, dots } = sparklinePaths([4, 8, null, 6, 2], 100, 22, 2);
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).not.toContain(',20 '); // no point on the zero line
    expect(dots).toEqual([]);
  });

  it('draws a lone value between gaps as a dot, and nothing at all for an empty trend', () => {
    const { lines, dots } = sparklinePaths([null, 7, null], 100, 22, 2);
    expect(lines).toEqual([]);
    expect(dots).toEqual([[50, 2]]);
    expect(sparklinePaths([null, null], 100, 22)).toEqual({ lines: [], dots: [] });
    expect(sparklinePaths([], 100, 22)).toEqual({ lines: [], dots: [] });
  });

  it('puts a flat series in the middle', () => {
    expect(sparklinePaths([0, 0], 10, 20, 0).lines).toEqual(['0,10 10,10']);
  });
});

describe('time axis ticks', () => {
  const from = Date.UTC(2026, 10, 26, 6, 7, 0);

  it('puts round hours in the range for a day, about one per 90 px', () => {
    const ticks = timeTicks(from, from + DAY, 900, 'utc');
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(10);
    for (const t of ticks) {
      expect(t % HOUR).toBe(0);
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThanOrEqual(from + DAY);
    }
  });

  it('uses midnights for a week and month starts for 400 days', () => {
    for (const t of timeTicks(from, from + 7 * DAY, 900, 'utc')) expect(t % DAY).toBe(0);
    const year = timeTicks(from - 400 * DAY, from, 1000, 'utc');
    expect(year.length).toBeGreaterThan(3);
    for (const t of year) expect(new Date(t).getUTCDate()).toBe(1);
  });

  it('aligns to the local wall clock in local time', () => {
    const ticks = timeTicks(from, from + DAY, 900, 'local');
    for (const t of ticks) {
      const d = new Date(t);
      expect(d.getMinutes()).toBe(0);
    }
  });

  it('gives nothing for an empty range or no width', () => {
    expect(timeTicks(from, from, 900, 'utc')).toEqual([]);
    expect(timeTicks(from, from + DAY, 0, 'utc')).toEqual([]);
  });
});

describe('duration axis labels', () => {
  it('stay short enough for an axis', () => {
    expect(formatDurationTick(0)).toBe('0');
    expect(formatDurationTick(850)).toBe('850ms');
    expect(formatDurationTick(8_400)).toBe('8.4s');
    expect(formatDurationTick(12_400)).toBe('12s');
    expect(formatDurationTick(2_000_000)).toBe('33m');
    expect(formatDurationTick(6_000_000)).toBe('1.7h');
    expect(formatDurationTick(3 * DAY)).toBe('3d');
  });
});
