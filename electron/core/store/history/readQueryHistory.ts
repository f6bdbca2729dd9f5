// queries.history: stored statements of one connection in a time range (by start time), filtered,
// sorted and paged, with the total count. The filters and sort keys map to fixed SQL fragments (never
// user text in SQL); every sort key has an index ending with the tie-breakers (query, start time;
// 0018_store_reads.sql), so a page sorted by a duration walks the index from the top and stops after
// the page instead of sorting the whole range. Paging is by keyset: a page's `next` cursor names its
// last row, and the next page seeks past it in the index (a page at row 500,000 costs what the first
// does). An offset alone still works; it skips rows in the index before reading the page's rows.
import type Database from 'better-sqlite3';
import type {
  QueryHistoryArgs,
  QueryHistoryFilter,
  QueryHistoryPage,
  QueryRow,
} from '../../../../shared/model/query.ts';
import { isoFromMicros, microsFromIso } from '../../base/redshiftTime.ts';
import { LIKE_TRIMMED_CODES } from '../../base/likePatterns.ts';

const SORT_COLUMNS = {
  startTime: 'start_us',
  elapsedMs: 'elapsed_us',
  queueMs: 'queue_us',
  execMs: 'exec_us',
} as const;
const DEFAULT_LIMIT = 100;
export const PREVIEW_CHARS = 200;

export interface QueryDbRow {
  connection_id: string;
  query: number;
  start_us: number;
  end_us: number;
  user_id: number;
  user_name: string | null;
  pid: number;
  xid: number;
  label: string;
  database: string;
  service_class: number | null;
  queue_name: string | null;
  slot_count: number | null;
  queue_us: number;
  exec_us: number;
  elapsed_us: number;
  aborted: number;
  fingerprint: string;
  text_preview: string;
}

export const ROW_COLUMNS = `connection_id, query, start_us, end_us, user_id, user_name, pid, xid, label, database,
  service_class, queue_name, slot_count, queue_us, exec_us, elapsed_us, aborted, fingerprint`;

export function toQueryRow(r: QueryDbRow): QueryRow {
  return {
    connectionId: r.connection_id,
    query: r.query,
    startTime: isoFromMicros(r.start_us),
    endTime: isoFromMicros(r.end_us),
    userId: r.user_id,
    userName: r.user_name,
    pid: r.pid,
    xid: r.xid,
    label: r.label,
    database: r.database,
    serviceClass: r.service_class,
    queueName: r.queue_name,
    slotCount: r.slot_count,
    queueMs: r.queue_us / 1000,
    execMs: r.exec_us / 1000,
    elapsedMs: r.elapsed_us / 1000,
    aborted: r.aborted === 1,
    fingerprint: r.fingerprint,
    textPreview: r.text_preview,
  };
}

/** `%`, `_` and `\` in a LIKE pattern taken literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause of a history filter (fixed fragments, values as parameters). */
export function historyWhere(args: QueryHistoryFilter): { where: string; params: (string | number)[] } {
  const where = ['connection_id = ?', 'start_us >= ?', 'start_us <= ?'];
  const params: (string | number)[] = [args.connectionId, microsFromIso(args.from), microsFromIso(args.to)];
  if (args.user !== undefined) {
    where.push('user_name = ?');
    params.push(args.user);
  }
  if (args.label !== undefined) {
    where.push('label = ?');
    params.push(args.label);
  }
  if (args.serviceClass !== undefined) {
    where.push('service_class = ?');
    params.push(args.serviceClass);
  }
  if (args.minDurationMs !== undefined) {
    where.push('elapsed_us >= ?');
    params.push(Math.round(args.minDurationMs * 1000));
  }
  if (args.aborted !== undefined) {
    where.push('aborted = ?');
    params.push(args.aborted ? 1 : 0);
  }
  if (args.text !== undefined && args.text.includes('\u0000')) {
    // Statement text never holds a NUL (Redshift and PostgreSQL text cannot), and SQLite's LIKE would
    // stop reading the pattern at it and match every row: a NUL matches nothing, as it should.
    where.push('0');
  } else if (args.text !== undefined && args.text !== '') {
    where.push("text LIKE ? ESCAPE '\\'");
    params.push(`%${likeLiteral(args.text)}%`);
  }
  return { where: where.join(' AND '), params };
}

/**
 * The SQL form of the hidden patterns (issue #14): true for a row one of them matches, with
 * likeMatcher's semantics (SQLite's LIKE without an escape, ASCII case folded, the text trimmed of
 * whitespace first), so "All runs" leaves out what the other lists leave out. Null for no patterns.
 */
function hiddenCondition(hide: readonly string[]): string | null {
  if (hide.length === 0) return null;
  const trimmed = `trim(text, char(${LIKE_TRIMMED_CODES.join(', ')}))`;
  return `(${hide.map(() => `${trimmed} LIKE ?`).join(' OR ')})`;
}

/** `hide`: the connection's hidden LIKE patterns; their runs are left out and counted in `hidden`. */
export function readQueryHistory(
  db: Database.Database,
  args: QueryHistoryArgs,
  hide: readonly string[] = [],
): QueryHistoryPage {
  const { where: shown, params: filterParams } = historyWhere(args);
  const hiddenIf = hiddenCondition(hide);
  const filter = hiddenIf === null ? shown : `${shown} AND NOT ${hiddenIf}`;
  const params = hiddenIf === null ? filterParams : [...filterParams, ...hide];
  const by = args.sort?.by ?? 'startTime';
  const column = SORT_COLUMNS[by];
  const dir = args.sort?.dir === 'asc' ? 'ASC' : 'DESC';
  // The key: the sort column, then query id and start time ((start time, query) for the start time).
  const key = by === 'startTime' ? ['start_us', 'query'] : [column, 'query', 'start_us'];
  const seek: (string | number)[] = [];
  let where = filter;
  if (args.after !== undefined) {
    const [value, query, startUs] = args.after.split(':').map(Number) as [number, number, number];
    where += ` AND (${key.join(', ')}) ${dir === 'ASC' ? '>' : '<'} (${key.map(() => '?').join(', ')})`;
    seek.push(...(by === 'startTime' ? [startUs, query] : [value, query, startUs]));
  }
  const limit = args.limit ?? DEFAULT_LIMIT;
  const order = key.map((c) => `${c} ${dir}`).join(', ');
  // The page's rowids first (from the index alone when the filter is on indexed columns), then only
  // those rows: an offset skips index entries, not whole rows with their text.
  const rows = db
    .prepare(
      `SELECT ${ROW_COLUMNS}, substr(text, 1, ${PREVIEW_CHARS}) AS text_preview FROM queries
       WHERE rowid IN (SELECT rowid FROM queries WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?)
       ORDER BY ${order}`,
    )
    .all(...params, ...seek, limit, args.offset ?? 0) as QueryDbRow[];
  // One pass counts both: the rows the filter matches and, of those, the ones the patterns hide.
  const counted =
    args.withTotal === false
      ? null
      : (db
          .prepare(
            `SELECT count(*) AS n, ${hiddenIf === null ? '0' : `coalesce(sum(${hiddenIf}), 0)`} AS hidden
             FROM queries WHERE ${shown}`,
          )
          .get(...(hiddenIf === null ? [] : hide), ...filterParams) as { n: number; hidden: number });
  const last = rows.at(-1);
  return {
    rows: rows.map(toQueryRow),
    total: counted === null ? null : counted.n - counted.hidden,
    ...(counted === null ? {} : { hidden: counted.hidden }),
    next:
      last && rows.length === limit
        ? `${by === 'startTime' ? last.start_us : last[column]}:${last.query}:${last.start_us}`
        : null,
  };
}
