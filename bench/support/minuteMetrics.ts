// The CloudWatch history the metric benches chart: four series at 1-minute resolution, a daily wave
// plus noise, written through the core's metric writer a day per transaction and rolled up after each
// day, as the metrics job does. One home, so metricsSeries and chartFirstPaint time the same store.
import type Database from 'better-sqlite3';
import { MetricStore, type NativePoint } from '../../electron/core/store/metrics/MetricStore.ts';
import { rollUpMetrics } from '../../electron/core/store/metrics/rollUpMetrics.ts';

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export const BENCH_SERIES: { metric: string; dimensions: Record<string, string> }[] = [
  { metric: 'CPUUtilization', dimensions: { ClusterIdentifier: 'bench' } },
  { metric: 'PercentageDiskSpaceUsed', dimensions: { ClusterIdentifier: 'bench' } },
  { metric: 'DatabaseConnections', dimensions: { ClusterIdentifier: 'bench' } },
  { metric: 'WLMQueueLength', dimensions: { ClusterIdentifier: 'bench', QueueName: 'etl_nightly' } },
];

/**
 * Writes `days` days of minutes from `startMs` for every BENCH_SERIES; with `gaps`, an hour is missing
 * every 9 days so a chart shows gaps as gaps. Returns the points written.
 */
export function fillMinuteSeries(
  db: Database.Database,
  connectionId: string,
  startMs: number,
  days: number,
  gaps = false,
): number {
  const store = new MetricStore(db);
  const ids = BENCH_SERIES.map((s) => store.ensureSeries(connectionId, s.metric, s.dimensions, 60).id);
  let written = 0;
  for (let day = 0; day < days; day++) {
    const from = startMs + day * DAY_MS;
    store.write(
      ids.map((seriesId, k) => {
        const points: NativePoint[] = [];
        for (let t = from; t < from + DAY_MS; t += MINUTE_MS) {
          if (gaps && day % 9 === 4 && t - from >= 2 * 3_600_000 && t - from < 3 * 3_600_000) continue;
          points.push({
            ts: t / 1000,
            value: 40 + 30 * Math.sin(t / (3 * 3_600_000) + k) + ((t / MINUTE_MS) % 11),
          });
        }
        written += points.length;
        return { seriesId, points, completeUntil: (from + DAY_MS) / 1000 };
      }),
    );
    rollUpMetrics(db);
  }
  return written;
}
