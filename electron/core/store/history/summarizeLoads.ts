// Derives copy_loads (migrations/0008_loads.sql): one row per COPY from its stored statement (text,
// times, queue wait, aborted), its per-file progress (load_commits) and its rejected rows
// (load_errors). Recomputes the COPYs that started since a day before the newest one summarized:
// statements arrive oldest first, and progress and errors arrive within minutes of their statement.
// Inputs that arrive out of that order (older history delivered later) are marked where they are
// stored (LateCopyInputs.ts), and the next summary starts there.
import type Database from 'better-sqlite3';
import { COPY_MATCH_US, LateCopyInputs } from './LateCopyInputs.ts';
import { feedKeyOf, filePatternOf, sourcePrefix } from '../../../../shared/loads/feedKey.ts';
import { parseCopyCommand } from '../../../../shared/loads/parseCopyCommand.ts';
import { rollUpFeedNights } from '../loads/rollUpFeedNights.ts';

interface Candidate {
  query: number;
  start_us: number;
  end_us: number;
  queue_us: number;
  exec_us: number;
  aborted: number;
  text: string;
  files: number | null;
  lines_scanned: number | null;
  bytes: number | null;
  first_file: string | null;
  sys_bytes: number | null;
  sys_files: number | null;
  sys_rows: number | null;
  sys_errors: number | null;
  sys_status: string | null;
  sys_format: string | null;
  error_rows: number;
  error_files: number;
}

/** Rebuilds copy_loads rows of one connection; returns how many COPYs were summarized. */
export function summarizeLoads(db: Database.Database, connectionId: string): number {
  // One transaction: the late-input mark is taken with the summaries it asked for.
  return db.transaction(() => summarize(db, connectionId))();
}

function summarize(db: Database.Database, connectionId: string): number {
  const newest = db
    .prepare('SELECT max(start_us) AS us FROM copy_loads WHERE connection_id = ?')
    .get(connectionId) as { us: number | null };
  // Inputs stored out of time order (LateCopyInputs.ts) move the start back; taken in this
  // transaction, so a crash before the summaries are written keeps the mark.
  const late = new LateCopyInputs(db).take(connectionId);
  const since = Math.min(
    newest.us === null ? Number.MIN_SAFE_INTEGER : newest.us - COPY_MATCH_US,
    late ?? Infinity,
  );
  // Progress and errors belong to the COPY run that was going on then: query ids can repeat.
  const candidates = db
    .prepare(
      `SELECT q.query, q.start_us, q.end_us, q.queue_us, q.exec_us, q.aborted, q.text,
         (SELECT count(DISTINCT c.filename) FROM load_commits c WHERE c.connection_id = q.connection_id
            AND c.query = q.query AND c.slice >= 0 AND c.cur_us BETWEEN q.start_us - ${COPY_MATCH_US} AND q.end_us + ${COPY_MATCH_US}) AS files,
         (SELECT sum(c.lines_scanned) FROM load_commits c WHERE c.connection_id = q.connection_id
            AND c.query = q.query AND c.slice >= 0 AND c.cur_us BETWEEN q.start_us - ${COPY_MATCH_US} AND q.end_us + ${COPY_MATCH_US}) AS lines_scanned,
         (SELECT sum(c.bytes) FROM load_commits c WHERE c.connection_id = q.connection_id
            AND c.query = q.query AND c.slice >= 0 AND c.cur_us BETWEEN q.start_us - ${COPY_MATCH_US} AND q.end_us + ${COPY_MATCH_US}) AS bytes,
         (SELECT min(c.filename) FROM load_commits c WHERE c.connection_id = q.connection_id
            AND c.query = q.query AND c.slice >= 0 AND c.cur_us BETWEEN q.start_us - ${COPY_MATCH_US} AND q.end_us + ${COPY_MATCH_US}) AS first_file,
         s.bytes AS sys_bytes, s.file_count AS sys_files,
         s.lines_scanned AS sys_rows, s.errors AS sys_errors, s.status AS sys_status, s.file_format AS sys_format,
         (SELECT count(*) FROM load_errors e WHERE e.connection_id = q.connection_id AND e.query = q.query
            AND e.start_us BETWEEN q.start_us - ${COPY_MATCH_US} AND q.end_us) AS error_rows,
         (SELECT count(DISTINCT e.file_name) FROM load_errors e WHERE e.connection_id = q.connection_id
            AND e.query = q.query AND e.start_us BETWEEN q.start_us - ${COPY_MATCH_US} AND q.end_us) AS error_files
       FROM queries q
       LEFT JOIN load_commits s ON s.connection_id = q.connection_id AND s.query = q.query AND s.source = 'sys' AND s.slice = -1
         AND s.cur_us BETWEEN q.start_us AND q.end_us + ${COPY_MATCH_US}
       WHERE q.connection_id = ? AND q.start_us >= ? AND ltrim(q.text) LIKE 'copy%'`,
    )
    .all(connectionId, since) as Candidate[];
  const upsert = db.prepare(
    `INSERT INTO copy_loads (connection_id, query, start_us, end_us, queue_us, exec_us, table_name, source,
       source_prefix, feed_key, file_format, maxerror, files, lines_scanned, rows_loaded, rows_rejected, status,
       bytes, file_pattern)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, query, start_us) DO UPDATE SET end_us = excluded.end_us,
       queue_us = excluded.queue_us, exec_us = excluded.exec_us, table_name = excluded.table_name,
       source = excluded.source, source_prefix = excluded.source_prefix, feed_key = excluded.feed_key,
       file_format = excluded.file_format, maxerror = excluded.maxerror, files = excluded.files,
       lines_scanned = excluded.lines_scanned, rows_loaded = excluded.rows_loaded,
       rows_rejected = excluded.rows_rejected, status = excluded.status, bytes = excluded.bytes,
       file_pattern = excluded.file_pattern`,
  );
  let count = 0;
  let firstUs = Number.MAX_SAFE_INTEGER;
  db.transaction(() => {
    for (const c of candidates) {
      const copy = parseCopyCommand(c.text);
      if (copy === null) continue;
      const sys = c.sys_status !== null || c.sys_rows !== null;
      const aborted = c.aborted === 1 || c.sys_status === 'aborted';
      const logged = sys ? Math.max(c.sys_errors ?? 0, c.error_rows) : c.error_rows;
      // STL_LOAD_ERRORS logs at most 20 rows per slice (REFERENCE 1.14): a COPY that aborted with
      // rejected rows went over its MAXERROR, whatever the log kept.
      const overBudget = aborted && logged > 0 ? (copy.maxerror ?? 0) + 1 : 0;
      const rejected = Math.max(logged, overBudget);
      const scanned = sys ? null : c.lines_scanned;
      const loaded = aborted
        ? 0
        : sys
          ? c.sys_rows
          : scanned === null
            ? null
            : Math.max(0, scanned - rejected);
      // Per-file rows (STL_LOAD_COMMITS, or SYS_LOAD_DETAIL on Serverless) count files and bytes
      // where the cluster gave them; SYS_LOAD_HISTORY's totals otherwise.
      const files = sys
        ? c.files !== null && c.files > 0
          ? c.files
          : c.sys_files
        : c.files !== null && c.files > 0
          ? c.files
          : c.error_files > 0
            ? c.error_files
            : null;
      const format = copy.format === 'text' && c.sys_format ? c.sys_format.toLowerCase() : copy.format;
      upsert.run(
        connectionId,
        c.query,
        c.start_us,
        c.end_us,
        c.queue_us,
        c.exec_us,
        copy.table,
        copy.source,
        sourcePrefix(copy.source),
        feedKeyOf(copy.table, copy.source),
        format,
        copy.maxerror,
        files,
        scanned,
        loaded,
        rejected,
        aborted ? 'aborted' : rejected > 0 ? 'partial' : 'loaded',
        sys ? (c.bytes ?? c.sys_bytes) : c.bytes,
        c.first_file === null ? null : filePatternOf(c.first_file),
      );
      count++;
      firstUs = Math.min(firstUs, c.start_us);
    }
    // The feeds' nights those COPYs fall on, for the delivery ledger.
    if (count > 0) rollUpFeedNights(db, connectionId, firstUs);
  })();
  return count;
}
