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
  /** Statements whose CPU is known: fewer than `measured` on Serverless (none there). */
  cpuMeasured: number;
}

/** One row as read below, its positions laid out as the SELECT's lines. */
// prettier-ignore
type RawRow = [
  night: string, label: string, firstStartUs: number, lastEndUs: number, statements: number,
  queuedStatements: number, queueUs: number, execUs: number, aborted: number, waitQueue: string | null,
  userName: string, queueName: string, measured: number, rowsScanned: number, cpuUs: number, cpuMeasured: number,
];

/**
 * Rows of nights `from`..`to` ('YYYY-MM-DD', inclusive), by night. Read as arrays and made into objects
 * here: 400 nights x 40 jobs is 16,000 rows, and better-sqlite3's own row objects cost twice as much.
 */
export function readLabelNights(
  db: Database.Database,
  connectionId: string,
  from: string,
  to: string,
): LabelNight[] {
  const raw = db
    .prepare(
      `SELECT night, label, first_start_us, last_end_us, statements,
              queued_statements, queue_us, exec_us, aborted, wait_queue,
              user_name, queue_name, measured, rows_scanned, cpu_us, cpu_measured
       FROM batch_label_nights WHERE connection_id = ? AND night BETWEEN ? AND ? ORDER BY night`,
    )
    .raw(true)
    .all(connectionId, from, to) as RawRow[];
  const rows = new Array<LabelNight>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    rows[i] = {
      night: r[0],
      label: r[1],
      firstStartUs: r[2],
      lastEndUs: r[3],
      statements: r[4],
      queuedStatements: r[5],
      queueUs: r[6],
      execUs: r[7],
      aborted: r[8],
      waitQueue: r[9],
      userName: r[10],
      queueName: r[11],
      measured: r[12],
      rowsScanned: r[13],
      cpuUs: r[14],
      cpuMeasured: r[15],
    };
  }
  return rows;
}

/** The last night holding any labelled statement (before `before` when given), or null. */
export function lastNight(db: Database.Database, connectionId: string, before?: string): string | null {
  const row = db
    .prepare('SELECT max(night) AS night FROM batch_label_nights WHERE connection_id = ? AND night < ?')
    .get(connectionId, before ?? '\uffff') as { night: string | null };
  return row.night;
}
