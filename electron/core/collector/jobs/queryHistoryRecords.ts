// Rows of query_history_page / sys_query_history_page (queries/query_history.sql) and their text pieces
// -> QueryRecords for the store.
import type { QueryRecord } from '../../store/history/QueryRecord.ts';
import { fingerprint } from '../fingerprint.ts';
import { microsFromTimestamp, microsOrNull } from '../../base/redshiftTime.ts';
import { reassembleText, type TextPiece } from '../statementText.ts';

export interface HistoryRow {
  query: number | string;
  userid: number;
  user_name: string | null;
  pid: number | null;
  xid: number | string | null;
  label: string | null;
  database: string | null;
  starttime: string;
  endtime: string;
  aborted: number;
  querytxt: string | null;
  service_class: number | null;
  queue_name: string | null;
  slot_count: number | null;
  total_queue_time: number | string | null;
  total_exec_time: number | string | null;
  queue_start_time: string | null;
  queue_end_time: string | null;
  exec_start_time: string | null;
  exec_end_time: string | null;
  final_state: string | null;
}

export interface PieceRow {
  query: number | string;
  sequence: number;
  text: string;
}

/** STL_QUERY.querytxt and SYS_QUERY_HISTORY.query_text keep the first 4,000 characters (REFERENCE 1.4). */
const QUERYTXT_WIDTH = 4000;

const num = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

export function groupPieces(rows: readonly PieceRow[]): Map<number, TextPiece[]> {
  const byQuery = new Map<number, TextPiece[]>();
  for (const r of rows) {
    const q = Number(r.query);
    let list = byQuery.get(q);
    if (!list) byQuery.set(q, (list = []));
    list.push({ sequence: r.sequence, text: r.text });
  }
  return byQuery;
}

export function toQueryRecord(
  connectionId: string,
  row: HistoryRow,
  pieces: TextPiece[] | undefined,
  source: 'stl' | 'sys',
): QueryRecord {
  const startUs = microsFromTimestamp(row.starttime);
  const endUs = microsFromTimestamp(row.endtime);
  const elapsedUs = Math.max(0, endUs - startUs);
  const short = row.querytxt ?? '';
  let text = short;
  let textComplete = short.length < QUERYTXT_WIDTH;
  if (pieces && pieces.length > 0) {
    const assembled = reassembleText(pieces, source === 'stl' ? 200 : 4000);
    // Pieces that yield less than querytxt lost some of their rows: querytxt is the better text then.
    if (assembled.text.length >= short.length || assembled.complete) {
      text = assembled.text;
      textComplete = assembled.complete;
    }
  }
  const queueUs = num(row.total_queue_time) ?? 0;
  return {
    connectionId,
    query: Number(row.query),
    startUs,
    endUs,
    userId: row.userid,
    userName: row.user_name,
    pid: row.pid ?? -1,
    xid: num(row.xid) ?? 0,
    label: row.label ?? '',
    database: row.database ?? '',
    serviceClass: row.service_class,
    queueName: row.queue_name,
    slotCount: row.slot_count,
    queueUs,
    execUs: num(row.total_exec_time) ?? Math.max(0, elapsedUs - queueUs),
    elapsedUs,
    aborted: row.aborted !== 0,
    fingerprint: fingerprint(text),
    text,
    textComplete,
    wlmQueueStartUs: microsOrNull(row.queue_start_time),
    wlmQueueEndUs: microsOrNull(row.queue_end_time),
    wlmExecStartUs: microsOrNull(row.exec_start_time),
    wlmExecEndUs: microsOrNull(row.exec_end_time),
    finalState: row.final_state,
    source,
  };
}
