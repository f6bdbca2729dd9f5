// Reading the audit log (issue #6): the filters of the audit view, newest first. Records are only
// ever read here; AuditLog.ts appends and the store's triggers refuse edits and deletes.
import type Database from 'better-sqlite3';
import type { AuditListArgs, AuditPage, AuditRecord } from '../../../shared/model/audit.ts';
import { AUDIT_ROW_COLUMNS, AUDIT_ROW_FROM, auditRecordOf, type AuditRow } from '../audit/auditRecordOf.ts';
import { microsFromIso } from '../base/redshiftTime.ts';
import { equalFilters } from '../store/equalFilters.ts';

export const DEFAULT_AUDIT_PAGE = 100;

// SQLite's lower() and LIKE fold ASCII only; a reason or a target may be in any script.
const CONTAINS_FN = 'nightshift_icontains';
const registered = new WeakSet<Database.Database>();
function ensureContains(db: Database.Database): void {
  if (registered.has(db)) return;
  db.function(CONTAINS_FN, { deterministic: true }, (haystack: unknown, needle: unknown) =>
    typeof haystack === 'string' && typeof needle === 'string'
      ? Number(haystack.toLowerCase().includes(needle.toLowerCase()))
      : 0,
  );
  registered.add(db);
}

/**
 * `at` is stored as Date.toISOString() (milliseconds, 'Z'); the filters may carry microseconds and any
 * offset. Rounded outwards-safe: `from` up and `to` down to the millisecond, so nothing outside the
 * range slips in.
 */
function atBound(iso: string, side: 'from' | 'to'): string {
  const us = microsFromIso(iso);
  const ms = side === 'from' ? Math.ceil(us / 1000) : Math.floor(us / 1000);
  return new Date(ms).toISOString();
}

function where(db: Database.Database, args: AuditListArgs): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (args.from !== undefined) {
    clauses.push('at >= ?');
    params.push(atBound(args.from, 'from'));
  }
  if (args.to !== undefined) {
    clauses.push('at <= ?');
    params.push(atBound(args.to, 'to'));
  }
  equalFilters(clauses, params, {
    action: args.action === '' ? undefined : args.action,
    outcome: args.outcome,
    connection_id: args.connectionId,
  });
  if (args.text !== undefined && args.text !== '') {
    ensureContains(db);
    const fields = ['target_json', 'params_json', 'reason', 'message'];
    clauses.push(`(${fields.map((f) => `${CONTAINS_FN}(${f}, ?)`).join(' OR ')})`);
    for (let i = 0; i < fields.length; i++) params.push(args.text);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** How many records match, up to and including record `through` (all of them without it). */
export function countAudit(db: Database.Database, args: AuditListArgs, through?: number): number {
  const w = where(db, args);
  const bound = through === undefined ? '' : `${w.sql ? ' AND' : 'WHERE'} a.seq <= ?`;
  const params = through === undefined ? w.params : [...w.params, through];
  return (
    db.prepare(`SELECT count(*) AS n FROM audit_log a ${w.sql}${bound}`).get(...params) as { n: number }
  ).n;
}

/** The newest record's number (0 for an empty log): where an export that is a snapshot stops. */
export function lastAuditSeq(db: Database.Database): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_log').get() as { seq: number }).seq;
}

/** One page, newest first (append order: `seq`, which a clock change cannot reorder). */
export function listAudit(db: Database.Database, args: AuditListArgs): AuditPage {
  const w = where(db, args);
  const total = countAudit(db, args);
  const rows = db
    .prepare(
      `SELECT ${AUDIT_ROW_COLUMNS} FROM ${AUDIT_ROW_FROM} ${w.sql} ORDER BY a.seq DESC LIMIT ? OFFSET ?`,
    )
    .all(...w.params, args.limit ?? DEFAULT_AUDIT_PAGE, args.offset ?? 0) as AuditRow[];
  return { rows: rows.map(auditRecordOf), total };
}

/** Records read per statement by the export: a page is read whole, so no statement stays open. */
export const AUDIT_EXPORT_PAGE = 500;

/**
 * Every matching record, newest first, one at a time (the export ignores paging and holds no array).
 * Read in keyset pages (seq below the last one seen), never through one open statement: a streamed
 * export waits on the network between pages, and the store must stay usable meanwhile. Records
 * appended after the first page have a higher seq, so the export is the log as it was when it began.
 */
export function* eachAudit(
  db: Database.Database,
  args: AuditListArgs,
  options: { pageSize?: number; through?: number } = {},
): Generator<AuditRecord> {
  const pageSize = options.pageSize ?? AUDIT_EXPORT_PAGE;
  const w = where(db, args);
  const page = db.prepare(
    `SELECT ${AUDIT_ROW_COLUMNS} FROM ${AUDIT_ROW_FROM}
       ${w.sql ? `${w.sql} AND` : 'WHERE'} a.seq < ? ORDER BY a.seq DESC LIMIT ?`,
  );
  let below = options.through === undefined ? Number.MAX_SAFE_INTEGER : options.through + 1;
  for (;;) {
    const rows = page.all(...w.params, below, pageSize) as AuditRow[];
    for (const row of rows) yield auditRecordOf(row);
    if (rows.length < pageSize) return;
    below = rows[rows.length - 1]!.seq;
  }
}
