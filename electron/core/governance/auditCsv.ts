// The audit export (issue #6): RFC 4180 CSV (CRLF line ends; a field with a comma, quote, CR or LF is
// quoted, quotes doubled). A cell a spreadsheet would run as a formula (first character = + - @ TAB
// CR) gets a leading apostrophe (OWASP "CSV injection"): the file is opened by people, in Excel.
import type { AuditRecord } from '../../../shared/model/audit.ts';

/** One export holds at most this much text; a bigger one says so (narrow the range for the rest). */
export const AUDIT_CSV_MAX_BYTES = 64 * 1024 * 1024;

const COLUMNS: [string, (r: AuditRecord) => string | number | null][] = [
  ['seq', (r) => r.seq],
  ['at_utc', (r) => r.at],
  ['request_id', (r) => r.requestId],
  ['os_user', (r) => r.actorOsUser],
  ['db_user', (r) => r.actorDbUser],
  ['aws_identity', (r) => r.actorAws],
  ['connection_id', (r) => r.connectionId],
  ['action', (r) => r.action],
  ['outcome', (r) => r.outcome],
  ['target', (r) => r.target],
  ['params', (r) => r.params],
  ['reason', (r) => r.reason],
  ['before', (r) => r.before],
  ['after', (r) => r.after],
  ['message', (r) => r.message],
  ['repeats', (r) => r.repeats?.count ?? null],
  ['repeats_last_at_utc', (r) => r.repeats?.lastAt ?? null],
  // The chain: with these, `npm run verify-audit -- file.csv` checks a copy offline.
  ['prev_hash', (r) => r.prevHash],
  ['hash', (r) => r.hash],
];

export const AUDIT_CSV_COLUMNS = COLUMNS.map(([name]) => name);

const FORMULA_START = /^[=+\-@\t\r]/;

/** An empty string is written quoted (`""`) so that it reads back apart from null (nothing). */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV of `records` (any iterable: built row by row), stopping before `maxBytes` of text. */
export function auditCsv(
  records: Iterable<AuditRecord>,
  maxBytes = AUDIT_CSV_MAX_BYTES,
): { csv: string; rows: number; truncated: boolean } {
  const chunks = [`${AUDIT_CSV_COLUMNS.join(',')}\r\n`];
  let bytes = chunks[0]!.length;
  let rows = 0;
  for (const r of records) {
    const line = `${COLUMNS.map(([, get]) => csvCell(get(r))).join(',')}\r\n`;
    if (bytes + line.length > maxBytes) return { csv: chunks.join(''), rows, truncated: true };
    chunks.push(line);
    bytes += line.length;
    rows++;
  }
  return { csv: chunks.join(''), rows, truncated: false };
}

/** nightshift-audit-20240501T123456Z.csv: sortable, and no ':' (not allowed in Windows file names). */
export function auditCsvFilename(now: Date): string {
  return `nightshift-audit-${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.csv`;
}
