// The metric benches' store: 90 days × 4 CloudWatch series at 1-minute resolution, written day by day
// through the core's metric writer with the roll-ups after each day, as the metrics job does.
import type Database from 'better-sqlite3';
import { MetricStore, type NativePoint } from '../../electron/core/store/metrics/MetricStore.ts';
import { rollUpMetrics } from '../../electron/core/store/metrics/rollUpMetrics.ts';

export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;
export const DAYS = 90;

export const SERIES: { metric: string; dimensions: Record<string, string> }[] = [
  { metric: 'CPUUtilization', dimensions: { ClusterIdentifier: 'bench' } },
  { metric: 'PercentageDiskSpaceUsed', dimensions: { ClusterIdentifier: 'bench' } },
  { metric: 'DatabaseConnections', dimensions: { ClusterIdentifier: 'bench' } },
  { metric: 'WLMQueueLength', dimensions: { ClusterIdentifier: 'bench', QueueName: 'etl_nightly' } },
];

/**
 * Fills DAYS days from `startMs` of every series of SERIES on `connectionId`: a daily wave plus noise;
 * with `gaps`, an hour missing every 9 days (so a chart shows gaps as gaps). Returns the points written.
 */
export function fillMetricSeries(
  db: Database.Database,
  connectionId: string,
  startMs: number,
  gaps = false,
): number {
  const store = new MetricStore(db);
  const ids = SERIES.map((s) => store.ensureSeries(connectionId, s.metric, s.dimensions, 60).id);
  let written = 0;
  for (let day = 0; day < DAYS; day++) {
    const from = startMs + day * DAY;
    store.write(
      ids.map((seriesId, k) => {
        const points: NativePoint[] = [];
        for (let t = from; t < from + DAY; t += MIN) {
          if (gaps && day % 9 === 4 && t - from >= 2 * 3_600_000 && t - from < 3 * 3_600_000) continue;
          points.push({
            ts: t / 1000,
            value: 40 + 30 * Math.sin(t / (3 * 3_600_000) + k) + ((t / MIN) % 11),
          });
        }
        written += points.length;
        return { seriesId, points, completeUntil: (from + DAY) / 1000 };
      }),
    );
    rollUpMetrics(db);
  }
  return written;
}
