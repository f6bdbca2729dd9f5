// Per-job SLAs (issue #10, migration 0017): the local time a job should be done by, per connection.
import type Database from 'better-sqlite3';

/** label -> minutes after local midnight of the night's date. */
export function readJobSlas(db: Database.Database, connectionId: string): Map<string, number> {
  const rows = db
    .prepare('SELECT label, sla_minute FROM batch_job_slas WHERE connection_id = ?')
    .all(connectionId) as { label: string; sla_minute: number }[];
  return new Map(rows.map((r) => [r.label, r.sla_minute]));
}

/** Sets (minute) or removes (null) a job's SLA. */
export function writeJobSla(
  db: Database.Database,
  connectionId: string,
  label: string,
  minute: number | null,
): void {
  if (minute === null) {
    db.prepare('DELETE FROM batch_job_slas WHERE connection_id = ? AND label = ?').run(connectionId, label);
    return;
  }
  db.prepare(
    `INSERT INTO batch_job_slas (connection_id, label, sla_minute, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (connection_id, label) DO UPDATE SET sla_minute = excluded.sla_minute,
       updated_at = excluded.updated_at`,
  ).run(connectionId, label, minute, new Date().toISOString());
}
