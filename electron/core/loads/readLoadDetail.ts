// loads.get: one COPY's summary and its rejected rows grouped by error pattern (code + column), each
// group with Redshift's reason, plain words and a fix (REFERENCE 1.22) and its first rows.
import type Database from 'better-sqlite3';
import type { LoadDetail, LoadDetailArgs, LoadErrorGroup } from '../../../shared/model/load.ts';
import { loadErrorHelp } from '../../../shared/loads/loadErrorHelp.ts';
import { microsFromIso } from '../base/redshiftTime.ts';
import { toLoadErrorRow, type LoadErrorDbRow } from './readLoadErrors.ts';
import { LOAD_COLUMNS, toLoadRow, type LoadDbRow } from './readLoads.ts';

const DAY_US = 86_400_000_000;
/**
 * Rows per group: STL_LOAD_ERRORS logs at most 20 per slice per COPY (REFERENCE 1.14), so this is
 * nearly all of a group on a small cluster while a runaway load still answers fast.
 */
const SAMPLES_PER_GROUP = 50;

export function readLoadDetail(db: Database.Database, args: LoadDetailArgs): LoadDetail {
  const byTime = args.startTime !== undefined;
  const load = db
    .prepare(
      `SELECT ${LOAD_COLUMNS} FROM copy_loads WHERE connection_id = ? AND query = ? ${byTime ? 'AND start_us = ?' : ''}
       ORDER BY start_us DESC LIMIT 1`,
    )
    .get(args.connectionId, args.query, ...(byTime ? [microsFromIso(args.startTime!)] : [])) as
    LoadDbRow | undefined;
  // Errors of that run of the query id (ids repeat over time); all of them when no COPY row is known.
  const window = load
    ? [load.start_us - DAY_US, load.end_us]
    : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  const errorFilter = 'connection_id = ? AND query = ? AND start_us BETWEEN ? AND ?';
  const params = [args.connectionId, args.query, ...window];
  const groups = db
    .prepare(
      `SELECT err_code, column_name, max(column_type) AS column_type, max(column_length) AS column_length,
         max(err_reason) AS err_reason, count(*) AS n
       FROM load_errors WHERE ${errorFilter}
       GROUP BY err_code, column_name ORDER BY n DESC, err_code, column_name`,
    )
    .all(...params) as {
    err_code: number;
    column_name: string;
    column_type: string | null;
    column_length: string | null;
    err_reason: string;
    n: number;
  }[];
  const samples = db.prepare(
    `SELECT connection_id, query, start_us, table_id, table_name, file_name, line_number, column_name, err_code,
       err_reason, raw_line, raw_field_value, position, column_type, column_length
     FROM load_errors WHERE ${errorFilter} AND err_code = ? AND column_name = ?
     ORDER BY file_name, line_number, slice LIMIT ${SAMPLES_PER_GROUP}`,
  );
  const out: LoadErrorGroup[] = groups.map((g) => {
    const help = loadErrorHelp(g.err_code);
    return {
      errCode: g.err_code,
      columnName: g.column_name,
      columnType: g.column_type,
      columnLength: g.column_length,
      reason: g.err_reason,
      meaning: help.meaning,
      fix: help.fix,
      count: g.n,
      samples: (samples.all(...params, g.err_code, g.column_name) as LoadErrorDbRow[]).map(toLoadErrorRow),
    };
  });
  return {
    load: load ? toLoadRow(load) : null,
    groups: out,
    totalErrors: out.reduce((sum, g) => sum + g.count, 0),
  };
}
