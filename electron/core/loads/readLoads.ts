// loads.list: the COPYs of one connection that started in a range (store table copy_loads), filtered
// by table, source, feed and status, sorted and paged, with the total count.
import type Database from 'better-sqlite3';
import type { LoadRow, LoadSort, LoadStatus, LoadsArgs, LoadsPage } from '../../../shared/model/load.ts';
import { isoFromMicros, microsFromIso } from '../base/redshiftTime.ts';
import { readFeedRows, rootsOf } from '../store/loads/FeedStore.ts';

export interface LoadDbRow {
  connection_id: string;
  query: number;
  start_us: number;
  end_us: number;
  queue_us: number;
  exec_us: number;
  table_name: string;
  source: string;
  source_prefix: string;
  feed_key: string;
  file_format: string;
  maxerror: number | null;
  files: number | null;
  lines_scanned: number | null;
  rows_loaded: number | null;
  rows_rejected: number;
  status: string;
}

export const LOAD_COLUMNS = `connection_id, query, start_us, end_us, queue_us, exec_us, table_name, source,
  source_prefix, feed_key, file_format, maxerror, files, lines_scanned, rows_loaded, rows_rejected, status`;

const ORDER: Record<LoadSort, string> = {
  start: 'start_us',
  duration: 'end_us - start_us',
  queue: 'queue_us',
  rows: 'coalesce(lines_scanned, rows_loaded, -1)',
  rejected: 'rows_rejected',
  table: 'table_name',
};

/** Escapes LIKE's wildcards so a filter matches the text literally. */
const likeText = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function toLoadRow(r: LoadDbRow): LoadRow {
  return {
    connectionId: r.connection_id,
    query: r.query,
    startTime: isoFromMicros(r.start_us),
    endTime: isoFromMicros(r.end_us),
    tableName: r.table_name,
    source: r.source,
    sourcePrefix: r.source_prefix,
    feedKey: r.feed_key,
    fileFormat: r.file_format,
    maxerror: r.maxerror,
    files: r.files,
    linesScanned: r.lines_scanned,
    rowsLoaded: r.rows_loaded,
    rowsRejected: r.rows_rejected,
    status: r.status as LoadStatus,
    durationMs: Math.round((r.end_us - r.start_us) / 1000),
    queueMs: Math.round(r.queue_us / 1000),
  };
}

export function readLoads(db: Database.Database, args: LoadsArgs): LoadsPage {
  const where = ['connection_id = ?', 'start_us >= ?', 'start_us <= ?'];
  const params: (string | number)[] = [args.connectionId, microsFromIso(args.from), microsFromIso(args.to)];
  if (args.table) {
    where.push("table_name LIKE ? ESCAPE '\\'");
    params.push(likeText(args.table));
  }
  if (args.source) {
    where.push("source LIKE ? ESCAPE '\\'");
    params.push(likeText(args.source));
  }
  if (args.feedKey !== undefined) {
    // A feed counts the feeds merged into it (store table feeds) as its own COPYs.
    const keys = feedKeysOf(db, args.connectionId, args.feedKey);
    where.push(`feed_key IN (${keys.map(() => '?').join(', ')})`);
    params.push(...keys);
  }
  if (args.status !== undefined) {
    where.push('status = ?');
    params.push(args.status);
  }
  const filter = where.join(' AND ');
  const direction = args.ascending === true ? 'ASC' : 'DESC';
  const rows = db
    .prepare(
      `SELECT ${LOAD_COLUMNS} FROM copy_loads WHERE ${filter}
       ORDER BY ${ORDER[args.sort ?? 'start']} ${direction}, start_us ${direction}, query LIMIT ? OFFSET ?`,
    )
    .all(...params, args.limit ?? 100, args.offset ?? 0) as LoadDbRow[];
  const { n } = db.prepare(`SELECT count(*) AS n FROM copy_loads WHERE ${filter}`).get(...params) as {
    n: number;
  };
  return { rows: rows.map(toLoadRow), total: n };
}

/** A feed's key and the keys of the feeds merged into it. */
function feedKeysOf(db: Database.Database, connectionId: string, feedKey: string): string[] {
  const rows = readFeedRows(db, connectionId);
  const roots = rootsOf(rows);
  const keys = rows.filter((r) => roots.get(r.feed_id)?.feed_key === feedKey).map((r) => r.feed_key);
  return keys.includes(feedKey) ? keys : [feedKey, ...keys];
}
