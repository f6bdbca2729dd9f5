// Optimizer alerts and QMR rule actions (alert_events, rule_actions; migrations/0002_history.sql).
import type Database from 'better-sqlite3';

export interface AlertEventRecord {
  connectionId: string;
  query: number;
  slice: number;
  segment: number;
  step: number;
  eventUs: number;
  event: string;
  solution: string;
  pid: number | null;
  xid: number | null;
  source: 'stl' | 'sys';
}

export interface RuleActionRecord {
  connectionId: string;
  query: number;
  rule: string;
  recordUs: number;
  serviceClass: number;
  action: string;
  actionValue: string;
  queueName: string;
}

// Records bind by name (@field in the SQL), so a column added to a record cannot shift the others.
// Each statement is prepared where it runs: the alerts job makes an AlertStore per run.
export class AlertStore {
  constructor(private readonly db: Database.Database) {}

  upsertAlerts(rows: readonly AlertEventRecord[]): void {
    const insert = this.db.prepare(
      `INSERT INTO alert_events (connection_id, query, slice, segment, step, event_us, event, solution, pid, xid, source)
       VALUES (@connectionId, @query, @slice, @segment, @step, @eventUs, @event, @solution, @pid, @xid, @source)
       ON CONFLICT (connection_id, query, slice, segment, step, event_us, event) DO NOTHING`,
    );
    for (const r of rows) insert.run(r);
  }

  upsertRuleActions(rows: readonly RuleActionRecord[]): void {
    const insert = this.db.prepare(
      `INSERT INTO rule_actions (connection_id, query, rule, record_us, service_class, action, action_value, queue_name)
       VALUES (@connectionId, @query, @rule, @recordUs, @serviceClass, @action, @actionValue, @queueName)
       ON CONFLICT (connection_id, query, rule, record_us) DO NOTHING`,
    );
    for (const r of rows) insert.run(r);
  }
}
