// A connection's batch job rules (issue #10), in order: the first rule a statement group matches
// decides its job. Changed through batches.setJobRules, which writes the audit log.
import type Database from 'better-sqlite3';
import type { BatchJobRule } from '../../../../shared/model/batch.ts';

interface Row {
  action: 'job' | 'hide';
  label_pattern: string | null;
  user_name: string | null;
  queue_name: string | null;
  name: string;
  split_by: 'none' | 'user' | 'queue';
}

export function readJobRules(db: Database.Database, connectionId: string): BatchJobRule[] {
  const rows = db
    .prepare(
      `SELECT action, label_pattern, user_name, queue_name, name, split_by FROM batch_job_rules
       WHERE connection_id = ? ORDER BY position`,
    )
    .all(connectionId) as Row[];
  return rows.map((r) => ({
    action: r.action,
    labelPattern: r.label_pattern,
    user: r.user_name,
    queue: r.queue_name,
    name: r.name,
    splitBy: r.split_by,
  }));
}

/** Replaces the rules; call inside the transaction that audits the change. */
export function writeJobRules(
  db: Database.Database,
  connectionId: string,
  rules: readonly BatchJobRule[],
): void {
  db.prepare('DELETE FROM batch_job_rules WHERE connection_id = ?').run(connectionId);
  const insert = db.prepare(
    `INSERT INTO batch_job_rules (connection_id, position, action, label_pattern, user_name, queue_name, name,
       split_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  rules.forEach((r, i) =>
    insert.run(connectionId, i, r.action, r.labelPattern, r.user, r.queue, r.name, r.splitBy),
  );
}
