// The 'metrics' collector job: CloudWatch AWS/Redshift series into the store (DESIGN.md §3).
//
// Each run, per series, reads [watermark, now) in periods that have fully ended (at most `maxWindowMs`
// of it, so a first run on a new connection backfills in steps and says `more`), with GetMetricData:
// ≤ 500 queries per call, Period 60 or 300, ScanBy TimestampAscending, NextToken to the end
// (fetchMetricData). Only when paging has finished are the points upserted and the watermark moved, in
// one transaction. The watermark stops `settleMs` short of now, because CloudWatch can still fill in the
// last minute or two; the next run re-reads that short tail and the upsert makes it idempotent.
// Throttling and 5xx: the SDK's retries, then ours (withRetries), then the run fails and the scheduler
// backs off; whatever was not complete stays behind the watermark and is read again next time. A query
// CloudWatch answers with InternalError/Forbidden keeps its watermark too (logged, retried next run).
// Then the new points are rolled up (1 min -> 1 h -> 1 day) and retention prunes old rows.
import type { JobContext, JobDefinition, JobRunResult } from '../Job.ts';
import { MetricStore, type SeriesRow } from '../../store/metrics/MetricStore.ts';
import { DEFAULT_METRIC_RETENTION, type MetricRetention } from '../../store/metrics/MetricRetention.ts';
import { pruneMetrics } from '../../store/metrics/pruneMetrics.ts';
import { rollUpMetrics } from '../../store/metrics/rollUpMetrics.ts';
import { discoverSeries } from './metrics/discoverSeries.ts';
import { fetchMetricData, MAX_QUERIES_PER_CALL, type FetchOptions } from './metrics/fetchMetricData.ts';
import type { WantedSeries } from './metrics/wantedMetrics.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface MetricsJobOptions {
  intervalMs?: number;
  /** How far back a series' first run reads. Default 7 days, the same as Redshift's own STL history. */
  initialLookbackMs?: number;
  /** At most this much of a series per run (backfill in steps). Default 1 day. */
  maxWindowMs?: number;
  /** The watermark stays this far behind now (late CloudWatch datapoints). Default 3 minutes. */
  settleMs?: number;
  /** MaxDatapoints per GetMetricData page; absent = CloudWatch's default. */
  maxDatapoints?: number;
  /** Queries per GetMetricData call (≤ 500). */
  maxQueriesPerCall?: number;
  /** Our own retries after the SDK's, ms before each. Default [2000, 5000]. */
  retryDelaysMs?: readonly number[];
  /** How long a ListMetrics discovery is reused. Default 10 minutes. */
  discoveryTtlMs?: number;
  retention?: MetricRetention;
  /** Test seam: called after every GetMetricData page. */
  onPage?: FetchOptions['onPage'];
}

/**
 * How long CloudWatch keeps data at a period (REFERENCE 5.2): 15 days at 60 s, 63 days at 300 s. A
 * watermark older than that can never be filled: the span is recorded as a gap. The margin keeps the
 * StartTime clear of the boundary (where CloudWatch starts rounding it to coarser periods).
 */
const CLOUDWATCH_RETENTION_S: Record<60 | 300, number> = { 60: 15 * 86400, 300: 63 * 86400 };
const RETENTION_MARGIN_S = 15 * 60;

interface Window {
  series: SeriesRow;
  wanted: WantedSeries;
  startS: number;
  endS: number;
  /** The series is further behind than one window: more runs are needed. */
  behind: boolean;
  /** Newest whole period CloudWatch could answer now (for the backfill estimate). */
  limitS: number;
}

const alignDown = (s: number, p: number) => Math.floor(s / p) * p;
const alignUp = (s: number, p: number) => Math.ceil(s / p) * p;

export function createMetricsJob(options: MetricsJobOptions = {}): JobDefinition {
  const initialLookbackS = Math.floor((options.initialLookbackMs ?? 7 * DAY) / 1000);
  const maxWindowS = Math.max(300, Math.floor((options.maxWindowMs ?? DAY) / 1000));
  const settleS = Math.floor((options.settleMs ?? 3 * MINUTE) / 1000);
  const perCall = Math.min(
    MAX_QUERIES_PER_CALL,
    Math.max(1, options.maxQueriesPerCall ?? MAX_QUERIES_PER_CALL),
  );
  const retryDelaysMs = options.retryDelaysMs ?? [2000, 5000];
  const discoveryTtlMs = options.discoveryTtlMs ?? 10 * MINUTE;
  const retention = options.retention ?? DEFAULT_METRIC_RETENTION;
  const discovered = new Map<string, { atMs: number; series: WantedSeries[] }>();

  async function seriesFor(
    ctx: JobContext,
    client: NonNullable<JobContext['cloudwatch']>,
  ): Promise<WantedSeries[]> {
    const key = `${ctx.connectionId} ${client.clusterIdentifier}`;
    const cached = discovered.get(key);
    const nowMs = ctx.now().getTime();
    if (cached && nowMs - cached.atMs < discoveryTtlMs && nowMs >= cached.atMs) return cached.series;
    const series = await discoverSeries(client.client, client.clusterIdentifier, {
      signal: ctx.signal,
      retryDelaysMs,
    });
    discovered.set(key, { atMs: nowMs, series });
    return series;
  }

  return {
    name: 'metrics',
    defaultIntervalMs: options.intervalMs ?? MINUTE,
    requires: ['provisioned'],
    needsCloudWatch: true,
    async run(ctx: JobContext): Promise<JobRunResult> {
      const cw = ctx.cloudwatch;
      if (cw === null) return { rowsRead: 0 };
      const store = new MetricStore(ctx.db);
      const nowS = Math.floor(ctx.now().getTime() / 1000);
      const wanted = await seriesFor(ctx, cw);

      // Per series: the window to read this run.
      const windows: Window[] = [];
      for (const w of wanted) {
        let series = store.ensureSeries(ctx.connectionId, w.metric, w.dimensions, w.period);
        const p = series.periodSeconds;
        const limitS = alignDown(nowS, p); // only periods that have fully ended
        const horizonS = alignUp(nowS - CLOUDWATCH_RETENTION_S[p] + RETENTION_MARGIN_S, p);
        let startS = series.completeUntil ?? alignDown(nowS - initialLookbackS, p);
        if (startS < horizonS) {
          if (series.completeUntil !== null) {
            store.skipGap(series.id, startS, horizonS, 'older than CloudWatch keeps at this period');
            ctx.log.warn(
              `metrics: ${w.metric} was not collected from ${iso(startS)} to ${iso(horizonS)}; recorded as a gap`,
            );
            series = { ...series, completeUntil: horizonS };
          }
          startS = horizonS;
        }
        const endS = Math.min(limitS, startS + alignDown(maxWindowS, p));
        if (endS <= startS) continue;
        windows.push({ series, wanted: { ...w, period: p }, startS, endS, behind: endS < limitS, limitS });
      }

      // Series sharing a window go into the same calls, ≤ 500 queries each.
      const groups = new Map<string, Window[]>();
      for (const win of windows) {
        const key = `${win.startS}-${win.endS}`;
        const group = groups.get(key);
        if (group) group.push(win);
        else groups.set(key, [win]);
      }

      let rowsRead = 0;
      for (const group of groups.values()) {
        for (let i = 0; i < group.length; i += perCall) {
          const chunk = group.slice(i, i + perCall);
          const { startS, endS } = chunk[0]!;
          const result = await fetchMetricData(
            cw.client,
            chunk.map((c) => c.wanted),
            {
              startS,
              endS,
              signal: ctx.signal,
              retryDelaysMs,
              ...(options.maxDatapoints !== undefined ? { maxDatapoints: options.maxDatapoints } : {}),
              ...(options.onPage ? { onPage: options.onPage } : {}),
              onRetry: (error, attempt, delayMs) =>
                ctx.log.warn(
                  `metrics: GetMetricData retry ${attempt} in ~${delayMs} ms (${describe(error)})`,
                ),
            },
          );
          for (const m of result.messages) ctx.log.warn(`metrics: CloudWatch says ${m}`);
          rowsRead += result.datapoints;
          store.write(
            chunk.map((c, k) => {
              const p = c.series.periodSeconds;
              // Complete up to the end of the window, but not into the last few minutes CloudWatch may
              // still fill in; never backwards.
              const settled = Math.max(startS, Math.min(endS, alignDown(nowS - settleS, p)));
              const completeUntil = Math.max(c.series.completeUntil ?? startS, settled);
              return result.failed[k]
                ? { seriesId: c.series.id, points: [] }
                : { seriesId: c.series.id, points: result.points[k]!, completeUntil };
            }),
          );
        }
      }

      rollUpMetrics(ctx.db, ctx.connectionId);
      pruneMetrics(ctx.db, nowS * 1000, retention, ctx.connectionId);

      const more = windows.some((w) => w.behind);
      const remaining = windows.reduce(
        (n, w) => n + Math.max(0, (w.limitS - w.endS) / w.series.periodSeconds),
        0,
      );
      return more ? { rowsRead, more, backfill: { rowsRead, remaining, done: false } } : { rowsRead };
    },
  };
}

function iso(s: number): string {
  return new Date(s * 1000).toISOString();
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
