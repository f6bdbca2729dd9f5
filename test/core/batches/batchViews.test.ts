// The batch views beyond one night on a store filled by the real collector from the real double (36
// nights: two month starts, the regression, the late feed, the QMR abort and the failed COPY inside),
// checked against the scenario manifest (electron/demo/workload/scenarios.ts): two nights compared,
// per-job drift and SLAs, the month-start view and a night's timeline marks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETL_JOBS } from '../../../electron/demo/workload/jobs.ts';
import {
  SCENARIOS,
  scenarioCalendar,
  type ScenarioCalendar,
} from '../../../electron/demo/workload/scenarios.ts';
import { addDays } from '../../../electron/core/base/zonedTime.ts';
import { waitForValue } from '../../support/waitFor.ts';
import { admin, startViewsBed, type ViewsBed } from '../views/support/viewsBed.ts';

const NIGHTS = 36;
let bed: ViewsBed;
let calendar: ScenarioCalendar;
const monthOnly = ETL_JOBS.filter((j) => j.monthStartOnly).map((j) => j.label);

beforeAll(async () => {
  bed = await startViewsBed(NIGHTS);
  calendar = scenarioCalendar(bed.now, NIGHTS);
}, 480_000);

afterAll(async () => {
  await bed?.stop();
});

describe('two nights side by side', () => {
  it('puts the regression night against the same weekday a week before, the slow job first among durations', async () => {
    const night = calendar.regression.date;
    const c = await bed.api['batches.compare']({ connectionId: bed.connectionId, night }, admin);
    expect(c.other).toBe(addDays(night, -7));
    const both = c.jobs.filter((j) => j.presence === 'both');
    expect(both.length).toBeGreaterThan(5);
    // Sorted by how much longer each job ran, most first: the regressed job moved the finish most.
    const deltas = both.map((j) => j.durationDeltaMs!);
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
    const slowest = both[0]!;
    expect(slowest.label).toBe(SCENARIOS.regression.label);
    expect(c.summary).toContain(`${SCENARIOS.regression.label} ran`);
    expect(slowest.durationDeltaMs!).toBeGreaterThan(30 * 60_000);
    expect(c.finish.deltaMinutes!).toBeGreaterThan(0);
    expect(c.summary).toMatch(/later than/);
    // Every job of the history ran from the first night: none is new.
    expect(c.newJobs).toEqual([]);
  });

  it('shows the month-end jobs as appeared on a month start and disappeared the other way round', async () => {
    // The last night may still be running (a run on the 1st or 2nd before its monthly jobs start).
    const start = calendar.monthStarts.filter((d) => d < calendar.lastNight).at(-1)!;
    const other = addDays(start, -7);
    const c = await bed.api['batches.compare'](
      { connectionId: bed.connectionId, night: start, other },
      admin,
    );
    for (const label of monthOnly) expect(c.jobs.find((j) => j.label === label)?.presence).toBe('appeared');
    const back = await bed.api['batches.compare'](
      { connectionId: bed.connectionId, night: other, other: start },
      admin,
    );
    for (const label of monthOnly)
      expect(back.jobs.find((j) => j.label === label)?.presence).toBe('disappeared');
    expect(back.summary).toMatch(/ran only on/);
  });
});

describe('per-job drift and SLA', () => {
  it('lists the creeping jobs by share of growth, and a job set an SLA counts the nights past it (audited)', async () => {
    const drift = await bed.api['batches.jobDrift'](
      { connectionId: bed.connectionId, nights: NIGHTS },
      admin,
    );
    expect(drift.batchPerNight!).toBeGreaterThan(0);
    const shares = drift.jobs.map((j) => j.shareOfGrowth ?? 0);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    // batchCreep: every nightly job grows 3 % of its base a night.
    const growing = drift.jobs.filter((j) => (j.durationPerNight ?? 0) > 0);
    expect(growing.length).toBeGreaterThan(drift.jobs.length / 2);
    expect(drift.summary).toMatch(/% of the jobs' growth/);

    const label = SCENARIOS.regression.label;
    const first = await bed.api['batches.jobDrift'](
      { connectionId: bed.connectionId, nights: NIGHTS, label },
      admin,
    );
    const points = first.detail!.points;
    expect(points.length).toBeGreaterThan(NIGHTS - 4);
    // The job's end on the middle night, as an SLA: about half the nights miss it.
    const ends = points.map((p) => p.endMinutes).sort((a, b) => a - b);
    const mid = Math.round(ends[Math.floor(ends.length / 2)]!);
    const sla = `${String(Math.floor(mid / 60)).padStart(2, '0')}:${String(mid % 60).padStart(2, '0')}`;
    await bed.api['batches.setJobSla']({ connectionId: bed.connectionId, label, sla }, admin);
    const after = await bed.api['batches.jobDrift'](
      { connectionId: bed.connectionId, nights: NIGHTS, label },
      admin,
    );
    expect(after.detail!.sla).toBe(sla);
    const missed = points.filter((p) => p.endMinutes > mid).length;
    expect(after.detail!.slaMissed).toBe(missed);
    expect(after.jobs.find((j) => j.label === label)!.sla).toBe(sla);
    expect(after.detail!.summary).toContain(`past its ${sla} SLA on`);
    const audited = bed.db
      .prepare("SELECT after_text FROM audit_log WHERE action = 'batches.setJobSla' ORDER BY seq DESC")
      .get() as { after_text: string };
    expect(JSON.parse(audited.after_text)).toEqual({ label, sla });
    await bed.api['batches.setJobSla']({ connectionId: bed.connectionId, label, sla: null }, admin);
    const removed = await bed.api['batches.jobDrift'](
      { connectionId: bed.connectionId, nights: NIGHTS },
      admin,
    );
    expect(removed.jobs.find((j) => j.label === label)!.sla).toBeNull();
  });
});

describe('month-start view', () => {
  it('makes the month-start nights stand out, lists the month-end jobs and forecasts the next one', async () => {
    const m = await bed.api['batches.monthStart']({ connectionId: bed.connectionId, months: 3 }, admin);
    expect(m.months.map((x) => x.month)).toEqual(
      [0, 1, 2].map((i) => {
        const d = new Date(
          Date.UTC(Number(calendar.lastNight.slice(0, 4)), Number(calendar.lastNight.slice(5, 7)) - 1 - i, 1),
        );
        return d.toISOString().slice(0, 7);
      }),
    );
    const days = m.months.flatMap((x) => x.days);
    // The last day is still under way: not a usual one.
    const ordinary = days
      .filter((d) => d.day > 3 && d.night !== calendar.lastNight)
      .map((d) => d.statements)
      .sort((a, b) => a - b);
    const usual = ordinary[Math.floor(ordinary.length / 2)]!;
    // The manifest's month-start days (scenario monthStart): at least 2x the statements of a usual night.
    for (const night of calendar.monthStarts.filter((n) => n !== calendar.lastNight)) {
      const d = days.find((x) => x.night === night)!;
      expect(d.statements, night).toBeGreaterThanOrEqual(2 * usual);
    }
    // Months with finished start days and days after them (on the 1st to the 3rd, this month has only
    // its start, perhaps still under way).
    const withStart = m.months.filter(
      (x) =>
        x.days.some((d) => d.day <= 3 && d.night !== calendar.lastNight) && x.days.some((d) => d.day > 3),
    );
    expect(withStart.length).toBeGreaterThan(0);
    for (const month of withStart) {
      expect(month.ratios.statements!).toBeGreaterThan(1.5);
      expect([...month.onlyAtMonthStart].sort()).toEqual([...monthOnly].sort());
    }
    expect(m.queues).toContain(SCENARIOS.queueWaits.queueName);
    expect(m.forecast).not.toBeNull();
    expect(m.forecast!.finishClock).toMatch(/^\d\d:\d\d$/);
    expect(m.forecast!.verdict).toMatch(
      /^Next month-start \(\d{4}-\d{2}-01\): batch expected to finish ~\d\d:\d\d/,
    );
  });
});

describe('timeline marks', () => {
  it('marks the QMR abort, the failed COPY with its rejected rows, and the late feed the jobs waited for', async () => {
    // The loads job summarizes COPYs once their statements are stored: wait for the failed night's.
    await waitForValue(
      async () => {
        const r = await bed.api['batches.marks'](
          { connectionId: bed.connectionId, night: calendar.failedLoad.date },
          admin,
        );
        return r.marks.some((m) => m.kind === 'copy' && (m.rejected ?? 0) > 0) ? true : null;
      },
      { what: 'the COPYs of the failed-load night to be summarized', timeoutMs: 240_000, intervalMs: 1_000 },
    );
    const abort = await bed.api['batches.marks'](
      { connectionId: bed.connectionId, night: calendar.qmrAbort.date },
      admin,
    );
    expect(
      abort.marks.some(
        (m) =>
          m.kind === 'qmr' &&
          m.label === SCENARIOS.qmrAbort.label &&
          m.text.includes(SCENARIOS.qmrAbort.action),
      ),
    ).toBe(true);
    expect(abort.marks.some((m) => m.kind === 'aborted' && m.label === SCENARIOS.qmrAbort.label)).toBe(true);

    const failed = await bed.api['batches.marks'](
      { connectionId: bed.connectionId, night: calendar.failedLoad.date },
      admin,
    );
    // The COPY aborted past MAXERROR: marked with its table, status and rejected rows.
    const copy = failed.marks.find(
      (m) => m.kind === 'copy' && m.text.includes(`.${SCENARIOS.failedLoad.feed} (aborted)`),
    );
    expect(copy, JSON.stringify(failed.marks.filter((m) => m.kind === 'copy'))).toBeDefined();
    expect(copy!.rejected!).toBeGreaterThan(0);
    expect(copy!.text).toMatch(/rows rejected/);

    const late = await bed.api['batches.marks'](
      { connectionId: bed.connectionId, night: calendar.lateFeed.date },
      admin,
    );
    const feed = late.marks.find((m) => m.kind === 'feed' && m.text.includes(SCENARIOS.lateFeed.feed));
    expect(feed, JSON.stringify(late.marks.filter((m) => m.kind !== 'copy'))).toBeDefined();
    expect(feed!.waitedBy).toContain(SCENARIOS.regression.label);
  });
});
