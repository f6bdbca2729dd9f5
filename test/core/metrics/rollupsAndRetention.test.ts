// Rollups (1 min -> 1 h -> 1 day) and retention on a real SQLite store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetricStore, type NativePoint } from '../../../electron/core/store/metrics/MetricStore.ts';
import { pruneMetrics } from '../../../electron/core/store/metrics/pruneMetrics.ts';
import { rollUpMetrics } from '../../../electron/core/store/metrics/rollUpMetrics.ts';
import { tempStore, type TempStore } from './storeFixture.ts';

const DAY = 86400;
const T0 = Date.parse('2025-03-03T00:00:00Z') / 1000;
const DIMS = { ClusterIdentifier: 'c1' };

let s: TempStore;
let store: MetricStore;
beforeEach(() => {
  s = tempStore();
  store = new MetricStore(s.db);
});
afterEach(() => s.close());

/** A wavy series with some minutes missing (no datapoint, as CloudWatch does for quiet periods). */
function minutes(from: number, to: number): NativePoint[] {
  const out: NativePoint[] = [];
  for (let ts = from; ts < to; ts += 60) {
    const i = (ts - from) / 60;
    if (i % 17 === 5 || i % 101 === 0) continue;
    out.push({ ts, value: 50 + 40 * Math.sin(i / 37) + (i % 7) });
  }
  return out;
}

function rollups(seriesId: number, resolution: number) {
  return s.db
    .prepare(
      'SELECT ts, avg, min, max, count FROM metric_rollups WHERE series_id = ? AND resolution = ? ORDER BY ts',
    )
    .all(seriesId, resolution) as { ts: number; avg: number; min: number; max: number; count: number }[];
}

function expectedBuckets(points: NativePoint[], width: number) {
  const groups = new Map<number, number[]>();
  for (const p of points) {
    const b = Math.floor(p.ts / width) * width;
    groups.set(b, [...(groups.get(b) ?? []), p.value]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([ts, v]) => ({
      ts,
      avg: v.reduce((a, b) => a + b, 0) / v.length,
      min: Math.min(...v),
      max: Math.max(...v),
      count: v.length,
    }));
}

describe('rollups', () => {
  it('hourly and daily rollups match the averages, minima and maxima of the raw minutes', () => {
    const series = store.ensureSeries('conn', 'CPUUtilization', DIMS, 60);
    const points = minutes(T0, T0 + 3 * DAY);
    store.write([{ seriesId: series.id, points, completeUntil: T0 + 3 * DAY }]);
    expect(rollUpMetrics(s.db)).toBe(1);

    for (const [resolution, width] of [
      [3600, 3600],
      [86400, 86400],
    ] as const) {
      const actual = rollups(series.id, resolution);
      const expected = expectedBuckets(points, width);
      expect(actual.length).toBe(expected.length);
      actual.forEach((row, i) => {
        const e = expected[i]!;
        expect(row.ts).toBe(e.ts);
        expect(row.count).toBe(e.count);
        expect(row.min).toBe(e.min);
        expect(row.max).toBe(e.max);
        expect(row.avg).toBeCloseTo(e.avg, 9);
      });
    }
  });

  it('is incremental and idempotent: late points recompute their hour, a second pass changes nothing', () => {
    const series = store.ensureSeries('conn', 'CPUUtilization', DIMS, 60);
    const first = minutes(T0, T0 + 2 * 3600);
    store.write([{ seriesId: series.id, points: first, completeUntil: T0 + 2 * 3600 }]);
    rollUpMetrics(s.db);
    const before = rollups(series.id, 3600);
    expect(rollUpMetrics(s.db)).toBe(0); // nothing new: nothing to do
    expect(rollups(series.id, 3600)).toEqual(before);

    // A late minute in the second hour and a new third hour.
    const late = [{ ts: T0 + 3600 + 5 * 60, value: 1000 }, ...minutes(T0 + 2 * 3600, T0 + 3 * 3600)];
    store.write([{ seriesId: series.id, points: late, completeUntil: T0 + 3 * 3600 }]);
    rollUpMetrics(s.db);
    rollUpMetrics(s.db);
    const merged = new Map([...first, ...late].map((p) => [p.ts, p.value]));
    const all = [...merged.entries()].map(([ts, value]) => ({ ts, value }));
    const after = rollups(series.id, 3600);
    expect(after.map((r) => r.ts)).toEqual([T0, T0 + 3600, T0 + 7200]);
    expect(after[0]).toEqual(before[0]); // untouched hour
    expect(after[1]!.max).toBe(1000);
    expect(after[1]!.avg).toBeCloseTo(expectedBuckets(all, 3600)[1]!.avg, 9);
    expect(rollups(series.id, 86400)[0]!.count).toBe(all.length);
  });

  it('stores a re-read point once (upsert on series + timestamp), keeping the newest value', () => {
    const series = store.ensureSeries('conn', 'DatabaseConnections', DIMS, 60);
    store.write([{ seriesId: series.id, points: [{ ts: T0, value: 3 }] }]);
    store.write([{ seriesId: series.id, points: [{ ts: T0, value: 4 }] }]);
    expect(s.db.prepare('SELECT ts, value FROM metric_points WHERE series_id = ?').all(series.id)).toEqual([
      { ts: T0, value: 4 },
    ]);
    // The same natural key is the same series, whatever the dimension order.
    expect(store.ensureSeries('conn', 'DatabaseConnections', { ...DIMS }, 60).id).toBe(series.id);
  });
});

describe('retention', () => {
  it('prunes minutes after 15 days and hours after 400 days, keeps days forever', () => {
    const now = T0;
    const series = store.ensureSeries('conn', 'CPUUtilization', DIMS, 60);
    // 20 days of minutes, and hourly/daily rollups as old as 500 days.
    const points = minutes(now - 20 * DAY, now);
    store.write([{ seriesId: series.id, points, completeUntil: now }]);
    rollUpMetrics(s.db);
    const old = s.db.prepare(
      'INSERT INTO metric_rollups (series_id, resolution, ts, avg, min, max, count) VALUES (?, ?, ?, 1, 1, 1, 60)',
    );
    for (let d = 21; d <= 500; d++) {
      old.run(series.id, 86400, now - d * DAY);
      old.run(series.id, 3600, now - d * DAY);
    }
    const pruned = pruneMetrics(s.db, now * 1000);
    expect(pruned.native).toBeGreaterThan(0);
    const oldestMinute = (s.db.prepare('SELECT min(ts) AS m FROM metric_points').get() as { m: number }).m;
    expect(oldestMinute).toBeGreaterThanOrEqual(now - 15 * DAY);
    expect(oldestMinute).toBeLessThan(now - 15 * DAY + 3600);
    const oldestHour = (
      s.db.prepare('SELECT min(ts) AS m FROM metric_rollups WHERE resolution = 3600').get() as { m: number }
    ).m;
    expect(oldestHour).toBeGreaterThanOrEqual(now - 400 * DAY);
    const days = s.db
      .prepare('SELECT count(*) AS n, min(ts) AS m FROM metric_rollups WHERE resolution = 86400')
      .get();
    expect(days).toEqual({ n: 480 + 20, m: now - 500 * DAY });
    // Pruning twice is a no-op.
    expect(pruneMetrics(s.db, now * 1000)).toEqual({ native: 0, hourly: 0, daily: 0 });
  });

  it('never prunes minutes whose hour is not rolled up yet', () => {
    const now = T0;
    const series = store.ensureSeries('conn', 'CPUUtilization', DIMS, 60);
    store.write([
      { seriesId: series.id, points: minutes(now - 20 * DAY, now - 19 * DAY), completeUntil: now - 19 * DAY },
    ]);
    // No rollup yet: all minutes stay, however old.
    expect(pruneMetrics(s.db, now * 1000).native).toBe(0);
    rollUpMetrics(s.db);
    expect(pruneMetrics(s.db, now * 1000).native).toBeGreaterThan(0);
    expect(rollups(series.id, 3600).length).toBe(24);
  });

  it('honours a configured retention, including a limit on daily rollups', () => {
    const now = T0;
    const series = store.ensureSeries('conn', 'CPUUtilization', DIMS, 60);
    store.write([{ seriesId: series.id, points: minutes(now - 10 * DAY, now), completeUntil: now }]);
    rollUpMetrics(s.db);
    pruneMetrics(s.db, now * 1000, { nativeDays: 2, hourlyDays: 5, dailyDays: 7 });
    const oldest = (sql: string) => (s.db.prepare(sql).get() as { m: number }).m;
    expect(oldest('SELECT min(ts) AS m FROM metric_points')).toBeGreaterThanOrEqual(now - 2 * DAY);
    expect(oldest('SELECT min(ts) AS m FROM metric_rollups WHERE resolution = 3600')).toBeGreaterThanOrEqual(
      now - 5 * DAY,
    );
    expect(oldest('SELECT min(ts) AS m FROM metric_rollups WHERE resolution = 86400')).toBeGreaterThanOrEqual(
      now - 7 * DAY,
    );
  });
});
