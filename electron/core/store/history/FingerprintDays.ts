// The per-fingerprint rollup of the query history by blocks of 1, 8 and 64 UTC days (fingerprint_days,
// 0018_store_reads.sql), kept in the same transaction as the rows it counts: QueryStore.upsert adds each
// statement stored for the first time, and a statement whose fingerprint changes (its text completed by
// a later read) has its blocks recounted from the stored rows for both fingerprints. A page's new rows
// are summed in memory first, so a page costs one read and one write per fingerprint and block it
// touches, not per statement. Retention deletes a block once its start is past the horizon: a reader
// uses only blocks after the day of the oldest stored run (rolledFingerprints.ts), which never are.
// Each block also keeps the bounds of its median and p95 (0034): what a reader combines in SQL.
import type Database from 'better-sqlite3';
import {
  addToHistogram,
  encodeHistogram,
  encodedPercentileBounds,
  mergeEncoded,
  type Histogram,
} from './durationHistogram.ts';

export const DAY_US = 86_400_000_000;

export const dayOf = (us: number): number => Math.floor(us / DAY_US) * DAY_US;

/** Block lengths in days, largest first. */
export const BLOCK_DAYS = [64, 8, 1] as const;

const blockOf = (us: number, days: number): number => Math.floor(us / (days * DAY_US)) * days * DAY_US;

interface DayTotals {
  connectionId: string;
  fingerprint: string;
  days: number;
  dayUs: number;
  runs: number;
  totalUs: number;
  maxUs: number;
  aborted: number;
  histogram: Histogram;
}

export interface RolledRun {
  connectionId: string;
  fingerprint: string;
  startUs: number;
  elapsedUs: number;
  aborted: boolean;
}

export class FingerprintDays {
  private readonly pending = new Map<string, DayTotals>();
  private readonly readStatement: Database.Statement;
  private readonly writeStatement: Database.Statement;
  private readonly deleteStatement: Database.Statement;
  private readonly runsStatement: Database.Statement;

  constructor(db: Database.Database) {
    this.readStatement = db.prepare(
      `SELECT runs, total_us, max_us, aborted, histogram FROM fingerprint_days
       WHERE connection_id = ? AND days = ? AND day_us = ? AND fingerprint = ?`,
    );
    this.writeStatement = db.prepare(
      `INSERT OR REPLACE INTO fingerprint_days
       (connection_id, days, day_us, fingerprint, runs, total_us, max_us, aborted, histogram,
        p50_lo_us, p50_hi_us, p95_hi_us)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteStatement = db.prepare(
      'DELETE FROM fingerprint_days WHERE connection_id = ? AND days = ? AND day_us = ? AND fingerprint = ?',
    );
    this.runsStatement = db.prepare(
      `SELECT elapsed_us, aborted FROM queries
       WHERE connection_id = ? AND fingerprint = ? AND start_us >= ? AND start_us < ?`,
    );
  }

  /** Counts one new statement (written by flush). */
  add(r: RolledRun): void {
    for (const days of BLOCK_DAYS) {
      const dayUs = blockOf(r.startUs, days);
      const key = `${r.connectionId}\u0000${r.fingerprint}\u0000${days}\u0000${dayUs}`;
      let t = this.pending.get(key);
      if (!t) {
        t = {
          connectionId: r.connectionId,
          fingerprint: r.fingerprint,
          days,
          dayUs,
          runs: 0,
          totalUs: 0,
          maxUs: 0,
          aborted: 0,
          histogram: new Map(),
        };
        this.pending.set(key, t);
      }
      t.runs++;
      t.totalUs += r.elapsedUs;
      t.maxUs = Math.max(t.maxUs, r.elapsedUs);
      t.aborted += r.aborted ? 1 : 0;
      addToHistogram(t.histogram, r.elapsedUs);
    }
  }

  /** Adds what was counted since the last flush to the stored days; call inside the write transaction. */
  flush(): void {
    for (const t of this.pending.values()) {
      const stored = this.readStatement.get(t.connectionId, t.days, t.dayUs, t.fingerprint) as
        { runs: number; total_us: number; max_us: number; aborted: number; histogram: Buffer } | undefined;
      if (stored) {
        t.runs += stored.runs;
        t.totalUs += stored.total_us;
        t.maxUs = Math.max(t.maxUs, stored.max_us);
        t.aborted += stored.aborted;
        mergeEncoded(t.histogram, stored.histogram);
      }
      this.write(t);
    }
    this.pending.clear();
  }

  /** Recounts one fingerprint's blocks holding `startUs` from the stored statements. */
  recount(connectionId: string, fingerprint: string, startUs: number): void {
    for (const days of BLOCK_DAYS) this.recountBlock(connectionId, fingerprint, days, blockOf(startUs, days));
  }

  private recountBlock(connectionId: string, fingerprint: string, days: number, dayUs: number): void {
    const rows = this.runsStatement.raw().all(connectionId, fingerprint, dayUs, dayUs + days * DAY_US) as [
      number,
      number,
    ][];
    if (rows.length === 0) {
      this.deleteStatement.run(connectionId, days, dayUs, fingerprint);
      return;
    }
    const t: DayTotals = {
      connectionId,
      fingerprint,
      days,
      dayUs,
      runs: rows.length,
      totalUs: 0,
      maxUs: 0,
      aborted: 0,
      histogram: new Map(),
    };
    for (const [elapsedUs, aborted] of rows) {
      t.totalUs += elapsedUs;
      t.maxUs = Math.max(t.maxUs, elapsedUs);
      t.aborted += aborted;
      addToHistogram(t.histogram, elapsedUs);
    }
    this.write(t);
  }

  private write(t: DayTotals): void {
    const histogram = encodeHistogram(t.histogram);
    this.writeStatement.run(
      t.connectionId,
      t.days,
      t.dayUs,
      t.fingerprint,
      t.runs,
      t.totalUs,
      t.maxUs,
      t.aborted,
      histogram,
      ...storedBounds(histogram),
    );
  }
}

/** [p50 low, p50 high, p95 high] µs of an encoded block histogram, as whole µs that still bound. */
function storedBounds(histogram: Uint8Array): [number, number, number] {
  const [p50, p95] = encodedPercentileBounds(histogram, [50, 95]).map((b) => b ?? [0, 0]) as [
    [number, number],
    [number, number],
  ];
  const up = (us: number) => (Number.isFinite(us) ? Math.ceil(us) : Number.MAX_SAFE_INTEGER);
  return [Math.floor(p50[0]), up(p50[1]), up(p95[1])];
}

/** Counts the percentile bounds of the blocks stored before 0034 (once, at the first open after it). */
export function ensureFingerprintBounds(db: Database.Database): void {
  const missing = db
    .prepare(
      'SELECT 1 FROM fingerprint_days INDEXED BY fingerprint_days_unbounded WHERE p50_lo_us IS NULL LIMIT 1',
    )
    .get();
  if (missing === undefined) return;
  // One statement over the rollup, the bounds read off each histogram by a function.
  db.function('fingerprint_bound', { deterministic: true }, (histogram: unknown, which: unknown) =>
    Buffer.isBuffer(histogram) ? storedBounds(histogram)[Number(which)]! : null,
  );
  db.exec(
    `UPDATE fingerprint_days SET p50_lo_us = fingerprint_bound(histogram, 0),
       p50_hi_us = fingerprint_bound(histogram, 1), p95_hi_us = fingerprint_bound(histogram, 2)
     WHERE p50_lo_us IS NULL`,
  );
}

/**
 * Counts every stored statement when the rollup is empty and the history is not: a store migrated to
 * 0018 with history already in it, or one whose first count was interrupted (it is one transaction).
 */
export function ensureFingerprintDays(db: Database.Database): void {
  const { rolled, stored } = db
    .prepare(
      'SELECT EXISTS (SELECT 1 FROM fingerprint_days) AS rolled, EXISTS (SELECT 1 FROM queries) AS stored',
    )
    .get() as { rolled: number; stored: number };
  if (rolled === 1 || stored === 0) return;
  db.transaction(() => {
    const days = new FingerprintDays(db);
    const chunk = db.prepare(
      `SELECT rowid, connection_id, fingerprint, start_us, elapsed_us, aborted FROM queries
       WHERE rowid > ? ORDER BY rowid LIMIT 50000`,
    );
    for (let after = 0; ;) {
      const rows = chunk.raw().all(after) as [number, string, string, number, number, number][];
      if (rows.length === 0) break;
      for (const [, connectionId, fingerprint, startUs, elapsedUs, aborted] of rows)
        days.add({ connectionId, fingerprint, startUs, elapsedUs, aborted: aborted === 1 });
      days.flush();
      after = rows.at(-1)![0];
    }
  })();
}
