// Where the COPY summaries (summarizeLoads.ts) must be recomputed from, when what they are made of
// arrives out of time order. Normally statements, file progress and rejected rows arrive oldest first,
// and re-summarizing the day before the newest COPY covers everything new. A cluster can also deliver
// older history later (the demo's first start writes its nights newest first while it is read, and a
// collector rewinds to read them): each store of inputs marks the oldest time it touched, and the next
// summary starts there. Kept in the watermarks table (one row per connection), in the transaction of
// the rows it marks, so a crash keeps both or neither.
import type Database from 'better-sqlite3';

const KEY = 'copy_summary_from';

/**
 * How far a COPY's file progress and rejected rows may lie from its statement: summarizeLoads matches
 * them to the COPYs that ran within a day of them.
 */
export const COPY_MATCH_US = 86_400_000_000;

export class LateCopyInputs {
  private readonly markStatement: Database.Statement;
  private readonly readStatement: Database.Statement;
  private readonly clearStatement: Database.Statement;

  constructor(db: Database.Database) {
    this.markStatement = db.prepare(
      `INSERT INTO watermarks (connection_id, job, value_json, last_success_us, updated_us)
       VALUES (?, '${KEY}', json_object('fromUs', ?), NULL, ?)
       ON CONFLICT (connection_id, job) DO UPDATE SET updated_us = excluded.updated_us,
         value_json = CASE
           WHEN json_extract(watermarks.value_json, '$.fromUs') <= json_extract(excluded.value_json, '$.fromUs')
           THEN watermarks.value_json ELSE excluded.value_json END`,
    );
    this.readStatement = db
      .prepare(
        `SELECT json_extract(value_json, '$.fromUs') FROM watermarks WHERE connection_id = ? AND job = '${KEY}'`,
      )
      .pluck();
    this.clearStatement = db.prepare(`DELETE FROM watermarks WHERE connection_id = ? AND job = '${KEY}'`);
  }

  /** Inputs of COPYs that may have started as early as `fromUs` were stored. */
  mark(connectionId: string, fromUs: number): void {
    this.markStatement.run(connectionId, fromUs, Date.now() * 1000);
  }

  /** File progress or rejected rows as old as `oldestUs` were stored: their COPY's summary is due. */
  markProgress(connectionId: string, oldestUs: number): void {
    this.mark(connectionId, oldestUs - COPY_MATCH_US);
  }

  /** The oldest marked time (null: nothing marked), forgotten: the caller summarizes from there. */
  take(connectionId: string): number | null {
    const fromUs = this.readStatement.get(connectionId) as number | null | undefined;
    if (fromUs === undefined) return null;
    this.clearStatement.run(connectionId);
    return fromUs;
  }
}

/** The statements summarizeLoads reads: `ltrim(text) LIKE 'copy%'` in SQLite. */
export const isCopyText = (text: string): boolean => /^ *copy/i.test(text);
