// Incidents as the alerts page and the digest read them.
import type Database from 'better-sqlite3';
import type { AlertIncident, AlertSeverity } from '../../../shared/model/alert.ts';
import { isoFromMicros } from '../base/redshiftTime.ts';

export interface IncidentDbRow {
  id: number;
  connection_id: string;
  rule_id: string;
  rule: string;
  subject: string;
  severity: AlertSeverity;
  message: string;
  link: string;
  first_seen_us: number;
  last_seen_us: number;
  count: number;
  resolved_us: number | null;
  paged_us: number | null;
  ack_by: string | null;
  ack_at_us: number | null;
  ack_note: string | null;
}

export const SEVERITY_SQL = "CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END";

export function toIncident(r: IncidentDbRow): AlertIncident {
  return {
    id: r.id,
    connectionId: r.connection_id,
    ruleId: r.rule_id,
    rule: r.rule,
    subject: r.subject,
    severity: r.severity,
    message: r.message,
    link: r.link,
    firstSeen: isoFromMicros(r.first_seen_us),
    lastSeen: isoFromMicros(r.last_seen_us),
    count: r.count,
    resolvedAt: r.resolved_us === null ? null : isoFromMicros(r.resolved_us),
    pagedAt: r.paged_us === null ? null : isoFromMicros(r.paged_us),
    acknowledged:
      r.ack_by !== null && r.ack_at_us !== null
        ? { by: r.ack_by, at: isoFromMicros(r.ack_at_us), note: r.ack_note ?? '' }
        : null,
  };
}

/** Open incidents by severity then newest; or all of them, newest first. */
export function readIncidents(
  db: Database.Database,
  connectionId: string,
  state: 'open' | 'all',
  limit: number,
): AlertIncident[] {
  const rows =
    state === 'open'
      ? db
          .prepare(
            `SELECT * FROM alert_incidents WHERE connection_id = ? AND resolved_us IS NULL AND suppressed_by IS NULL
             ORDER BY ${SEVERITY_SQL}, last_seen_us DESC, id DESC LIMIT ?`,
          )
          .all(connectionId, limit)
      : db
          .prepare(
            `SELECT * FROM alert_incidents WHERE connection_id = ? AND suppressed_by IS NULL
             ORDER BY last_seen_us DESC, id DESC LIMIT ?`,
          )
          .all(connectionId, limit);
  return (rows as IncidentDbRow[]).map(toIncident);
}

export function readIncident(db: Database.Database, id: number): AlertIncident | null {
  const row = db.prepare('SELECT * FROM alert_incidents WHERE id = ?').get(id) as IncidentDbRow | undefined;
  return row ? toIncident(row) : null;
}
