// Retention for CloudWatch history (defaults in MetricRetention.ts). A native point is only pruned once
// its hour can no longer be recomputed, i.e. it lies before the hour holding the series' watermark (new
// points only ever arrive from the watermark on) and no rollup is pending, so pruning can never leave an
// hourly rollup that is later recomputed from a partial hour. The same rule guards the hourly tier.
import type Database from 'better-sqlite3';
import { DEFAULT_METRIC_RETENTION, type MetricRetention } from './MetricRetention.ts';

const HOUR = 3600;
const DAY = 86400;

export interface PruneResult {
  native: number;
  hourly: number;
  daily: number;
}

export function pruneMetrics(
  db: Database.Database,
  nowMs: number,
  retention: MetricRetention = DEFAULT_METRIC_RETENTION,
  connectionId?: string,
): PruneResult {
  const nowS = Math.floor(nowMs / 1000);
  const series = (
    connectionId === undefined
      ? db.prepare('SELECT id, complete_until, rollup_from FROM metric_series')
      : db.prepare('SELECT id, complete_until, rollup_from FROM metric_series WHERE connection_id = ?')
  ).all(...(connectionId === undefined ? [] : [connectionId])) as {
    id: number;
    complete_until: number | null;
    rollup_from: number | null;
  }[];
  const delNative = db.prepare('DELETE FROM metric_points WHERE series_id = ? AND ts < ?');
  const delRollup = db.prepare(
    'DELETE FROM metric_rollups WHERE series_id = ? AND resolution = ? AND ts < ?',
  );
  const result: PruneResult = { native: 0, hourly: 0, daily: 0 };

  db.transaction(() => {
    for (const s of series) {
      // Points at or after `settled` may still be rewritten or rolled up again.
      const settled = Math.min(s.complete_until ?? 0, s.rollup_from ?? Number.POSITIVE_INFINITY);
      const nativeCut = Math.min(nowS - retention.nativeDays * DAY, Math.floor(settled / HOUR) * HOUR);
      result.native += delNative.run(s.id, nativeCut).changes;
      const hourlyCut = Math.min(nowS - retention.hourlyDays * DAY, Math.floor(settled / DAY) * DAY);
      result.hourly += delRollup.run(s.id, HOUR, hourlyCut).changes;
      if (retention.dailyDays !== null) {
        result.daily += delRollup.run(s.id, DAY, nowS - retention.dailyDays * DAY).changes;
      }
    }
  })();
  return result;
}
