// Which night the batch views open on: the admin opening the timeline at 19:00 wants last night's
// batch, not the evening's night in progress that holds only dashboards so far (CI found the views
// opening on that empty night after 18:00).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOfLocal, addDays } from '../../../electron/core/base/zonedTime.ts';
import { lastBatchNight } from '../../../electron/core/batches/jobNights.ts';
import { readBatchNight } from '../../../electron/core/batches/readBatchNight.ts';
import { writeBatchSettings } from '../../../electron/core/store/batches/BatchSettingsStore.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';

const ZONE = 'Europe/Stockholm';
const SPEC = { timeZone: ZONE, startMinute: 18 * 60, endMinute: 12 * 60 };
const C = 'c1';
let dir: string;
let db: Database.Database;

/** Statements of `label` on `night` from local `startMinute` to `endMinute` of a date (the night's by default). */
function put(night: string, label: string, startMinute: number, endMinute: number, date = night): void {
  const at = (minute: number) => instantOfLocal(date, minute, ZONE) * 1000;
  db.prepare(
    `INSERT INTO batch_label_nights (connection_id, night, label, user_name, queue_name, night_start_us,
       first_start_us, last_end_us, statements, queued_statements, queue_us, exec_us, aborted, wait_queue)
       VALUES (?,?,?,'etl_user','etl_nightly',?,?,?,10,0,0,1,0,NULL)`,
  ).run(C, night, label, at(startMinute) - 3_600_000_000, at(startMinute), at(endMinute));
}

const local = (date: string, minute: number) => instantOfLocal(date, minute, ZONE);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-last-night-'));
  db = openStore({ dataDir: dir });
  writeBatchSettings(db, C, { ...SPEC, slaMinute: null });
  // Nights up to 2026-12-04: the batch 01:00-05:00 and a dashboard refreshed all evening and morning.
  for (let night = '2026-11-20'; night <= '2026-12-04'; night = addDays(night, 1)) {
    put(night, 'nightly_a', 60, 300);
    put(night, 'dashboard_sales', 18 * 60, 24 * 60 + 11 * 60, addDays(night, -1));
  }
  // The evening of 2026-12-04: night 2026-12-05 has begun, with its dashboard only.
  put('2026-12-05', 'dashboard_sales', 18 * 60, 19 * 60, '2026-12-04');
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the night the batch views open on', () => {
  it('is last night while tonight holds only dashboards', () => {
    expect(lastBatchNight(db, C, SPEC, local('2026-12-04', 19 * 60 + 30))).toBe('2026-12-04');
    expect(lastBatchNight(db, C, SPEC, local('2026-12-05', 30))).toBe('2026-12-04');
  });

  it('is tonight once its first job ran, and once its window is over whatever ran', () => {
    expect(lastBatchNight(db, C, SPEC, local('2026-12-05', 12 * 60))).toBe('2026-12-05');
    put('2026-12-05', 'nightly_a', 60, 90);
    expect(lastBatchNight(db, C, SPEC, local('2026-12-05', 100))).toBe('2026-12-05');
  });

  it('is what the timeline shows without a night asked for', () => {
    const night = readBatchNight(db, { connectionId: C });
    expect(night.night).toBe('2026-12-05');
    expect(night.jobs.map((j) => j.label)).toEqual(['nightly_a']);
    expect(night.otherLabels.map((l) => l.label)).toEqual(['dashboard_sales']);
  });
});
