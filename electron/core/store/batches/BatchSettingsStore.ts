// Per-connection batch settings (issue #10): the night window in the business time zone and the SLA.
// A connection without a row uses the defaults (18:00 -> 12:00 UTC, no SLA).
import type Database from 'better-sqlite3';
import { DEFAULT_NIGHT_SPEC, type NightSpec } from '../../base/batchNight.ts';

export interface BatchSettingsRow extends NightSpec {
  /** Minutes after local midnight of the night's date; null: no SLA. */
  slaMinute: number | null;
}

interface Row {
  time_zone: string;
  night_start_minute: number;
  night_end_minute: number;
  sla_minute: number | null;
}

export function readBatchSettings(db: Database.Database, connectionId: string): BatchSettingsRow | null {
  const row = db
    .prepare(
      'SELECT time_zone, night_start_minute, night_end_minute, sla_minute FROM batch_settings WHERE connection_id = ?',
    )
    .get(connectionId) as Row | undefined;
  if (!row) return null;
  return {
    timeZone: row.time_zone,
    startMinute: row.night_start_minute,
    endMinute: row.night_end_minute,
    slaMinute: row.sla_minute,
  };
}

export function batchSettingsOrDefault(db: Database.Database, connectionId: string): BatchSettingsRow {
  return readBatchSettings(db, connectionId) ?? { ...DEFAULT_NIGHT_SPEC, slaMinute: null };
}

export function writeBatchSettings(db: Database.Database, connectionId: string, s: BatchSettingsRow): void {
  db.prepare(
    `INSERT INTO batch_settings (connection_id, time_zone, night_start_minute, night_end_minute, sla_minute, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id) DO UPDATE SET time_zone = excluded.time_zone,
       night_start_minute = excluded.night_start_minute, night_end_minute = excluded.night_end_minute,
       sla_minute = excluded.sla_minute, updated_at = excluded.updated_at`,
  ).run(connectionId, s.timeZone, s.startMinute, s.endMinute, s.slaMinute, new Date().toISOString());
}
