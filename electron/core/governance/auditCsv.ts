// The audit export (issue #6): RFC 4180 CSV (CRLF line ends; a field with a comma, quote, CR or LF is
// quoted, quotes doubled). A cell a spreadsheet would run as a formula (first character = + - @ TAB
// CR) gets a leading apostrophe (OWASP "CSV injection"): the file is opened by people, in Excel.
import type { AuditRecord } from '../../../shared/model/audit.ts';
import { csvCell } from '../base/csvCell.ts';

export { csvCell };

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

/** The header line, then one line per record (CRLF-terminated). */
export function* auditCsvLines(records: Iterable<AuditRecord>): Generator<string> {
  yield `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
  for (const r of records) yield `${COLUMNS.map(([, get]) => csvCell(get(r))).join(',')}\r\n`;
}

/** The CSV of `records` (any iterable: built row by row), stopping before `maxBytes` of text. */
export function auditCsv(
  records: Iterable<AuditRecord>,
  maxBytes = AUDIT_CSV_MAX_BYTES,
): { csv: string; rows: number; truncated: boolean } {
  const chunks: string[] = [];
  let bytes = 0;
  for (const line of auditCsvLines(records)) {
    if (bytes + line.length > maxBytes)
      return { csv: chunks.join(''), rows: chunks.length - 1, truncated: true };
    chunks.push(line);
    bytes += line.length;
  }
  return { csv: chunks.join(''), rows: chunks.length - 1, truncated: false };
}

/** Lines gathered into chunks of about `chunkChars`, for a door that streams the export (no cap). */
export function* auditCsvChunks(records: Iterable<AuditRecord>, chunkChars = 256 * 1024): Generator<string> {
  let chunk: string[] = [];
  let size = 0;
  for (const line of auditCsvLines(records)) {
    chunk.push(line);
    size += line.length;
    if (size >= chunkChars) {
      yield chunk.join('');
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

/** nightshift-audit-20240501T123456Z.csv: sortable, and no ':' (not allowed in Windows file names). */
export function auditCsvFilename(now: Date): string {
  return `nightshift-audit-${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.csv`;
}

export interface AuditCsvDownload {
  filename: string;
  /** How many records the file holds (its rows after the header). */
  rows: number;
  /** The header, then the rows newest first; each chunk is read from the store when it is pulled. */
  chunks: Iterable<string>;
}
