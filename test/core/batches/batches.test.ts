// Nightly batches on a store filled by the real collector from the real double: what the admin reads
// in the morning, checked against the scenario manifest (electron/demo/workload/scenarios.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETL_JOBS } from '../../../electron/demo/workload/jobs.ts';
import {
  SCENARIOS,
  scenarioCalendar,
  type ScenarioCalendar,
} from '../../../electron/demo/workload/scenarios.ts';
import { formatClock } from '../../../electron/core/base/batchNight.ts';
import { addDays } from '../../../electron/core/base/zonedTime.ts';
import { readBatchDrift } from '../../../electron/core/batches/readBatchDrift.ts';
import { readBatchNight } from '../../../electron/core/batches/readBatchNight.ts';
import { waitFor } from '../../support/waitFor.ts';
import { admin, startViewsBed, type ViewsBed } from '../views/support/viewsBed.ts';
import { readAsServerless } from '../views/support/readAsServerless.ts';

/** Past a month start, with 28 nights before the regression night for its medians. */
const NIGHTS = 36;
let bed: ViewsBed;
let calendar: ScenarioCalendar;

beforeAll(async () => {
  bed = await startViewsBed(NIGHTS);
  calendar = scenarioCalendar(bed.now, NIGHTS);
}, 480_000);

afterAll(async () => {
  await bed?.stop();
});

const everyNightJobs = ETL_JOBS.filter((j) => !j.monthStartOnly).map((j) => j.label);

/**
 * A finished night that runs only the every-night jobs: three before `night`, or the first before it
 * that is not a month start (days 1 and 2 add the monthly jobs; a run on the 4th or 5th lands there).
 */
function quietNightBefore(night: string): string {
  let quiet = addDays(night, -3);
  while (calendar.monthStarts.includes(quiet)) quiet = addDays(quiet, -1);
  return quiet;
}

describe('batch nights', () => {
  it("finds the nightly jobs, and only them, on last night's timeline", async () => {
    const night = await bed.api['batches.night']({ connectionId: bed.connectionId }, admin);
    // The last night whose batch has begun, not the evening's night in progress (only dashboards yet).
    expect(calendar.lastBatchNights).toContain(night.night);
    // The double's history ends now: last night's batch may still be running, so its later jobs may
    // be missing; a finished night has every one.
    expect(night.jobs.length).toBeGreaterThan(0);
    for (const j of night.jobs) expect(everyNightJobs).toContain(j.label);
    const finished = await bed.api['batches.night'](
      { connectionId: bed.connectionId, night: quietNightBefore(night.night!) },
      admin,
    );
    expect(finished.jobs.map((j) => j.label).sort()).toEqual([...everyNightJobs].sort());
    for (const j of night.jobs) {
      expect(Date.parse(j.lastEnd)).toBeGreaterThanOrEqual(Date.parse(j.firstStart));
      expect(j.statements).toBeGreaterThan(0);
    }
    expect(night.otherLabels.some((l) => l.label.startsWith('dashboard_'))).toBe(true);
    expect(night.finish?.clock).toMatch(/^\d\d:\d\d$/);
    // The picker offers every stored night, the evening's night in progress too.
    expect(night.nights).toContain(night.night);
    expect(night.nights[0]! >= night.night!).toBe(true);
  });

  it('names nightly_royalty_calc as what moved the finish on the regression night', async () => {
    const night = await bed.api['batches.night'](
      { connectionId: bed.connectionId, night: calendar.regression.date },
      admin,
    );
    expect(night.movers[0]).toBe(SCENARIOS.regression.label);
    const job = night.jobs.find((j) => j.label === SCENARIOS.regression.label)!;
    expect(job.execFactor!).toBeGreaterThan(1.5);
    expect(night.finish!.deltaMinutes!).toBeGreaterThan(0);
    expect(night.story).toContain(`${SCENARIOS.regression.label} ran`);
    expect(night.story).toMatch(/later than its 28-night median/);
    expect(night.story).toMatch(/waited .* for etl_nightly slots/);
  });

  it('says the regression night scanned the same rows (SVL_QUERY_METRICS_SUMMARY via query_metrics)', async () => {
    // The metrics job runs behind the history: wait until the regression night's rows are in.
    const night = await waitFor(
      () =>
        bed.api['batches.night']({ connectionId: bed.connectionId, night: calendar.regression.date }, admin),
      (n) => n.jobs.find((j) => j.label === SCENARIOS.regression.label)?.rowsFactor != null,
      { what: "the regression night's rows scanned", timeoutMs: 240_000 },
    );
    const job = night.jobs.find((j) => j.label === SCENARIOS.regression.label)!;
    expect(night.movers[0]).toBe(SCENARIOS.regression.label);
    expect(job.rowsFactor!).toBeGreaterThan(0.8);
    expect(job.rowsFactor!).toBeLessThan(1.25);
    expect(job.cause).toBe('slower plan');
    expect(job.cpuMs!).toBeGreaterThan(0);
    expect(night.story).toMatch(
      new RegExp(
        `${SCENARIOS.regression.label} ran [^;]* longer \\(execution ×\\d+\\.\\d, same rows scanned: a slower plan\\)`,
      ),
    );
    // An ordinary night's nightly jobs scan more than a month before: the creep is more data.
    const drift = await bed.api['batches.drift'](
      { connectionId: bed.connectionId, nights: NIGHTS, jobs: true },
      admin,
    );
    expect(drift.growth).toMatch(/rows scanned ×1\.\d/);
    const stored = bed.db
      .prepare("SELECT count(*) AS n FROM query_metrics WHERE connection_id = ? AND source = 'stl'")
      .get(bed.connectionId) as { n: number };
    expect(stored.n).toBeGreaterThan(0);
  });

  it('shows the month-end jobs on month-start nights and the QMR abort among its statements', async () => {
    // The last night may still be running (a run on the 1st or 2nd before its monthly jobs start).
    const monthStart = calendar.monthStarts.filter((d) => d < calendar.lastNight).at(-1)!;
    const night = await bed.api['batches.night'](
      { connectionId: bed.connectionId, night: monthStart },
      admin,
    );
    expect(night.monthStart).toBe(true);
    for (const label of SCENARIOS.monthStart.jobs) expect(night.jobs.map((j) => j.label)).toContain(label);

    const aborted = await bed.api['batches.statements'](
      { connectionId: bed.connectionId, night: calendar.qmrAbort.date, label: SCENARIOS.qmrAbort.label },
      admin,
    );
    expect(aborted.statements.some((s) => s.aborted && s.qmrAction === SCENARIOS.qmrAbort.action)).toBe(true);
  });

  it('finds the creep with a forecast against the SLA, month starts left out of the fit', async () => {
    const first = await bed.api['batches.drift']({ connectionId: bed.connectionId, nights: NIGHTS }, admin);
    expect(first.trend!.minutesPerNight).toBeGreaterThan(0);
    expect(first.summary).toContain('set an SLA');
    for (const date of calendar.monthStarts) {
      const p = first.points.find((x) => x.night === date)!;
      expect(p.monthStart).toBe(true);
      expect(p.inFit).toBe(false);
      expect(first.trend!.excluded).toContain(date);
    }
    expect(first.points.filter((p) => p.inFit).length).toBe(first.trend!.nightsInFit);
    expect(first.summary).toMatch(/month-start nights? (is|are) left out of the fit/);

    // An SLA two hours after where the trend is now: crossed in the future, on a date the rate gives.
    const last = first.points.at(-1)!;
    const sla = formatClock(last.trend! + 120);
    await bed.api['batches.setSettings'](
      { connectionId: bed.connectionId, timeZone: 'UTC', nightStart: '18:00', nightEnd: '12:00', sla },
      admin,
    );
    const drift = await bed.api['batches.drift']({ connectionId: bed.connectionId, nights: NIGHTS }, admin);
    expect(drift.sla!.clock).toBe(sla);
    const m = /crosses (\d\d:\d\d) around (\d{4}-\d{2}-\d{2}) \(in (\d+) nights?\)/.exec(drift.summary);
    expect(m, drift.summary).not.toBeNull();
    expect(m![1]).toBe(sla);
    // Counted from the last night in the range, which is the last with a batch.
    expect(calendar.lastBatchNights).toContain(drift.to);
    expect(drift.points.at(-1)!.night).toBe(drift.to);
    expect(m![2]).toBe(addDays(drift.to!, Number(m![3])));
    const expected = 120 / drift.trend!.minutesPerNight;
    expect(Number(m![3])).toBeGreaterThanOrEqual(Math.floor(expected) - 1);
    expect(Number(m![3])).toBeLessThanOrEqual(Math.ceil(expected) + 1);

    const audited = bed.db
      .prepare("SELECT after_text FROM audit_log WHERE action = 'batches.setSettings' ORDER BY seq DESC")
      .get() as { after_text: string };
    expect(JSON.parse(audited.after_text)).toMatchObject({ sla });
  });

  it('cuts the nights anew in another business time zone', async () => {
    await bed.api['batches.setSettings'](
      {
        connectionId: bed.connectionId,
        timeZone: 'Europe/Stockholm',
        nightStart: '18:00',
        nightEnd: '12:00',
        sla: '07:00',
      },
      admin,
    );
    const quiet = quietNightBefore(calendar.lastNight);
    // The nights are recut a slice at a time in the background; the views say so until done.
    const night = await waitFor(
      () => bed.api['batches.night']({ connectionId: bed.connectionId, night: quiet }, admin),
      (n) => !n.rebuilding,
      { what: 'the nights recut in the new time zone', timeoutMs: 120_000 },
    );
    expect(night.timeZone).toBe('Europe/Stockholm');
    expect(night.window!.from).toBe(`${addDays(night.night!, -1)}T17:00:00.000Z`);
    expect(night.jobs.map((j) => j.label).sort()).toEqual([...everyNightJobs].sort());
    await expect(
      bed.api['batches.setSettings'](
        {
          connectionId: bed.connectionId,
          timeZone: 'Mars/Olympus',
          nightStart: '18:00',
          nightEnd: '12:00',
          sla: null,
        },
        admin,
      ),
    ).rejects.toThrow(/not a time zone/);
  });
});

describe('on a Serverless endpoint (SYS_QUERY_HISTORY / SYS_QUERY_DETAIL)', () => {
  it('gives the jobs rows scanned, and says no CPU rather than 0 ms (the SYS views carry none)', async () => {
    const night = calendar.regression.date;
    // The nights before the regression night (jobs are labels that recur; its medians) as far back as the
    // system views keep them (seven days, REFERENCE 1.1), and those after.
    const sls = await readAsServerless(bed, Date.parse(`${addDays(night, -6)}T18:00:00Z`) * 1000);
    try {
      const stored = sls.db
        .prepare(
          `SELECT count(*) AS n, count(rows_scanned) AS rows, count(cpu_us) AS cpu FROM query_metrics
           WHERE connection_id = ? AND source = 'sys'`,
        )
        .get(sls.connectionId) as { n: number; rows: number; cpu: number };
      expect(stored.n).toBeGreaterThan(0);
      expect(stored.rows).toBeGreaterThan(0);
      expect(stored.cpu).toBe(0);

      const read = readBatchNight(sls.db, { connectionId: sls.connectionId, night });
      const slow = read.jobs.find((j) => j.label === SCENARIOS.regression.label)!;
      expect(slow, read.jobs.map((j) => j.label).join(', ')).toBeDefined();
      expect(read.movers[0]).toBe(SCENARIOS.regression.label);
      expect(slow.rowsScanned!).toBeGreaterThan(0);
      expect(slow.cpuMs).toBeNull();
      // SYS_QUERY_DETAIL's rows scanned tell the slower plan from more data, as on a provisioned cluster.
      expect(slow.rowsFactor!).toBeGreaterThan(0.8);
      expect(slow.rowsFactor!).toBeLessThan(1.25);
      expect(slow.cause).toBe('slower plan');
      expect(read.story).toMatch(/same rows scanned: a slower plan/);
      // The provisioned read of the same night (SVL_QUERY_METRICS_SUMMARY) has both.
      const provisioned = await bed.api['batches.night']({ connectionId: bed.connectionId, night }, admin);
      const same = provisioned.jobs.find((j) => j.label === SCENARIOS.regression.label)!;
      expect(same.cpuMs!).toBeGreaterThan(0);

      const drift = readBatchDrift(sls.db, {
        connectionId: sls.connectionId,
        nights: 3,
        to: night,
        jobs: true,
      });
      const series = drift.jobs!.find((j) => j.job === SCENARIOS.regression.label)!;
      expect(series.nights.length).toBeGreaterThanOrEqual(3);
      for (const n of series.nights) {
        expect(n.rowsScanned!).toBeGreaterThan(0);
        expect(n.cpuMs).toBeNull();
      }
    } finally {
      sls.close();
    }
  }, 300_000);
});
