// metrics.series through the core's dispatch: server-side downsampling to at most maxPoints points,
// the right tier for the range, gaps as null (never zero).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../../shared/model/metric.ts';
import { createCore } from '../../../electron/core/createCore.ts';
import type { Core } from '../../../electron/core/Core.ts';
import { silentLogger } from '../../../electron/core/base/Logger.ts';
import { MetricStore, type NativePoint } from '../../../electron/core/store/metrics/MetricStore.ts';
import { pruneMetrics } from '../../../electron/core/store/metrics/pruneMetrics.ts';
import { rollUpMetrics } from '../../../electron/core/store/metrics/rollUpMetrics.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { tempStore, type TempStore } from './storeFixture.ts';
import { DAY, HOUR, MIN } from './msUnits.ts';

const NOW = Date.parse('2025-03-03T12:00:00Z');
const CPU = { ClusterIdentifier: 'c1' };
const QUEUE = { ClusterIdentifier: 'c1', QueueName: 'etl_nightly' };
/** Quiet spans with no datapoints at all (CloudWatch returns nothing there). */
const HOLE_MINUTES = { from: NOW - 2 * DAY, to: NOW - 2 * DAY + 30 * MIN };
const HOLE_DAY = { from: NOW - 10 * DAY, to: NOW - 9 * DAY };
/** A span recorded as never collected. */
const RECORDED_GAP = { from: NOW - 5 * DAY, to: NOW - 5 * DAY + 2 * HOUR };

const valueAt = (tMs: number) => 10 + ((tMs / MIN) % 90);
const iso = (ms: number) => new Date(ms).toISOString();

let s: TempStore;
let core: Core;

async function series(args: Record<string, unknown>): Promise<MetricSeries> {
  const r = await core.dispatch('metrics.series', args, { door: 'http', admin: false });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as MetricSeries;
}

beforeAll(async () => {
  // 30 days of minutes for one cluster series; the store prunes the minutes older than 15 days.
  s = tempStore();
  const store = new MetricStore(s.db);
  const cpu = store.ensureSeries('conn', 'CPUUtilization', CPU, 60);
  const inHole = (t: number) =>
    (t >= HOLE_MINUTES.from && t < HOLE_MINUTES.to) ||
    (t >= HOLE_DAY.from && t < HOLE_DAY.to) ||
    (t >= RECORDED_GAP.from && t < RECORDED_GAP.to);
  for (let day = 30; day > 0; day--) {
    const points: NativePoint[] = [];
    for (let t = NOW - day * DAY; t < NOW - (day - 1) * DAY; t += MIN) {
      if (!inHole(t)) points.push({ ts: t / 1000, value: valueAt(t) });
    }
    store.write([{ seriesId: cpu.id, points, completeUntil: (NOW - (day - 1) * DAY) / 1000 }]);
    rollUpMetrics(s.db);
  }
  s.db
    .prepare('INSERT INTO metric_gaps (series_id, from_ts, to_ts, reason) VALUES (?, ?, ?, ?)')
    .run(cpu.id, RECORDED_GAP.from / 1000, RECORDED_GAP.to / 1000, 'test');
  // A 5-minute metric.
  const wait = store.ensureSeries('conn', 'WLMQueueWaitTime', QUEUE, 300);
  const waits: NativePoint[] = [];
  for (let t = NOW - DAY; t < NOW; t += 5 * MIN) waits.push({ ts: t / 1000, value: 1000 });
  store.write([{ seriesId: wait.id, points: waits, completeUntil: NOW / 1000 }]);
  rollUpMetrics(s.db);
  pruneMetrics(s.db, NOW);
  s.db.close();

  core = createCore({ dataDir: s.dataDir, version: 'test' }, { log: silentLogger, secrets: null, env: {} });
  await core.start();
});

afterAll(async () => {
  await core.stop();
  // The fixture's handle is already closed; reopen-and-close keeps tempStore's cleanup simple.
  s.db = openStore({ dataDir: s.dataDir });
  s.close();
});

const cpuArgs = (from: number, to: number, maxPoints: number) => ({
  connectionId: 'conn',
  metric: 'CPUUtilization',
  dimensions: CPU,
  from: iso(from),
  to: iso(to),
  maxPoints,
});

describe('metrics.series', () => {
  it('never returns more than maxPoints points, for any range', async () => {
    const ranges = [
      MIN,
      17 * MIN,
      HOUR,
      6 * HOUR,
      DAY,
      3 * DAY,
      7 * DAY,
      15 * DAY,
      29 * DAY,
      90 * DAY,
      400 * DAY,
    ];
    for (const span of ranges) {
      for (const maxPoints of [1, 2, 7, 60, 500, 1440, 4000, 10_000]) {
        const r = await series(cpuArgs(NOW - span, NOW, maxPoints));
        expect(r.points.length).toBeLessThanOrEqual(maxPoints);
        expect(r.points.length).toBeGreaterThan(0);
        for (let i = 1; i < r.points.length; i++) {
          expect(r.points[i]!.t - r.points[i - 1]!.t).toBe(r.resolutionSeconds * 1000);
        }
      }
    }
  });

  it('shows the last hour minute by minute with the collected values', async () => {
    const r = await series(cpuArgs(NOW - HOUR, NOW, 1000));
    expect(r.resolutionSeconds).toBe(60);
    expect(r.points).toHaveLength(60);
    expect(r.points[0]).toEqual({
      t: NOW - HOUR,
      v: valueAt(NOW - HOUR),
      min: valueAt(NOW - HOUR),
      max: valueAt(NOW - HOUR),
    });
  });

  it('averages minutes into wider buckets, with their min and max', async () => {
    const r = await series(cpuArgs(NOW - HOUR, NOW, 12));
    expect(r.resolutionSeconds).toBe(300);
    const first = [0, 1, 2, 3, 4].map((i) => valueAt(NOW - HOUR + i * MIN));
    expect(r.points[0]!.v).toBeCloseTo(first.reduce((a, b) => a + b, 0) / 5, 9);
    expect(r.points[0]!.min).toBe(Math.min(...first));
    expect(r.points[0]!.max).toBe(Math.max(...first));
  });

  it('gives the same hourly average whether read from the rollups or from the minutes (zooming is consistent)', async () => {
    const week = await series(cpuArgs(NOW - 7 * DAY, NOW, 168));
    expect(week.resolutionSeconds).toBe(3600);
    const hour = week.points[100]!;
    const minutes = await series(cpuArgs(hour.t, hour.t + HOUR, 60));
    expect(minutes.resolutionSeconds).toBe(60);
    const values = minutes.points.map((p) => p.v).filter((v): v is number => v !== null);
    expect(hour.v).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
    expect(hour.min).toBe(Math.min(...values));
    expect(hour.max).toBe(Math.max(...values));
  });

  it('draws minutes with no data as null, never as zero', async () => {
    const r = await series(cpuArgs(HOLE_MINUTES.from - 10 * MIN, HOLE_MINUTES.to + 10 * MIN, 1000));
    const nulls = r.points.filter((p) => p.v === null);
    expect(nulls).toHaveLength(30);
    expect(nulls[0]!.t).toBe(HOLE_MINUTES.from);
    expect(r.points.some((p) => p.v === 0)).toBe(false);
  });

  it('draws a recorded collection gap as null', async () => {
    const r = await series(cpuArgs(RECORDED_GAP.from - HOUR, RECORDED_GAP.to + HOUR, 4000));
    // 5 days ago is within the 15 days of minutes kept: minute resolution, with a 2-hour hole.
    expect(r.resolutionSeconds).toBe(60);
    expect(r.points.filter((p) => p.v === null)).toHaveLength(120);
  });

  it('answers an old range from the hourly rollups once the minutes are pruned, with a missing day as null', async () => {
    const r = await series(cpuArgs(NOW - 29 * DAY, NOW - 8 * DAY, 10_000));
    // 21 days at 10,000 points would be 5-minute buckets, but only hours are kept that far back.
    expect(r.resolutionSeconds).toBe(3600);
    const missingDay = r.points.filter((p) => p.t >= HOLE_DAY.from && p.t < HOLE_DAY.to);
    expect(missingDay).toHaveLength(24);
    expect(missingDay.every((p) => p.v === null)).toBe(true);
    const older = r.points.filter((p) => p.t < NOW - 15 * DAY);
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((p) => p.v !== null)).toBe(true);
  });

  it('answers a 5-minute metric at 5 minutes at the finest', async () => {
    const r = await series({
      ...cpuArgs(NOW - HOUR, NOW, 1000),
      metric: 'WLMQueueWaitTime',
      dimensions: QUEUE,
    });
    expect(r.resolutionSeconds).toBe(300);
    expect(r.points.map((p) => p.v)).toEqual(Array(12).fill(1000));
  });

  it('answers a series nobody collected with null buckets, and refuses bad arguments', async () => {
    const r = await series({ ...cpuArgs(NOW - HOUR, NOW, 10), metric: 'HealthStatus' });
    expect(r.points.length).toBeGreaterThan(0);
    expect(r.points.every((p) => p.v === null)).toBe(true);
    const bad = await core.dispatch('metrics.series', cpuArgs(NOW - HOUR, NOW, 0), {
      door: 'http',
      admin: false,
    });
    expect(bad.ok).toBe(false);
  });
});
