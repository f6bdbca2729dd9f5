// CloudWatch CPUUtilization per UTC day (the metrics' daily rollups, averaged over the connection's
// CPU series weighted by their point counts), for the month-start view. Empty when none was collected.
import type Database from 'better-sqlite3';

const DAY_S = 86_400;

/** 'YYYY-MM-DD' (UTC) -> average CPU %, for days from..to inclusive. */
export function readDailyCpu(
  db: Database.Database,
  connectionId: string,
  from: string,
  to: string,
): Map<string, number> {
  const lo = Date.parse(`${from}T00:00:00Z`) / 1000;
  const hi = Date.parse(`${to}T00:00:00Z`) / 1000 + DAY_S;
  const rows = db
    .prepare(
      `SELECT r.ts AS ts, sum(r.avg * r.count) / sum(r.count) AS cpu
       FROM metric_rollups r JOIN metric_series s ON s.id = r.series_id
       WHERE s.connection_id = ? AND s.metric = 'CPUUtilization' AND r.resolution = ${DAY_S}
         AND r.ts >= ? AND r.ts < ?
       GROUP BY r.ts`,
    )
    .all(connectionId, lo, hi) as { ts: number; cpu: number }[];
  return new Map(rows.map((r) => [new Date(r.ts * 1000).toISOString().slice(0, 10), r.cpu]));
}
