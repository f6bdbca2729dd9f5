// The audit export (issue #6): RFC 4180 CSV (CRLF line ends; a field with a comma, quote, CR or LF is
// quoted, quotes doubled). A cell a spreadsheet would run as a formula (first character = + - @ TAB
// CR) gets a leading apostrophe (OWASP "CSV injection"): the file is opened by people, in Excel.
import type { AuditRecord } from '../../../shared/model/audit.ts';

export const AUDIT_CSV_CAP = 100_000;

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
];

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsv(records: AuditRecord[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const r of records) lines.push(COLUMNS.map(([, get]) => csvCell(get(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** nightshift-audit-20240501T123456Z.csv: sortable, and no ':' (not allowed in Windows file names). */
export function auditCsvFilename(now: Date): string {
  return `nightshift-audit-${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.csv`;
}
