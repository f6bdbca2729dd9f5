// Per connection: when the digest goes out, the quiet hours, the hold-down, and where the next digest
// period starts. A connection gets the defaults (10:00, 22:00-08:00, the machine's time zone) the first
// time its alerts are evaluated; its first digest covers from then.
import type Database from 'better-sqlite3';
import type { AlertSchedule } from '../../../shared/model/alert.ts';
import { DEFAULT_SCHEDULE } from './routing.ts';

interface ScheduleRow {
  time_zone: string;
  digest_at: string;
  quiet_from: string;
  quiet_to: string;
  hold_down_minutes: number;
  digest_from_us: number;
}

export class AlertSchedules {
  constructor(
    private readonly db: Database.Database,
    private readonly defaultTimeZone: string,
  ) {}

  /** The schedule and digest cursor, created with the defaults when missing. */
  ensure(connectionId: string, nowUs: number): AlertSchedule & { digestFromUs: number } {
    this.db
      .prepare(
        `INSERT INTO alert_schedules (connection_id, time_zone, digest_at, quiet_from, quiet_to,
           hold_down_minutes, digest_from_us, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connection_id) DO NOTHING`,
      )
      .run(
        connectionId,
        this.defaultTimeZone,
        DEFAULT_SCHEDULE.digestAt,
        DEFAULT_SCHEDULE.quietFrom,
        DEFAULT_SCHEDULE.quietTo,
        DEFAULT_SCHEDULE.holdDownMinutes,
        nowUs,
        new Date(nowUs / 1000).toISOString(),
      );
    return this.get(connectionId)!;
  }

  get(connectionId: string): (AlertSchedule & { digestFromUs: number }) | null {
    const r = this.db
      .prepare(
        `SELECT time_zone, digest_at, quiet_from, quiet_to, hold_down_minutes, digest_from_us
         FROM alert_schedules WHERE connection_id = ?`,
      )
      .get(connectionId) as ScheduleRow | undefined;
    return r
      ? {
          timeZone: r.time_zone,
          digestAt: r.digest_at,
          quietFrom: r.quiet_from,
          quietTo: r.quiet_to,
          holdDownMinutes: r.hold_down_minutes,
          digestFromUs: r.digest_from_us,
        }
      : null;
  }

  /** The schedule a connection without a row would get. */
  defaults(): AlertSchedule {
    return { timeZone: this.defaultTimeZone, ...DEFAULT_SCHEDULE };
  }

  set(connectionId: string, s: AlertSchedule, nowUs: number): void {
    this.ensure(connectionId, nowUs);
    this.db
      .prepare(
        `UPDATE alert_schedules SET time_zone = ?, digest_at = ?, quiet_from = ?, quiet_to = ?,
           hold_down_minutes = ?, updated_at = ? WHERE connection_id = ?`,
      )
      .run(
        s.timeZone,
        s.digestAt,
        s.quietFrom,
        s.quietTo,
        s.holdDownMinutes,
        new Date().toISOString(),
        connectionId,
      );
  }

  advanceDigest(connectionId: string, toUs: number): void {
    this.db
      .prepare('UPDATE alert_schedules SET digest_from_us = ? WHERE connection_id = ?')
      .run(toUs, connectionId);
  }

  connectionIds(): string[] {
    return this.db.prepare('SELECT connection_id FROM alert_schedules').pluck().all() as string[];
  }
}
