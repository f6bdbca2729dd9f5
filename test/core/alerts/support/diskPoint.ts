// Writes one PercentageDiskSpaceUsed point (the disk rule's input) for a connection at an instant, as the
// CloudWatch collector would: the alert tests' way to make the disk rule fire.
import type Database from 'better-sqlite3';

export function diskPoint(db: Database.Database, connectionId: string, value: number, atMs: number): void {
  db.prepare(
    `INSERT INTO metric_series (connection_id, metric, dims_key, dims_json, period_seconds, updated_at)
     VALUES (?, 'PercentageDiskSpaceUsed', '[["ClusterIdentifier","c1"]]', '{"ClusterIdentifier":"c1"}', 60, 'x')
     ON CONFLICT DO NOTHING`,
  ).run(connectionId);
  const id = db
    .prepare("SELECT id FROM metric_series WHERE connection_id = ? AND metric = 'PercentageDiskSpaceUsed'")
    .pluck()
    .get(connectionId) as number;
  db.prepare('INSERT OR REPLACE INTO metric_points (series_id, ts, value) VALUES (?, ?, ?)').run(
    id,
    Math.floor(atMs / 1000),
    value,
  );
}
