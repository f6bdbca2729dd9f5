// Per-night rollups of the query history (issue #10), one row per night, label, user and queue: first
// start, last end, statements, queued statements, queue and execution time, aborted count, and the
// rows scanned and CPU of the statements whose metrics are known. Kept current at ingest, so the batch
// views read a few rows per night instead of every statement: the collector adds each statement the
// first time it is stored (QueryStore.upsert's onNew), which makes re-reads free and keeps the cost
// proportional to what is new. Metrics arrive by their own job, before or after their statement:
// whichever of the two is stored second adds them (flush() here, addMetrics() there). When the night
// window changes, the stepwise rebuild (BatchRebuild.ts) recomputes from `queries`.
import type Database from 'better-sqlite3';
import { NightClock, nightWindow, type NightSpec } from '../../base/batchNight.ts';
import type { QueryRecord } from '../history/QueryRecord.ts';

interface Bucket {
  night: string;
  label: string;
  user: string;
  queue: string;
  nightStartUs: number;
  firstStartUs: number;
  lastEndUs: number;
  statements: number;
  queued: number;
  queueUs: number;
  execUs: number;
  aborted: number;
  waitQueue: string | null;
  measured: number;
  rowsScanned: number;
  cpuUs: number;
  /** Statements whose CPU is known (none on Serverless). */
  cpuMeasured: number;
}

/** One statement's metrics as the query_metrics table keeps them. */
export interface QueryMetricsRecord {
  connectionId: string;
  query: number;
  endUs: number;
  rowsScanned: number | null;
  cpuUs: number | null;
  blocksRead: number | null;
  blocksSpilled: number | null;
  source: 'stl' | 'sys';
}

/** Statements with no query_group (STL_QUERY.label 'default', REFERENCE 6.3) are ad hoc, not a job. */
export const isJobLabel = (label: string): boolean => label !== '' && label !== 'default';

const UPSERT = `INSERT INTO batch_label_nights (connection_id, night, label, user_name, queue_name,
     night_start_us, first_start_us, last_end_us, statements, queued_statements, queue_us, exec_us, aborted,
     wait_queue, measured, rows_scanned, cpu_us, cpu_measured)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (connection_id, night, label, user_name, queue_name) DO UPDATE SET
     first_start_us = min(first_start_us, excluded.first_start_us),
     last_end_us = max(last_end_us, excluded.last_end_us),
     statements = statements + excluded.statements,
     queued_statements = queued_statements + excluded.queued_statements,
     queue_us = queue_us + excluded.queue_us,
     exec_us = exec_us + excluded.exec_us,
     aborted = aborted + excluded.aborted,
     wait_queue = coalesce(excluded.wait_queue, wait_queue),
     measured = measured + excluded.measured,
     rows_scanned = rows_scanned + excluded.rows_scanned,
     cpu_us = cpu_us + excluded.cpu_us,
     cpu_measured = cpu_measured + excluded.cpu_measured`;

export class BatchRollups {
  private readonly clock: NightClock;
  private readonly buckets = new Map<string, Bucket>();
  /** Statements added since the last flush: their metrics may be stored already. */
  private readonly pending = new Map<number, Bucket>();
  private readonly upsertStatement: Database.Statement;
  private readonly metricsOf: Database.Statement;
  private readonly insertMetrics: Database.Statement;
  private readonly statementOf: Database.Statement;
  private readonly addMeasured: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly connectionId: string,
    spec: NightSpec,
  ) {
    this.clock = new NightClock(spec);
    this.upsertStatement = db.prepare(UPSERT);
    this.metricsOf = db.prepare(
      `SELECT query, rows_scanned AS rowsScanned, cpu_us AS cpuUs FROM query_metrics
       WHERE connection_id = ? AND query BETWEEN ? AND ?`,
    );
    this.insertMetrics = db.prepare(
      `INSERT OR IGNORE INTO query_metrics (connection_id, query, end_us, rows_scanned, cpu_us, blocks_read,
         blocks_spilled, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.statementOf = db.prepare(
      `SELECT label, coalesce(user_name, '') AS user, coalesce(queue_name, '') AS queue, start_us AS startUs
       FROM queries WHERE connection_id = ? AND query = ? ORDER BY start_us DESC LIMIT 1`,
    );
    this.addMeasured = db.prepare(
      `UPDATE batch_label_nights SET measured = measured + 1, rows_scanned = rows_scanned + ?,
         cpu_us = cpu_us + ?, cpu_measured = cpu_measured + ?
       WHERE connection_id = ? AND night = ? AND label = ? AND user_name = ? AND queue_name = ?`,
    );
  }

  /** Counts a statement stored for the first time (flushed by flush(), in the same transaction). */
  add(r: QueryRecord): void {
    if (!isJobLabel(r.label)) return;
    const night = this.clock.nightOf(r.startUs / 1000);
    if (night === null) return;
    const user = r.userName ?? '';
    const queue = r.queueName ?? '';
    const key = `${night}\u0000${r.label}\u0000${user}\u0000${queue}`;
    let b = this.buckets.get(key);
    if (!b) {
      const w = nightWindow(night, this.clock.spec);
      b = {
        night,
        label: r.label,
        user,
        queue,
        nightStartUs: w.fromMs * 1000,
        firstStartUs: r.startUs,
        lastEndUs: r.endUs,
        statements: 0,
        queued: 0,
        queueUs: 0,
        execUs: 0,
        aborted: 0,
        waitQueue: null,
        measured: 0,
        rowsScanned: 0,
        cpuUs: 0,
        cpuMeasured: 0,
      };
      this.buckets.set(key, b);
    }
    if (r.startUs < b.firstStartUs) b.firstStartUs = r.startUs;
    if (r.endUs > b.lastEndUs) b.lastEndUs = r.endUs;
    b.statements++;
    if (r.queueUs > 0) {
      b.queued++;
      b.waitQueue = r.queueName ?? b.waitQueue;
    }
    b.queueUs += r.queueUs;
    b.execUs += r.execUs;
    if (r.aborted) b.aborted++;
    this.pending.set(r.query, b);
  }

  /** Writes what add() collected; call inside the transaction that stored the statements. */
  flush(): void {
    if (this.pending.size > 0) {
      // One range read per page for metrics stored before their statements.
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const q of this.pending.keys()) {
        if (q < lo) lo = q;
        if (q > hi) hi = q;
      }
      const found = this.metricsOf.all(this.connectionId, lo, hi) as {
        query: number;
        rowsScanned: number | null;
        cpuUs: number | null;
      }[];
      for (const m of found) {
        const b = this.pending.get(m.query);
        if (!b) continue;
        b.measured++;
        b.rowsScanned += m.rowsScanned ?? 0;
        if (m.cpuUs !== null) {
          b.cpuUs += m.cpuUs;
          b.cpuMeasured++;
        }
      }
      this.pending.clear();
    }
    for (const b of this.buckets.values())
      this.upsertStatement.run(
        this.connectionId,
        b.night,
        b.label,
        b.user,
        b.queue,
        b.nightStartUs,
        b.firstStartUs,
        b.lastEndUs,
        b.statements,
        b.queued,
        b.queueUs,
        b.execUs,
        b.aborted,
        b.waitQueue,
        b.measured,
        b.rowsScanned,
        b.cpuUs,
        b.cpuMeasured,
      );
    this.buckets.clear();
  }

  /**
   * Stores statements' metrics (a collector page) and adds those seen for the first time to the
   * rollups of their statements, when these are stored already. Call inside a transaction.
   */
  addMetrics(rows: readonly QueryMetricsRecord[]): number {
    let added = 0;
    for (const m of rows) {
      const stored = this.insertMetrics.run(
        m.connectionId,
        m.query,
        m.endUs,
        m.rowsScanned,
        m.cpuUs,
        m.blocksRead,
        m.blocksSpilled,
        m.source,
      );
      if (stored.changes === 0) continue;
      added++;
      const s = this.statementOf.get(this.connectionId, m.query) as
        { label: string; user: string; queue: string; startUs: number } | undefined;
      if (!s || !isJobLabel(s.label)) continue;
      const night = this.clock.nightOf(s.startUs / 1000);
      if (night === null) continue;
      this.addMeasured.run(
        m.rowsScanned ?? 0,
        m.cpuUs ?? 0,
        m.cpuUs === null ? 0 : 1,
        this.connectionId,
        night,
        s.label,
        s.user,
        s.queue,
      );
    }
    return added;
  }
}

/**
 * Recomputes one night's rollups of a connection from its stored statements and their metrics (the
 * stepwise rebuild's slice, and tests). Call inside a transaction.
 */
export function rebuildNight(
  db: Database.Database,
  connectionId: string,
  night: string,
  spec: NightSpec,
): void {
  const w = nightWindow(night, spec);
  db.prepare('DELETE FROM batch_label_nights WHERE connection_id = ? AND night = ?').run(connectionId, night);
  db.prepare(
    `INSERT INTO batch_label_nights (connection_id, night, label, user_name, queue_name, night_start_us,
       first_start_us, last_end_us, statements, queued_statements, queue_us, exec_us, aborted, wait_queue,
       measured, rows_scanned, cpu_us, cpu_measured)
     SELECT q.connection_id, ?, q.label, coalesce(q.user_name, ''), coalesce(q.queue_name, ''), ?,
            min(q.start_us), max(q.end_us), count(*), sum(q.queue_us > 0), sum(q.queue_us), sum(q.exec_us),
            sum(q.aborted), max(CASE WHEN q.queue_us > 0 THEN q.queue_name END),
            count(m.query), coalesce(sum(m.rows_scanned), 0), coalesce(sum(m.cpu_us), 0),
            count(m.cpu_us)
     FROM queries q
     LEFT JOIN query_metrics m ON m.connection_id = q.connection_id AND m.query = q.query
     WHERE q.connection_id = ? AND q.start_us >= ? AND q.start_us < ? AND q.label NOT IN ('', 'default')
     GROUP BY q.label, coalesce(q.user_name, ''), coalesce(q.queue_name, '')`,
  ).run(night, w.fromMs * 1000, connectionId, w.fromMs * 1000, w.toMs * 1000);
}
