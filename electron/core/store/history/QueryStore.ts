// The write path of the query history: an upsert on the natural key (connection, query id, start time),
// so re-reading the overlap window or a page interrupted by a crash changes nothing. A row first read
// without all of its text pieces is completed when a later read has them.
import type Database from 'better-sqlite3';
import { FingerprintDays } from './FingerprintDays.ts';
import { isCopyText, LateCopyInputs } from './LateCopyInputs.ts';
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

const QUARTER_US = 900_000_000;

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
  private readonly insertStatement: Database.Statement;
  private readonly completeStatement: Database.Statement;
  private readonly incompleteStatement: Database.Statement;
  private readonly days: FingerprintDays;
  private readonly lateCopies: LateCopyInputs;
  private readonly countQuarter: Database.Statement;

  constructor(db: Database.Database) {
    // Insert and completion are two statements so a caller can tell a statement stored for the first
    // time (the batch rollups count each statement once, whatever the overlap re-reads).
    this.insertStatement = db.prepare(
      `${INSERT_QUERY_SQL} ON CONFLICT (connection_id, query, start_us) DO NOTHING`,
    );
    this.completeStatement = db.prepare(
      `UPDATE queries SET text = ?, text_complete = 1, fingerprint = ?
       WHERE connection_id = ? AND query = ? AND start_us = ? AND text_complete = 0`,
    );
    this.incompleteStatement = db.prepare(
      'SELECT fingerprint FROM queries WHERE connection_id = ? AND query = ? AND start_us = ? AND text_complete = 0',
    );
    this.days = new FingerprintDays(db);
    this.lateCopies = new LateCopyInputs(db);
    this.countQuarter = db.prepare(
      `INSERT INTO query_quarters (connection_id, quarter_us, statements) VALUES (?, ?, ?)
       ON CONFLICT (connection_id, quarter_us) DO UPDATE SET statements = statements + excluded.statements`,
    );
  }

  /**
   * Upserts rows; call inside the job's transaction. Returns how many rows were new or completed;
   * `onNew` sees each row stored for the first time. Keeps fingerprint_days (FingerprintDays.ts).
   */
  upsert(rows: readonly QueryRecord[], onNew?: (row: QueryRecord) => void): number {
    let changed = 0;
    // New statements per connection and quarter hour (query_quarters: the month-start view's per-day counts).
    const quarters = new Map<string, Map<number, number>>();
    // The oldest COPY stored for the first time, per connection: its summary is due (LateCopyInputs).
    const copiesFrom = new Map<string, number>();
    for (const r of rows) {
      if (this.insertStatement.run(queryRecordValues(r)).changes > 0) {
        changed++;
        if (isCopyText(r.text))
          copiesFrom.set(r.connectionId, Math.min(copiesFrom.get(r.connectionId) ?? r.startUs, r.startUs));
        let perQuarter = quarters.get(r.connectionId);
        if (!perQuarter) quarters.set(r.connectionId, (perQuarter = new Map()));
        const quarter = Math.floor(r.startUs / QUARTER_US) * QUARTER_US;
        perQuarter.set(quarter, (perQuarter.get(quarter) ?? 0) + 1);
        this.days.add(r);
        onNew?.(r);
      } else if (r.textComplete) {
        // Only a row stored without all of its text is completed (rare): its fingerprint may change.
        const stored = this.incompleteStatement.get(r.connectionId, r.query, r.startUs) as
          { fingerprint: string } | undefined;
        if (!stored) continue;
        changed += this.completeStatement.run(
          r.text,
          r.fingerprint,
          r.connectionId,
          r.query,
          r.startUs,
        ).changes;
        if (stored.fingerprint !== r.fingerprint) {
          this.days.flush();
          this.days.recount(r.connectionId, stored.fingerprint, r.startUs);
          this.days.recount(r.connectionId, r.fingerprint, r.startUs);
        }
      }
    }
    this.days.flush();
    for (const [connectionId, fromUs] of copiesFrom) this.lateCopies.mark(connectionId, fromUs);
    for (const [connectionId, perQuarter] of quarters)
      for (const [quarter, n] of perQuarter) this.countQuarter.run(connectionId, quarter, n);
    return changed;
  }
}
