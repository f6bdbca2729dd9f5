// loads.errors: COPY load errors of one connection whose load started in a range, filtered by table
// and error code, newest first, paged, with the total count.
import type Database from 'better-sqlite3';
import type { LoadErrorRow, LoadErrorsArgs, LoadErrorsPage } from '../../../shared/model/load.ts';
import { isoFromMicros, microsFromIso } from '../base/redshiftTime.ts';
import { equalFilters } from '../store/equalFilters.ts';

export interface LoadErrorDbRow {
  connection_id: string;
  query: number;
  start_us: number;
  table_id: number | null;
  table_name: string | null;
  file_name: string;
  line_number: number;
  column_name: string;
  err_code: number;
  err_reason: string;
  raw_line: string;
  raw_field_value: string;
  position: number;
  column_type: string | null;
  column_length: string | null;
}

const COLUMNS = `connection_id, query, start_us, table_id, table_name, file_name, line_number, column_name, err_code,
  err_reason, raw_line, raw_field_value, position, column_type, column_length`;
/** The order of index load_errors_page (migrations/0014_feeds.sql): newest COPY first, file order within. */
const ORDER = 'start_us DESC, query DESC, file_name, line_number, column_name, position';

export function readLoadErrors(db: Database.Database, args: LoadErrorsArgs): LoadErrorsPage {
  const where = ['connection_id = ?', 'start_us >= ?', 'start_us <= ?'];
  const params: (string | number)[] = [args.connectionId, microsFromIso(args.from), microsFromIso(args.to)];
  equalFilters(where, params, { table_name: args.tableName, err_code: args.errCode });
  const filter = where.join(' AND ');
  const limit = args.limit ?? 100;
  const page = (extra: string, extraParams: (string | number)[], n: number, offset = 0) =>
    db
      .prepare(
        `SELECT ${COLUMNS} FROM load_errors WHERE ${filter}${extra} ORDER BY ${ORDER} LIMIT ? OFFSET ?`,
      )
      .all(...params, ...extraParams, n, offset) as LoadErrorDbRow[];
  let rows: LoadErrorDbRow[];
  let total = -1;
  const after = args.after;
  if (after) {
    // By key: the rest of the cursor's COPY, then the COPYs before it; each a range of the index.
    const us = microsFromIso(after.startTime);
    rows = page(
      ' AND start_us = ? AND query = ? AND (file_name, line_number, column_name, position) > (?, ?, ?, ?)',
      [us, after.query, after.fileName, after.lineNumber, after.columnName, after.position],
      limit,
    );
    if (rows.length < limit) {
      // The cursor's start is the range's new upper end, so the index is entered at the cursor.
      params[2] = Math.min(Number(params[2]), us);
      rows.push(...page(' AND (start_us < ? OR query < ?)', [us, after.query], limit - rows.length));
    }
  } else {
    rows = page('', [], limit, args.offset ?? 0);
    total = (
      db.prepare(`SELECT count(*) AS n FROM load_errors WHERE ${filter}`).get(...params) as { n: number }
    ).n;
  }
  const last = rows.length === limit ? rows[rows.length - 1] : undefined;
  return {
    rows: rows.map(toLoadErrorRow),
    total,
    next: last
      ? {
          startTime: isoFromMicros(last.start_us),
          query: last.query,
          fileName: last.file_name,
          lineNumber: last.line_number,
          columnName: last.column_name,
          position: last.position,
        }
      : null,
  };
}

/** A stored load error as the API gives it. */
export function toLoadErrorRow(r: LoadErrorDbRow): LoadErrorRow {
  return {
    connectionId: r.connection_id,
    query: r.query,
    startTime: isoFromMicros(r.start_us),
    tableId: r.table_id,
    tableName: r.table_name,
    fileName: r.file_name,
    lineNumber: r.line_number,
    columnName: r.column_name,
    errCode: r.err_code,
    errReason: r.err_reason,
    rawLine: r.raw_line,
    rawFieldValue: r.raw_field_value,
    position: r.position < 0 ? null : r.position,
    columnType: r.column_type,
    columnLength: r.column_length,
  };
}
