// The newest native points of a cluster-level CloudWatch series (dimensions {ClusterIdentifier} only)
// in [fromS, toS], newest first: what the disk and health rules judge.
import type Database from 'better-sqlite3';

export function latestClusterPoints(
  db: Database.Database,
  connectionId: string,
  metric: string,
  fromS: number,
  toS: number,
  limit: number,
): { ts: number; value: number }[] {
  return db
    .prepare(
      `SELECT p.ts, p.value FROM metric_series s JOIN metric_points p ON p.series_id = s.id
       WHERE s.connection_id = ? AND s.metric = ?
         AND s.dims_key LIKE '[["ClusterIdentifier",%' AND s.dims_key NOT LIKE '%],[%'
         AND p.ts >= ? AND p.ts <= ?
       ORDER BY p.ts DESC LIMIT ?`,
    )
    .all(connectionId, metric, fromS, toS, limit) as { ts: number; value: number }[];
}
