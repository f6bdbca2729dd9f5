// The rollup rows (store/batches/BatchRollups.ts) of a range of nights: what every batch view reads.
// One row per night, label, user and queue; jobNights.ts turns them into jobs.
import type Database from 'better-sqlite3';

export interface LabelNight {
  night: string;
  label: string;
  firstStartUs: number;
  lastEndUs: number;
  statements: number;
  queuedStatements: number;
  queueUs: number;
  execUs: number;
  aborted: number;
  waitQueue: string | null;
  /** '' when the statements carried none. */
  userName: string;
  queueName: string;
  /** Statements whose metrics are known, and their rows scanned and CPU. */
  measured: number;
  rowsScanned: number;
  cpuUs: number;
}

/** Rows of nights `from`..`to` ('YYYY-MM-DD', inclusive), by night. */
export function readLabelNights(
  db: Database.Database,
  connectionId: string,
  from: string,
  to: string,
): LabelNight[] {
  return db
    .prepare(
      `SELECT night, label, first_start_us AS firstStartUs, last_end_us AS lastEndUs, statements,
              queued_statements AS queuedStatements, queue_us AS queueUs, exec_us AS execUs, aborted,
              wait_queue AS waitQueue, user_name AS userName, queue_name AS queueName, measured,
              rows_scanned AS rowsScanned, cpu_us AS cpuUs
       FROM batch_label_nights WHERE connection_id = ? AND night BETWEEN ? AND ? ORDER BY night`,
    )
    .all(connectionId, from, to) as LabelNight[];
}

/** The last night holding any labelled statement, or null. */
export function lastNight(db: Database.Database, connectionId: string): string | null {
  const row = db
    .prepare('SELECT max(night) AS night FROM batch_label_nights WHERE connection_id = ?')
    .get(connectionId) as { night: string | null };
  return row.night;
}
