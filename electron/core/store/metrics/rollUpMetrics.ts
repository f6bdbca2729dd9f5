// Rollups 1 min -> 1 h -> 1 day (DESIGN.md §3), incremental and idempotent: only the hours and days from
// the earliest point written since the last rollup onward are recomputed from the tier below and
// upserted, so running it twice, or after a crash half-way, gives the same rows.
import type Database from 'better-sqlite3';

const HOUR = 3600;
const DAY = 86400;

/** Rolls up every series with new points (of one connection, or all). Returns how many series it touched. */
export function rollUpMetrics(db: Database.Database, connectionId?: string): number {
  const dirty = (
    connectionId === undefined
      ? db.prepare('SELECT id, rollup_from FROM metric_series WHERE rollup_from IS NOT NULL')
      : db.prepare(
          'SELECT id, rollup_from FROM metric_series WHERE rollup_from IS NOT NULL AND connection_id = ?',
        )
  ).all(...(connectionId === undefined ? [] : [connectionId])) as { id: number; rollup_from: number }[];
  if (dirty.length === 0) return 0;

  // Hourly: the mean of the native points in the hour (each native point is one CloudWatch period).
  const hourly = db.prepare(
    `INSERT INTO metric_rollups (series_id, resolution, ts, avg, min, max, count)
     SELECT series_id, ${HOUR}, (ts / ${HOUR}) * ${HOUR} AS bucket, avg(value), min(value), max(value), count(*)
     FROM metric_points WHERE series_id = ? AND ts >= ?
     GROUP BY bucket
     ON CONFLICT (series_id, resolution, ts) DO UPDATE
       SET avg = excluded.avg, min = excluded.min, max = excluded.max, count = excluded.count`,
  );
  // Daily from hourly, weighted by count: the same mean as over the native points themselves.
  const daily = db.prepare(
    `INSERT INTO metric_rollups (series_id, resolution, ts, avg, min, max, count)
     SELECT series_id, ${DAY}, (ts / ${DAY}) * ${DAY} AS bucket, sum(avg * count) / sum(count), min(min), max(max),
            sum(count)
     FROM metric_rollups WHERE series_id = ? AND resolution = ${HOUR} AND ts >= ?
     GROUP BY bucket
     ON CONFLICT (series_id, resolution, ts) DO UPDATE
       SET avg = excluded.avg, min = excluded.min, max = excluded.max, count = excluded.count`,
  );
  const clear = db.prepare('UPDATE metric_series SET rollup_from = NULL WHERE id = ? AND rollup_from = ?');

  db.transaction(() => {
    for (const s of dirty) {
      hourly.run(s.id, Math.floor(s.rollup_from / HOUR) * HOUR);
      daily.run(s.id, Math.floor(s.rollup_from / DAY) * DAY);
      clear.run(s.id, s.rollup_from);
    }
  })();
  return dirty.length;
}
