// Periods a job could not collect (DESIGN.md §3: a gap is stored as a gap and drawn as one, never as
// zeros). A failure opens a gap from the job's last success; the next success closes it. At most one
// gap per job is open at a time (a partial unique index enforces it).
import type Database from 'better-sqlite3';
import type { TimeGap } from '../../../../shared/model/wlm.ts';
import { isoFromMicros } from '../../base/redshiftTime.ts';

// Each statement is prepared where it runs: the collector and the views make a CollectionGaps per use.
export class CollectionGaps {
  constructor(private readonly db: Database.Database) {}

  /** Opens a gap unless one is open already (the first failure's reason is kept). */
  open(connectionId: string, job: string, fromUs: number, reason: string): void {
    this.db
      .prepare(
        `INSERT INTO collection_gaps (connection_id, job, from_us, to_us, reason) VALUES (?, ?, ?, NULL, ?)
         ON CONFLICT (connection_id, job) WHERE to_us IS NULL DO NOTHING`,
      )
      .run(connectionId, job, fromUs, reason.slice(0, 500));
  }

  close(connectionId: string, job: string, toUs: number): boolean {
    return (
      this.db
        .prepare(
          'UPDATE collection_gaps SET to_us = max(?, from_us) WHERE connection_id = ? AND job = ? AND to_us IS NULL',
        )
        .run(toUs, connectionId, job).changes > 0
    );
  }

  /** A gap already over, e.g. the time Nightshift was not running. */
  record(connectionId: string, job: string, fromUs: number, toUs: number, reason: string): void {
    this.db
      .prepare(
        'INSERT INTO collection_gaps (connection_id, job, from_us, to_us, reason) VALUES (?, ?, ?, ?, ?)',
      )
      .run(connectionId, job, fromUs, toUs, reason.slice(0, 500));
  }

  /** Gaps overlapping [fromUs, toUs]; an open one ends at nowUs. */
  list(connectionId: string, job: string, fromUs: number, toUs: number, nowUs: number): TimeGap[] {
    const rows = this.db
      .prepare(
        `SELECT from_us, to_us, reason FROM collection_gaps
         WHERE connection_id = ? AND job = ? AND from_us <= ? AND coalesce(to_us, ?) >= ?
         ORDER BY from_us`,
      )
      .all(connectionId, job, toUs, nowUs, fromUs) as {
      from_us: number;
      to_us: number | null;
      reason: string;
    }[];
    return rows.map((r) => ({
      from: isoFromMicros(r.from_us),
      to: isoFromMicros(r.to_us ?? nowUs),
      reason: r.reason,
    }));
  }
}
