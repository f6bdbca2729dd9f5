// The write path of the query history: an upsert on the natural key (connection, query id, start time),
// so re-reading the overlap window or a page interrupted by a crash changes nothing. A row first read
// without all of its text pieces is completed when a later read has them.
import type Database from 'better-sqlite3';
import type { QueryRecord } from './QueryRecord.ts';

const COLUMNS = [
  'connection_id',
  'query',
  'start_us',
  'end_us',
  'user_id',
  'user_name',
  'pid',
  'xid',
  'label',
  'database',
  'service_class',
  'queue_name',
  'slot_count',
  'queue_us',
  'exec_us',
  'elapsed_us',
  'aborted',
  'fingerprint',
  'text',
  'text_complete',
  'wlm_queue_start_us',
  'wlm_queue_end_us',
  'wlm_exec_start_us',
  'wlm_exec_end_us',
  'final_state',
  'source',
] as const;

export const INSERT_QUERY_SQL = `INSERT INTO queries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

/** Positional values in COLUMNS order. */
export function queryRecordValues(r: QueryRecord): (string | number | null)[] {
  return [
    r.connectionId,
    r.query,
    r.startUs,
    r.endUs,
    r.userId,
    r.userName,
    r.pid,
    r.xid,
    r.label,
    r.database,
    r.serviceClass,
    r.queueName,
    r.slotCount,
    r.queueUs,
    r.execUs,
    r.elapsedUs,
    r.aborted ? 1 : 0,
    r.fingerprint,
    r.text,
    r.textComplete ? 1 : 0,
    r.wlmQueueStartUs,
    r.wlmQueueEndUs,
    r.wlmExecStartUs,
    r.wlmExecEndUs,
    r.finalState,
    r.source,
  ];
}

export class QueryStore {
  private readonly upsertStatement: Database.Statement;

  constructor(db: Database.Database) {
    this.upsertStatement = db.prepare(
      `${INSERT_QUERY_SQL}
       ON CONFLICT (connection_id, query, start_us) DO UPDATE SET
         text = excluded.text, text_complete = 1, fingerprint = excluded.fingerprint
       WHERE queries.text_complete = 0 AND excluded.text_complete = 1`,
    );
  }

  /** Upserts rows; call inside the job's transaction. Returns how many rows were new or completed. */
  upsert(rows: readonly QueryRecord[]): number {
    let changed = 0;
    for (const r of rows) changed += this.upsertStatement.run(queryRecordValues(r)).changes;
    return changed;
  }
}
