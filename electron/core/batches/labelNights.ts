// The rollup rows (store/batches/BatchRollups.ts) of a range of nights: what every batch view reads.
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
              wait_queue AS waitQueue
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
