// Per-night, per-label rollups of the query history (issue #10): first start, last end, statements,
// queued statements, queue and execution time, aborted count. Kept current at ingest, so the batch
// views read a few rows per night instead of every statement: the collector adds each statement the
// first time it is stored (QueryStore.upsert's onNew), which makes re-reads free and keeps the cost
// proportional to what is new. When the night window changes, rebuild() recomputes from `queries`.
import type Database from 'better-sqlite3';
import { NightClock, nightOf, nightWindow, type NightSpec } from '../../base/batchNight.ts';
import { addDays } from '../../base/zonedTime.ts';
import type { QueryRecord } from '../history/QueryRecord.ts';

interface Bucket {
  night: string;
  label: string;
  nightStartUs: number;
  firstStartUs: number;
  lastEndUs: number;
  statements: number;
  queued: number;
  queueUs: number;
  execUs: number;
  aborted: number;
  waitQueue: string | null;
}

/** Statements with no query_group (STL_QUERY.label 'default', REFERENCE 6.3) are ad hoc, not a job. */
export const isJobLabel = (label: string): boolean => label !== '' && label !== 'default';

export class BatchRollups {
  private readonly clock: NightClock;
  private readonly buckets = new Map<string, Bucket>();
  private readonly upsertStatement: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly connectionId: string,
    spec: NightSpec,
  ) {
    this.clock = new NightClock(spec);
    this.upsertStatement = db.prepare(
      `INSERT INTO batch_label_nights (connection_id, night, label, night_start_us, first_start_us, last_end_us,
         statements, queued_statements, queue_us, exec_us, aborted, wait_queue)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, night, label) DO UPDATE SET
         first_start_us = min(first_start_us, excluded.first_start_us),
         last_end_us = max(last_end_us, excluded.last_end_us),
         statements = statements + excluded.statements,
         queued_statements = queued_statements + excluded.queued_statements,
         queue_us = queue_us + excluded.queue_us,
         exec_us = exec_us + excluded.exec_us,
         aborted = aborted + excluded.aborted,
         wait_queue = coalesce(excluded.wait_queue, wait_queue)`,
    );
  }

  /** Counts a statement stored for the first time (flushed by flush(), in the same transaction). */
  add(r: QueryRecord): void {
    if (!isJobLabel(r.label)) return;
    const night = this.clock.nightOf(r.startUs / 1000);
    if (night === null) return;
    const key = `${night}\u0000${r.label}`;
    let b = this.buckets.get(key);
    if (!b) {
      const w = nightWindow(night, this.clock.spec);
      b = {
        night,
        label: r.label,
        nightStartUs: w.fromMs * 1000,
        firstStartUs: r.startUs,
        lastEndUs: r.endUs,
        statements: 0,
        queued: 0,
        queueUs: 0,
        execUs: 0,
        aborted: 0,
        waitQueue: null,
      };
      this.buckets.set(key, b);
    }
    b.firstStartUs = Math.min(b.firstStartUs, r.startUs);
    b.lastEndUs = Math.max(b.lastEndUs, r.endUs);
    b.statements++;
    if (r.queueUs > 0) {
      b.queued++;
      b.waitQueue = r.queueName ?? b.waitQueue;
    }
    b.queueUs += r.queueUs;
    b.execUs += r.execUs;
    if (r.aborted) b.aborted++;
  }

  /** Writes what add() collected; call inside the transaction that stored the statements. */
  flush(): void {
    for (const b of this.buckets.values())
      this.upsertStatement.run(
        this.connectionId,
        b.night,
        b.label,
        b.nightStartUs,
        b.firstStartUs,
        b.lastEndUs,
        b.statements,
        b.queued,
        b.queueUs,
        b.execUs,
        b.aborted,
        b.waitQueue,
      );
    this.buckets.clear();
  }
}

/**
 * Recomputes a connection's rollups from its stored statements, night by night (after the night
 * window or time zone changed, or for history stored before the rollups existed).
 */
export function rebuildBatchRollups(db: Database.Database, connectionId: string, spec: NightSpec): number {
  const range = db
    .prepare('SELECT min(start_us) AS lo, max(start_us) AS hi FROM queries WHERE connection_id = ?')
    .get(connectionId) as { lo: number | null; hi: number | null };
  const insert = db.prepare(
    `INSERT INTO batch_label_nights (connection_id, night, label, night_start_us, first_start_us, last_end_us,
       statements, queued_statements, queue_us, exec_us, aborted, wait_queue)
     SELECT connection_id, ?, label, ?, min(start_us), max(end_us), count(*), sum(queue_us > 0), sum(queue_us),
            sum(exec_us), sum(aborted), max(CASE WHEN queue_us > 0 THEN queue_name END)
     FROM queries
     WHERE connection_id = ? AND start_us >= ? AND start_us < ? AND label NOT IN ('', 'default')
     GROUP BY label`,
  );
  let nights = 0;
  db.transaction(() => {
    db.prepare('DELETE FROM batch_label_nights WHERE connection_id = ?').run(connectionId);
    if (range.lo === null || range.hi === null) return;
    const first =
      nightOf(range.lo / 1000, spec) ?? addDays(new Date(range.lo / 1000).toISOString().slice(0, 10), 1);
    for (let night = addDays(first, -1); ; night = addDays(night, 1)) {
      const w = nightWindow(night, spec);
      if (w.fromMs * 1000 > range.hi) break;
      insert.run(night, w.fromMs * 1000, connectionId, w.fromMs * 1000, w.toMs * 1000);
      nights++;
    }
  })();
  return nights;
}
