// Exemptions and snoozes (issue #12): "mute this feed until Monday" (a snooze: from..until) and
// "nightly_dq_checks may run late on Sundays" (recurring on local weekdays, in a time zone, until an
// end). Each names a rule, job, feed or queue, has an author, a reason and an end, and ends by itself.
// A finding it holds back is still recorded, as a suppressed incident that never pages and never goes
// to the digest (alert_incidents.suppressed_by).
import type Database from 'better-sqlite3';
import type { AlertExemption, ExemptionKind } from '../../../shared/model/alertRule.ts';
import type { AlertFinding } from '../base/AlertRule.ts';
import { isoMillisFromMicros } from '../base/redshiftTime.ts';
import { localParts } from '../base/zonedTime.ts';

interface ExemptionRow {
  id: number;
  connection_id: string;
  kind: ExemptionKind;
  target: string;
  rule_id: string | null;
  weekdays: string | null;
  time_zone: string;
  from_us: number;
  until_us: number;
  author: string;
  reason: string;
  created_us: number;
  ended_us: number | null;
  ended_by: string | null;
  suppressed?: number;
}

/** An exemption as the store takes it: what its author gives, its window in microseconds. */
export type NewExemption = Pick<
  AlertExemption,
  'connectionId' | 'kind' | 'target' | 'ruleId' | 'weekdays' | 'timeZone' | 'author' | 'reason'
> & { fromUs: number; untilUs: number };

/** Which exemption holds back a finding of a rule at an instant; null: none. */
export type Suppressor = (ruleId: string, finding: AlertFinding, atUs: number) => number | null;

/** The local weekday (0 = Sunday) of an instant in a time zone. */
export function localWeekday(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
}

/** Whether an exemption covers a finding of `ruleId` at `atUs` (its window, weekdays and target). */
export function exemptionCovers(
  e: Pick<NewExemption, 'kind' | 'target' | 'ruleId' | 'weekdays' | 'timeZone' | 'fromUs' | 'untilUs'>,
  ruleId: string,
  finding: AlertFinding,
  atUs: number,
): boolean {
  if (atUs < e.fromUs || atUs >= e.untilUs) return false;
  if (e.weekdays !== null && !e.weekdays.includes(localWeekday(atUs / 1000, e.timeZone))) return false;
  if (e.kind === 'rule') return e.target === ruleId;
  if (e.ruleId !== null && e.ruleId !== ruleId) return false;
  const target = e.target.toLowerCase();
  const about = finding.about?.[e.kind];
  return (
    (about !== undefined && about.toLowerCase().includes(target)) ||
    (about === undefined && finding.subject.toLowerCase().includes(target))
  );
}

export class AlertExemptions {
  constructor(private readonly db: Database.Database) {}

  add(e: NewExemption, nowUs: number): AlertExemption {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO alert_exemptions (connection_id, kind, target, rule_id, weekdays, time_zone, from_us,
             until_us, author, reason, created_us)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          e.connectionId,
          e.kind,
          e.target,
          e.ruleId,
          e.weekdays === null ? null : JSON.stringify(e.weekdays),
          e.timeZone,
          e.fromUs,
          e.untilUs,
          e.author,
          e.reason,
          nowUs,
        ).lastInsertRowid,
    );
    return this.get(id, nowUs)!;
  }

  get(id: number, nowUs: number): AlertExemption | null {
    const row = this.db.prepare(`${SELECT} WHERE e.id = ?`).get(id) as ExemptionRow | undefined;
    return row ? toExemption(row, nowUs) : null;
  }

  /** Ends an exemption now (it stays listed, ended). */
  end(id: number, by: string, nowUs: number): void {
    this.db
      .prepare('UPDATE alert_exemptions SET ended_us = ?, ended_by = ? WHERE id = ? AND ended_us IS NULL')
      .run(nowUs, by, id);
  }

  /** A connection's exemptions that are in force or ended in the last `recentUs`, newest first. */
  list(connectionId: string, nowUs: number, recentUs: number): AlertExemption[] {
    return (
      this.db
        .prepare(
          `${SELECT} WHERE e.connection_id = ? AND coalesce(e.ended_us, e.until_us) >= ? ORDER BY e.id DESC`,
        )
        .all(connectionId, nowUs - recentUs) as ExemptionRow[]
    ).map((r) => toExemption(r, nowUs));
  }

  /** The exemptions that may cover an instant in [fromUs, toUs], as a matcher. */
  suppressor(connectionId: string, fromUs: number, toUs: number): Suppressor {
    const rows = (
      this.db
        .prepare(
          `SELECT * FROM alert_exemptions WHERE connection_id = ? AND from_us <= ?
             AND min(until_us, coalesce(ended_us, until_us)) > ?`,
        )
        .all(connectionId, toUs, fromUs) as ExemptionRow[]
    ).map((r) => ({ id: r.id, ...toNew(r) }));
    if (rows.length === 0) return () => null;
    return (ruleId, finding, atUs) => rows.find((e) => exemptionCovers(e, ruleId, finding, atUs))?.id ?? null;
  }
}

const SELECT = `SELECT e.*, (SELECT count(*) FROM alert_incidents i WHERE i.suppressed_by = e.id) AS suppressed
  FROM alert_exemptions e`;

function toNew(r: ExemptionRow): NewExemption {
  return {
    connectionId: r.connection_id,
    kind: r.kind,
    target: r.target,
    ruleId: r.rule_id,
    weekdays: r.weekdays === null ? null : (JSON.parse(r.weekdays) as number[]),
    timeZone: r.time_zone,
    fromUs: r.from_us,
    // Ended early: it covers nothing after its end.
    untilUs: Math.min(r.until_us, r.ended_us ?? r.until_us),
    author: r.author,
    reason: r.reason,
  };
}

function toExemption(r: ExemptionRow, nowUs: number): AlertExemption {
  const n = toNew(r);
  return {
    id: r.id,
    connectionId: r.connection_id,
    kind: r.kind,
    target: r.target,
    ruleId: r.rule_id,
    weekdays: n.weekdays,
    timeZone: r.time_zone,
    from: isoMillisFromMicros(r.from_us),
    until: isoMillisFromMicros(r.until_us),
    author: r.author,
    reason: r.reason,
    createdAt: isoMillisFromMicros(r.created_us),
    endedAt: r.ended_us === null ? null : isoMillisFromMicros(r.ended_us),
    endedBy: r.ended_by,
    activeNow:
      nowUs >= n.fromUs &&
      nowUs < n.untilUs &&
      (n.weekdays === null || n.weekdays.includes(localWeekday(nowUs / 1000, n.timeZone))),
    suppressed: r.suppressed ?? 0,
  };
}
