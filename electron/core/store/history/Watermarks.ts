// Per connection and job: where the next incremental read starts, and when the job last succeeded.
// Written in the same transaction as the rows a run stores, so a crash leaves both or neither.
import type Database from 'better-sqlite3';

export interface Watermark<T> {
  value: T;
  lastSuccessUs: number | null;
}

export class Watermarks {
  private readonly getStatement: Database.Statement;
  private readonly setStatement: Database.Statement;
  private readonly successStatement: Database.Statement;
  private readonly rewindStatement: Database.Statement;

  constructor(db: Database.Database) {
    this.getStatement = db.prepare(
      'SELECT value_json, last_success_us FROM watermarks WHERE connection_id = ? AND job = ?',
    );
    this.setStatement = db.prepare(
      `INSERT INTO watermarks (connection_id, job, value_json, last_success_us, updated_us) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, job) DO UPDATE SET value_json = excluded.value_json,
         last_success_us = coalesce(excluded.last_success_us, watermarks.last_success_us), updated_us = excluded.updated_us`,
    );
    this.successStatement = db.prepare(
      `INSERT INTO watermarks (connection_id, job, value_json, last_success_us, updated_us) VALUES (?, ?, 'null', ?, ?)
       ON CONFLICT (connection_id, job) DO UPDATE SET last_success_us = excluded.last_success_us,
         updated_us = excluded.updated_us`,
    );
    this.rewindStatement = db.prepare(
      `UPDATE watermarks SET value_json = 'null' WHERE connection_id = ? AND (job = ? OR job LIKE ?)`,
    );
  }

  /**
   * Forgets where a job's reads stand (its own row and its 'job:...' cursors), keeping its last
   * success: its next run reads everything the cluster holds again.
   */
  rewind(connectionId: string, job: string): void {
    this.rewindStatement.run(connectionId, job, `${job}:%`);
  }

  get<T>(connectionId: string, job: string): Watermark<T> | undefined {
    const row = this.getStatement.get(connectionId, job) as
      { value_json: string; last_success_us: number | null } | undefined;
    return row && { value: JSON.parse(row.value_json) as T, lastSuccessUs: row.last_success_us };
  }

  /** Stores the cursor (and, when given, the success time); call inside the run's transaction. */
  set(
    connectionId: string,
    job: string,
    value: unknown,
    nowUs: number,
    successUs: number | null = null,
  ): void {
    this.setStatement.run(connectionId, job, JSON.stringify(value), successUs, nowUs);
  }

  /** Records a successful run of a job that keeps no cursor of its own. */
  succeeded(connectionId: string, job: string, nowUs: number): void {
    this.successStatement.run(connectionId, job, nowUs, nowUs);
  }
}
