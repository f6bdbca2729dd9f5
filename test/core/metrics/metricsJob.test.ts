// The 'metrics' job against the real AWS stand-in through the real @aws-sdk/client-cloudwatch:
// incremental runs from per-series watermarks, paging, throttling / 5xx / PartialData, gaps.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMetricsJob,
  type MetricsJobOptions,
} from '../../../electron/core/collector/jobs/metricsJob.ts';
import { readSeries } from '../../../electron/core/store/metrics/readSeries.ts';
import { CLUSTER_ID, startHarness, valueOf, type Harness } from './cloudWatchHarness.ts';
import { tempStore, type TempStore } from './storeFixture.ts';
import { DAY, HOUR, MIN } from './msUnits.ts';

const NOW = new Date('2025-03-03T11:30:30Z');
const WATERMARK_1 = Date.parse('2025-03-03T11:30:00Z') / 1000;
const CPU = { ClusterIdentifier: CLUSTER_ID };
const QUEUES = ['etl_nightly', 'bi_dashboards', 'Default queue'];
// 6 cluster-wide + 2 × 3 per-queue one-minute series; 2 × 3 per-queue + 2 × 3 per-latency 5-minute ones.
const PER_MINUTE_SERIES = 12;
const FIVE_MINUTE_SERIES = 12;

const FAST: MetricsJobOptions = { initialLookbackMs: 2 * HOUR, settleMs: 0, retryDelaysMs: [20, 50] };

let h: Harness;
let s: TempStore;

beforeAll(async () => {
  h = await startHarness(NOW);
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  s = tempStore();
  h.requests.length = 0;
  h.warnings.length = 0;
  h.source.quiet = [];
  h.source.failing.clear();
  h.standIn.faults.reset();
});
afterEach(() => {
  s.close();
  // Each test starts at NOW again.
  h.clock.advance(NOW.getTime() - h.clock.now().getTime());
});

const watermarks = () =>
  s.db
    .prepare('SELECT metric, dims_key, complete_until FROM metric_series ORDER BY metric, dims_key')
    .all() as {
    metric: string;
    dims_key: string;
    complete_until: number | null;
  }[];
const pointCount = () => (s.db.prepare('SELECT count(*) AS n FROM metric_points').get() as { n: number }).n;
const allPoints = (db = s.db) =>
  db
    .prepare(
      `SELECT m.metric, m.dims_key, p.ts, p.value FROM metric_points p JOIN metric_series m ON m.id = p.series_id
       ORDER BY m.metric, m.dims_key, p.ts`,
    )
    .all();

describe('metrics job', () => {
  it('stores the series the views need, with the values CloudWatch reports', async () => {
    h.source.quiet.push({
      metric: 'CPUUtilization',
      from: Date.parse('2025-03-03T10:00:00Z'),
      to: Date.parse('2025-03-03T10:10:00Z'),
    });
    const result = await createMetricsJob(FAST).run(h.context(s.db));

    // Two hours of minutes (one CPU series is quiet for 10 of them), 24 five-minute periods.
    expect(result.rowsRead).toBe(PER_MINUTE_SERIES * 120 - 10 + FIVE_MINUTE_SERIES * 24);
    expect(result.more).toBeUndefined();
    const names = new Set(watermarks().map((w) => w.metric));
    for (const m of [
      'CPUUtilization',
      'PercentageDiskSpaceUsed',
      'DatabaseConnections',
      'HealthStatus',
      'WLMQueueLength',
      'WLMRunningQueries',
      'WLMQueueWaitTime',
      'QueryDuration',
    ]) {
      expect(names.has(m)).toBe(true);
    }
    expect(watermarks().every((w) => w.complete_until === WATERMARK_1)).toBe(true);

    // What a chart sees: minute values as measured, the quiet span as null.
    const cpu = readSeries(s.db, {
      connectionId: 'demo',
      metric: 'CPUUtilization',
      dimensions: CPU,
      from: '2025-03-03T09:30:00Z',
      to: '2025-03-03T11:30:00Z',
      maxPoints: 500,
    });
    expect(cpu.resolutionSeconds).toBe(60);
    expect(cpu.points).toHaveLength(120);
    expect(cpu.points.filter((p) => p.v === null)).toHaveLength(10);
    const p0 = cpu.points[0]!;
    expect(p0.v).toBeCloseTo(valueOf('CPUUtilization', CPU, p0.t), 9);
    for (const queue of QUEUES) {
      const wait = readSeries(s.db, {
        connectionId: 'demo',
        metric: 'WLMQueueWaitTime',
        dimensions: { ClusterIdentifier: CLUSTER_ID, QueueName: queue },
        from: '2025-03-03T09:30:00Z',
        to: '2025-03-03T11:30:00Z',
        maxPoints: 500,
      });
      expect(wait.resolutionSeconds).toBe(300);
      expect(wait.points.every((p) => p.v !== null)).toBe(true);
    }
    // Hourly rollups exist for the hours collected.
    expect(
      (
        s.db.prepare('SELECT count(*) AS n FROM metric_rollups WHERE resolution = 3600').get() as {
          n: number;
        }
      ).n,
    ).toBeGreaterThan(0);

    // The requests: ascending scan, one period per metric, ≤ 500 queries each.
    expect(h.requests.length).toBeGreaterThan(0);
    for (const r of h.requests) {
      expect(r.ScanBy).toBe('TimestampAscending');
      expect(r.MetricDataQueries!.length).toBeLessThanOrEqual(500);
      for (const q of r.MetricDataQueries!) expect([60, 300]).toContain(q.MetricStat!.Period);
    }
  });

  it('reads only what is newer than the watermark on the next run', async () => {
    const job = createMetricsJob(FAST);
    await job.run(h.context(s.db));
    const before = pointCount();
    h.requests.length = 0;
    h.clock.advance(5 * MIN);

    const second = await job.run(h.context(s.db));
    // 5 new minutes per one-minute series, 1 new period per five-minute series: nothing re-read.
    expect(second.rowsRead).toBe(PER_MINUTE_SERIES * 5 + FIVE_MINUTE_SERIES);
    expect(pointCount()).toBe(before + second.rowsRead);
    for (const r of h.requests) expect(r.StartTime!.getTime() / 1000).toBeGreaterThanOrEqual(WATERMARK_1);
    expect(watermarks().every((w) => w.complete_until === WATERMARK_1 + 300)).toBe(true);
  });

  it('pages with a small MaxDatapoints and stores exactly what one big page would', async () => {
    await createMetricsJob(FAST).run(h.context(s.db));
    const expected = allPoints();

    const paged = tempStore();
    let pages = 0;
    h.requests.length = 0;
    try {
      await createMetricsJob({ ...FAST, maxDatapoints: 50, onPage: () => void (pages += 1) }).run(
        h.context(paged.db),
      );
      expect(pages).toBeGreaterThan(30);
      expect(h.requests.every((r) => r.MaxDatapoints === 50)).toBe(true);
      expect(allPoints(paged.db)).toEqual(expected);
    } finally {
      paged.close();
    }
  });

  it('keeps paging through PartialData until every series is complete', async () => {
    await createMetricsJob(FAST).run(h.context(s.db));
    const expected = allPoints();
    const partial = tempStore();
    let pages = 0;
    try {
      h.standIn.faults.set({ partialData: true, scope: 'cloudwatch' });
      await createMetricsJob({ ...FAST, onPage: () => void (pages += 1) }).run(h.context(partial.db));
      expect(pages).toBeGreaterThan(2);
      expect(allPoints(partial.db)).toEqual(expected);
    } finally {
      partial.close();
    }
  });

  it('never stores a series as complete while a NextToken is pending: a failure mid-paging keeps the watermark', async () => {
    const job = createMetricsJob({
      ...FAST,
      // After the first page of the second run, CloudWatch starts failing for good.
      onPage: (_page, n) => {
        if (failMidPaging && n === 1)
          h.standIn.faults.set({ serverError: 1000, serverErrorCode: 'InternalFailure' });
      },
    });
    let failMidPaging = false;
    await job.run(h.context(s.db));
    const before = { marks: watermarks(), points: allPoints() };

    h.clock.advance(30 * MIN);
    h.standIn.faults.set({ partialData: true, scope: 'cloudwatch' });
    failMidPaging = true;
    await expect(job.run(h.context(s.db))).rejects.toThrow(
      /GetMetricData failed after \d+ requests: InternalFailure/,
    );
    // Nothing of the interrupted window is stored, and no watermark moved.
    expect(watermarks()).toEqual(before.marks);
    expect(allPoints()).toEqual(before.points);

    // CloudWatch recovers: the next run reads the whole window, once.
    failMidPaging = false;
    h.standIn.faults.reset();
    const recovered = await job.run(h.context(s.db));
    expect(recovered.rowsRead).toBe(PER_MINUTE_SERIES * 30 + FIVE_MINUTE_SERIES * 6);
    expect(watermarks().every((w) => w.complete_until === WATERMARK_1 + 30 * 60)).toBe(true);
  });

  it('stops at once when the app stops mid-paging, without advancing any watermark', async () => {
    const controller = new AbortController();
    const job = createMetricsJob({
      ...FAST,
      maxDatapoints: 100,
      onPage: (_p, n) => n === 2 && controller.abort(),
    });
    await expect(job.run(h.context(s.db, controller.signal))).rejects.toThrow();
    expect(watermarks().every((w) => w.complete_until === null)).toBe(true);
    expect(pointCount()).toBe(0);
  });

  it('rides out brief throttling with the SDK retries', async () => {
    h.standIn.faults.set({ throttle: 2, scope: 'cloudwatch' });
    const result = await createMetricsJob(FAST).run(h.context(s.db));
    expect(result.rowsRead).toBe(PER_MINUTE_SERIES * 120 + FIVE_MINUTE_SERIES * 24);
  });

  it('gives up on persistent throttling after a bounded number of requests, storing nothing as complete', async () => {
    const job = createMetricsJob(FAST);
    await job.run(h.context(s.db)); // discovery cached (for 10 minutes), watermarks at 11:30
    const before = { marks: watermarks(), points: pointCount() };
    h.clock.advance(5 * MIN);
    h.standIn.faults.set({ throttle: 1000, scope: 'cloudwatch' });
    await expect(job.run(h.context(s.db))).rejects.toThrow(
      /GetMetricData failed after 9 requests: Throttling/,
    );
    // 3 SDK attempts × (1 + 2 own retries), then the run fails and the scheduler backs off.
    const left = h.standIn.faults.get().throttle;
    expect(left).toBe(1000 - 9);
    expect(watermarks()).toEqual(before.marks);
    expect(pointCount()).toBe(before.points);
  });

  it('gives up on persistent 5xx after a bounded number of requests', async () => {
    h.standIn.faults.set({ serverError: 1000, serverErrorCode: 'ServiceUnavailable', scope: 'cloudwatch' });
    await expect(createMetricsJob(FAST).run(h.context(s.db))).rejects.toThrow(
      /ListMetrics failed after 9 requests: ServiceUnavailable/,
    );
    expect(h.standIn.faults.get().serverError).toBe(1000 - 9);
    expect(pointCount()).toBe(0);
  });

  it('keeps the watermark of a series CloudWatch answers with InternalError, and collects the others', async () => {
    h.source.failing.add('DatabaseConnections');
    await createMetricsJob(FAST).run(h.context(s.db));
    const marks = watermarks();
    expect(marks.find((w) => w.metric === 'DatabaseConnections')!.complete_until).toBeNull();
    expect(
      marks.filter((w) => w.metric !== 'DatabaseConnections').every((w) => w.complete_until === WATERMARK_1),
    ).toBe(true);
    expect(h.warnings.some((w) => w.includes('DatabaseConnections source is down'))).toBe(true);
  });

  it('backfills a new connection in steps, saying there is more', async () => {
    const job = createMetricsJob({ ...FAST, initialLookbackMs: 3 * DAY });
    const first = await job.run(h.context(s.db));
    expect(first.more).toBe(true);
    expect(first.backfill).toMatchObject({ done: false });
    // One day read; two days of minutes and of 5-minute periods still to go.
    expect(first.backfill!.remaining).toBe(PER_MINUTE_SERIES * 2 * 1440 + FIVE_MINUTE_SERIES * 2 * 288);
    let runs = 1;
    for (let r = first; r.more; runs++) r = await job.run(h.context(s.db));
    expect(runs).toBe(3);
    expect(watermarks().every((w) => w.complete_until === WATERMARK_1)).toBe(true);
  });

  it('records a span CloudWatch no longer keeps as a gap, drawn as null', async () => {
    const job = createMetricsJob({ ...FAST, maxWindowMs: 2 * HOUR });
    await job.run(h.context(s.db));
    // The collector was off for 20 days: CloudWatch keeps 1-minute data for 15.
    h.clock.advance(20 * DAY);
    const back = await job.run(h.context(s.db));
    expect(back.more).toBe(true); // the 15 days CloudWatch still has are read in steps
    const gap = s.db
      .prepare(
        `SELECT g.from_ts, g.to_ts FROM metric_gaps g JOIN metric_series m ON m.id = g.series_id
         WHERE m.metric = 'CPUUtilization' AND m.dims_key = ?`,
      )
      .get(JSON.stringify([['ClusterIdentifier', CLUSTER_ID]])) as { from_ts: number; to_ts: number };
    expect(gap.from_ts).toBe(WATERMARK_1);
    expect(gap.to_ts * 1000).toBeGreaterThan(h.clock.now().getTime() - 15 * DAY);
    expect(gap.to_ts * 1000).toBeLessThan(h.clock.now().getTime() - 15 * DAY + HOUR);
    expect(h.warnings.some((w) => w.includes('recorded as a gap'))).toBe(true);

    // A chart from before the outage to just after the gap: data, then nulls, then data again.
    const chart = readSeries(s.db, {
      connectionId: 'demo',
      metric: 'CPUUtilization',
      dimensions: CPU,
      from: new Date(NOW.getTime() - HOUR).toISOString(),
      to: new Date(gap.to_ts * 1000 + 2 * HOUR).toISOString(),
      maxPoints: 1000,
    });
    expect(chart.points.length).toBeLessThanOrEqual(1000);
    const w = chart.resolutionSeconds * 1000;
    const before = chart.points.filter((p) => p.t + w <= NOW.getTime() - MIN);
    const inGap = chart.points.filter((p) => p.t >= gap.from_ts * 1000 + w && p.t + w <= gap.to_ts * 1000);
    const after = chart.points.filter((p) => p.t + w > gap.to_ts * 1000 && p.t < gap.to_ts * 1000 + 2 * HOUR);
    // The minutes from before the outage are pruned by now (15 days): the chart reads hourly rollups.
    expect(chart.resolutionSeconds).toBe(3600);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((p) => p.v !== null)).toBe(true);
    expect(inGap.length).toBeGreaterThan(100); // 5 days of hours
    expect(inGap.every((p) => p.v === null)).toBe(true);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.every((p) => p.v !== null)).toBe(true);
  });
});
