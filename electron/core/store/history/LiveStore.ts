// The live snapshot (live_statements: replaced by every poll) and the sessions seen (sessions: first and
// last poll that saw each one).
import type Database from 'better-sqlite3';
import type { LiveStatement } from '../../../../shared/model/live.ts';

/** A live statement as stored: the contract's fields, with times in microseconds (no derived ones). */
export interface LiveStatementRecord extends Pick<
  LiveStatement,
  | 'query'
  | 'pid'
  | 'xid'
  | 'userName'
  | 'label'
  | 'serviceClass'
  | 'slotCount'
  | 'state'
  | 'queryPriority'
  | 'textPreview'
> {
  wlmStartUs: number;
  queueUs: number;
  execUs: number;
}

export interface SessionRecord {
  process: number;
  startUs: number;
  userName: string;
  dbName: string;
  timeoutSec: number;
}

// Each statement is prepared where it runs: the live_activity job makes a LiveStore per run.
export class LiveStore {
  constructor(private readonly db: Database.Database) {}

  /** Call inside the run's transaction. */
  replace(
    connectionId: string,
    statements: readonly LiveStatementRecord[],
    sessions: readonly SessionRecord[],
    polledUs: number,
  ): void {
    this.db.prepare('DELETE FROM live_statements WHERE connection_id = ?').run(connectionId);
    const insertStatement = this.db.prepare(
      `INSERT OR REPLACE INTO live_statements (connection_id, query, pid, xid, user_name, label, service_class, slot_count,
         state, wlm_start_us, queue_us, exec_us, query_priority, text_preview, polled_us)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of statements) {
      insertStatement.run(
        connectionId,
        s.query,
        s.pid,
        s.xid,
        s.userName,
        s.label,
        s.serviceClass,
        s.slotCount,
        s.state,
        s.wlmStartUs,
        s.queueUs,
        s.execUs,
        s.queryPriority,
        s.textPreview,
        polledUs,
      );
    }
    const upsertSession = this.db.prepare(
      `INSERT INTO sessions (connection_id, process, start_us, user_name, db_name, timeout_sec, first_seen_us, last_seen_us)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, process, start_us) DO UPDATE SET last_seen_us = excluded.last_seen_us`,
    );
    for (const s of sessions) {
      upsertSession.run(
        connectionId,
        s.process,
        s.startUs,
        s.userName,
        s.dbName,
        s.timeoutSec,
        polledUs,
        polledUs,
      );
    }
  }
}
