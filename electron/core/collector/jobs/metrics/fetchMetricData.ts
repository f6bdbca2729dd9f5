// One GetMetricData request series, paged to the end (REFERENCE 5.2): ≤ 500 queries, one Period per
// query, Stat Average, ScanBy TimestampAscending, NextToken until there is none. Nothing is returned
// until paging has finished: a series is only ever complete once no NextToken is pending, so a run that
// stops half-way (throttling, 5xx, app stop) hands back nothing to store as complete.
import {
  GetMetricDataCommand,
  type CloudWatchClient,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { NativePoint } from '../../../store/metrics/MetricStore.ts';
import { NAMESPACE, type WantedSeries } from './wantedMetrics.ts';
import { withRetries } from './withRetries.ts';

/** CloudWatch's limit on queries per GetMetricData call (REFERENCE 5.2). */
export const MAX_QUERIES_PER_CALL = 500;

export interface FetchOptions {
  /** Epoch seconds, aligned to every series' period; [start, end). */
  startS: number;
  endS: number;
  /** Datapoints per page; absent = CloudWatch's default (100,800). */
  maxDatapoints?: number;
  signal: AbortSignal;
  retryDelaysMs: readonly number[];
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Called after each page arrives (tests use it to inject faults mid-paging). */
  onPage?: (page: GetMetricDataCommandOutput, pageNumber: number) => void;
}

export interface FetchResult {
  /** Points per series (same order as the input), in time order, one per period at most. */
  points: NativePoint[][];
  /** Series CloudWatch answered with InternalError or Forbidden: nothing about them is complete. */
  failed: boolean[];
  datapoints: number;
  pages: number;
  /** Call-level and per-query messages worth logging. */
  messages: string[];
}

const MAX_PAGES = 10_000;

export async function fetchMetricData(
  client: CloudWatchClient,
  series: readonly WantedSeries[],
  options: FetchOptions,
): Promise<FetchResult> {
  if (series.length > MAX_QUERIES_PER_CALL) {
    throw new RangeError(
      `GetMetricData takes at most ${MAX_QUERIES_PER_CALL} queries; got ${series.length}.`,
    );
  }
  const queries: MetricDataQuery[] = series.map((s, i) => ({
    Id: `q${i}`,
    MetricStat: {
      Metric: {
        Namespace: NAMESPACE,
        MetricName: s.metric,
        Dimensions: Object.entries(s.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: s.period,
      Stat: 'Average',
    },
    ReturnData: true,
  }));
  const byTs = series.map(() => new Map<number, number>());
  const failed = series.map(() => false);
  const messages: string[] = [];
  let datapoints = 0;
  let nextToken: string | undefined;
  let pages = 0;

  do {
    const token = nextToken;
    const page = await withRetries(
      'CloudWatch GetMetricData',
      () =>
        client.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries,
            StartTime: new Date(options.startS * 1000),
            EndTime: new Date(options.endS * 1000),
            ScanBy: 'TimestampAscending',
            ...(options.maxDatapoints !== undefined ? { MaxDatapoints: options.maxDatapoints } : {}),
            ...(token !== undefined ? { NextToken: token } : {}),
          }),
          { abortSignal: options.signal },
        ),
      {
        delaysMs: options.retryDelaysMs,
        signal: options.signal,
        ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      },
    );
    pages += 1;
    for (const m of page.Messages ?? []) messages.push(`${m.Code ?? 'Message'}: ${m.Value ?? ''}`);
    for (const result of page.MetricDataResults ?? []) {
      const index = Number(result.Id?.slice(1));
      const bucket = byTs[index];
      if (!result.Id?.startsWith('q') || bucket === undefined) continue;
      if (result.StatusCode === 'InternalError' || result.StatusCode === 'Forbidden') {
        failed[index] = true;
        for (const m of result.Messages ?? [])
          messages.push(`${series[index]!.metric}: ${m.Code ?? ''} ${m.Value ?? ''}`);
      }
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      for (let k = 0; k < timestamps.length && k < values.length; k++) {
        const ts = Math.floor(timestamps[k]!.getTime() / 1000);
        const value = values[k]!;
        if (ts < options.startS || ts >= options.endS || !Number.isFinite(value)) continue;
        bucket.set(ts, value);
        datapoints += 1;
      }
    }
    options.onPage?.(page, pages);
    nextToken = page.NextToken || undefined;
    if (nextToken !== undefined && nextToken === token) {
      throw new Error(
        'CloudWatch GetMetricData returned the same NextToken twice; stopping to avoid a loop.',
      );
    }
    if (pages >= MAX_PAGES && nextToken !== undefined) {
      throw new Error(
        `CloudWatch GetMetricData still had more pages after ${MAX_PAGES}; the window is too large.`,
      );
    }
  } while (nextToken !== undefined);

  const points = byTs.map((m) =>
    [...m.entries()].sort((a, b) => a[0] - b[0]).map(([ts, value]) => ({ ts, value })),
  );
  return { points, failed, datapoints, pages, messages };
}
