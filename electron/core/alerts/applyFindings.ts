// Findings of one rule at one pass -> incidents (issue #12). One incident per rule + subject: seen
// again, it counts; gone, it resolves; back within the hold-down time, the same incident reopens (a
// flapping condition is one incident and pages once). Returns the incidents that need a page now: new
// critical ones, and open ones that became critical without having paged.
import type Database from 'better-sqlite3';
import type { AlertFinding } from '../base/AlertRule.ts';

export interface PageDue {
  incidentId: number;
  ruleId: string;
  severity: 'critical';
  subject: string;
  message: string;
  link: string;
}

/** A finding, and the exemption that holds it back, if any. */
export type JudgedFinding = AlertFinding & { suppressedBy?: number | null };

interface IncidentRow {
  id: number;
  severity: string;
  paged_us: number | null;
}

export function applyFindings(
  db: Database.Database,
  rule: { id: string; description: string },
  connectionId: string,
  findings: readonly JudgedFinding[],
  nowUs: number,
  holdDownUs: number,
): PageDue[] {
  const pages: PageDue[] = [];
  const { open, recent, seen, insert, stillOpen, resolve } = statementsOf(db);

  const subjects = new Set<string>();
  for (const f of findings) {
    if (subjects.has(f.subject)) continue; // a rule names each subject once per pass
    subjects.add(f.subject);
    const existing = (open.get(connectionId, rule.id, f.subject) ??
      recent.get(connectionId, rule.id, f.subject, nowUs - holdDownUs)) as IncidentRow | undefined;
    const suppressedBy = f.suppressedBy ?? null;
    const pageNow =
      f.severity === 'critical' && suppressedBy === null && (existing?.paged_us ?? null) === null;
    if (existing) {
      seen.run(
        f.severity,
        f.message,
        f.link,
        rule.description,
        nowUs,
        pageNow ? nowUs : null,
        suppressedBy,
        existing.id,
      );
      if (pageNow) pages.push(page(existing.id, rule.id, f));
    } else {
      const id = Number(
        insert.run(
          connectionId,
          rule.id,
          rule.description,
          f.subject,
          f.severity,
          f.message,
          f.link,
          nowUs,
          nowUs,
          pageNow ? nowUs : null,
          suppressedBy,
        ).lastInsertRowid,
      );
      if (pageNow) pages.push(page(id, rule.id, f));
    }
  }
  for (const row of stillOpen.all(connectionId, rule.id) as { id: number; subject: string }[])
    if (!subjects.has(row.subject)) resolve.run(nowUs, row.id);
  return pages;
}

function page(incidentId: number, ruleId: string, f: AlertFinding): PageDue {
  return { incidentId, ruleId, severity: 'critical', subject: f.subject, message: f.message, link: f.link };
}

type Statements = Record<'open' | 'recent' | 'seen' | 'insert' | 'stillOpen' | 'resolve', Database.Statement>;

/** Prepared once per store: a replay applies findings thousands of times. */
const prepared = new WeakMap<Database.Database, Statements>();

function statementsOf(db: Database.Database): Statements {
  let s = prepared.get(db);
  if (s) return s;
  const open = db.prepare(
    `SELECT id, severity, paged_us FROM alert_incidents
     WHERE connection_id = ? AND rule_id = ? AND subject = ? AND resolved_us IS NULL`,
  );
  const recent = db.prepare(
    `SELECT id, severity, paged_us FROM alert_incidents
     WHERE connection_id = ? AND rule_id = ? AND subject = ? AND resolved_us >= ?
     ORDER BY resolved_us DESC LIMIT 1`,
  );
  const seen = db.prepare(
    `UPDATE alert_incidents SET severity = ?, message = ?, link = ?, rule = ?, last_seen_us = ?,
       count = count + 1, resolved_us = NULL, paged_us = coalesce(paged_us, ?), suppressed_by = ?
     WHERE id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO alert_incidents (connection_id, rule_id, rule, subject, severity, message, link,
       first_seen_us, last_seen_us, count, paged_us, suppressed_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const stillOpen = db.prepare(
    'SELECT id, subject FROM alert_incidents WHERE connection_id = ? AND rule_id = ? AND resolved_us IS NULL',
  );
  const resolve = db.prepare('UPDATE alert_incidents SET resolved_us = ? WHERE id = ?');

  s = { open, recent, seen, insert, stillOpen, resolve };
  prepared.set(db, s);
  return s;
}
