// The batch views' reasoning on a real SQLite store with hand-made nights in a zone that changes offset
// (Europe/Stockholm, DST ends 2026-10-25): the month-start forecast from earlier month-starts, a
// comparison across the DST change, and the month-start chart's lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOfLocal, addDays } from '../../../electron/core/base/zonedTime.ts';
import { readBatchCompare } from '../../../electron/core/batches/readBatchCompare.ts';
import { readMonthStart } from '../../../electron/core/batches/readMonthStart.ts';
import { writeBatchSettings } from '../../../electron/core/store/batches/BatchSettingsStore.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { monthLines } from '../../../renderer/src/features/batches/batchViewsModel.ts';

const ZONE = 'Europe/Stockholm';
const C = 'c1';
let dir: string;
let db: Database.Database;

/** A job-night ending at local `endMinute` of the night's date, `queueMin` of queue wait. */
function put(night: string, label: string, endMinute: number, queueMin: number): void {
  const end = instantOfLocal(night, endMinute, ZONE) * 1000;
  db.prepare(
    `INSERT INTO batch_label_nights (connection_id, night, label, user_name, queue_name, night_start_us,
       first_start_us, last_end_us, statements, queued_statements, queue_us, exec_us, aborted, wait_queue)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?)`,
  ).run(
    C,
    night,
    label,
    'etl_user',
    'etl_nightly',
    end - 12 * 3_600_000_000,
    end - 3_600_000_000,
    end,
    10,
    5,
    queueMin * 60_000_000,
    1,
    'etl_nightly',
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-batch-views-'));
  db = openStore({ dataDir: dir });
  writeBatchSettings(db, C, { timeZone: ZONE, startMinute: 18 * 60, endMinute: 12 * 60, slaMinute: 7 * 60 });
  // 2026-08-15 .. 2026-12-04: the batch ends 05:00 local; month-start nights (days 1-3) end later
  // every month (06:00, 06:20, 06:40, 07:00 for Sep..Dec) and queue 40 min instead of 10.
  for (let night = '2026-08-15'; night <= '2026-12-04'; night = addDays(night, 1)) {
    const day = Number(night.slice(8, 10));
    const month = Number(night.slice(5, 7));
    const start = day <= 3;
    put(night, 'nightly_a', start ? 360 + (month - 9) * 20 : 300, start ? 40 : 10);
    if (start) put(night, 'nightly_close', 200, 0);
  }
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('month-start forecast', () => {
  it('projects the next month-start from the earlier ones and says it in words', () => {
    const m = readMonthStart(db, { connectionId: C, months: 4 });
    expect(m.months.map((x) => x.month)).toEqual(['2026-12', '2026-11', '2026-10', '2026-09']);
    // Local clocks hold across the DST change (October 25).
    expect(m.months.map((x) => x.monthStartFinish)).toEqual([420, 400, 380, 360]);
    expect(m.months[0]!.onlyAtMonthStart).toEqual(['nightly_close']);
    expect(m.months[1]!.ratios.queueWait).toBeCloseTo(4, 5);
    expect(m.forecast!.night).toBe('2027-01-01');
    expect(m.forecast!.finishClock).toBe('07:20');
    expect(m.forecast!.queue).toEqual({ name: 'etl_nightly', factor: 4 });
    expect(m.forecast!.verdict).toBe(
      'Next month-start (2027-01-01): batch expected to finish ~07:20, past the 07:00 SLA; ' +
        'etl_nightly will queue ~4.0× more than on other nights (from 4 earlier month-starts).',
    );
    const lines = monthLines(m, 'finish');
    expect(lines.data).toHaveLength(31);
    expect(lines.data[0]!['2026-12']).toBe(420);
    expect(lines.data[30]!['2026-11']).toBeNull();
    expect(lines.series.map((s) => s.key)).toEqual(['2026-12', '2026-11', '2026-10', '2026-09']);
  });
});

describe('two nights across the DST change', () => {
  it('compares local clocks, and lists a month-start job as appeared', () => {
    const c = readBatchCompare(db, { connectionId: C, night: '2026-11-01', other: '2026-10-25' });
    const a = c.jobs.find((j) => j.label === 'nightly_a')!;
    expect(a.night!.endClock).toBe('06:40');
    expect(a.other!.endClock).toBe('05:00');
    expect(a.endShiftMinutes).toBe(100);
    expect(c.jobs.find((j) => j.label === 'nightly_close')!.presence).toBe('appeared');
    expect(c.summary).toMatch(/^2026-11-01 finished 06:40, 1 h 40 min later than 2026-10-25 \(05:00\)/);
  });
});
