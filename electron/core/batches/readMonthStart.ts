// The month-start view (issue #10): x = day of month 1..31, one line per month (this month and the
// previous ones, up to 12) for the batch finish, statements per night, execution hours, queue wait p95
// per queue and CloudWatch CPU; per month days 1-3 against the rest (ratios) and the jobs that run only
// at month start; and a forecast for the next month-start from the trend of earlier month-starts, with
// a verdict in plain words. Reads the per-night per-label rollups (and the metrics' daily rollups).
//
// Statements per day are counted per local calendar day on the queries' index (readDailyStatements:
// the night rollups split a month-start day over two nights and leave ad hoc statements out); the
// queue wait p95 is over the night's labels' mean wait per queued statement (the rollups keep sums,
// not each statement's wait).
import type Database from 'better-sqlite3';
import type {
  BatchMonthStart,
  BatchMonthStartArgs,
  MonthStartDay,
  MonthStartForecast,
  MonthStartMonth,
} from '../../../shared/model/batchViews.ts';
import { formatClock, isMonthStartNight, nightClockMinutes } from '../base/batchNight.ts';
import { addDays } from '../base/zonedTime.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { readDailyCpu } from '../store/batches/readDailyCpu.ts';
import { readDailyStatements } from '../store/batches/readDailyStatements.ts';
import { plural } from './batchWords.ts';
import { lastBatchNight, readJobNights } from './jobNights.ts';
import type { LabelNight } from './labelNights.ts';
import { medianOf, theilSen } from './theilSen.ts';

export const DEFAULT_MONTHS = 4;
/** The forecast looks back over this many month-starts whatever the months shown. */
const FORECAST_MONTHS = 12;
/** Nights before the forecast's month-start its queue wait is compared with. */
const USUAL_NIGHTS = 28;
const US_PER_MIN = 60_000_000;

const monthOf = (night: string) => night.slice(0, 7);
function shiftMonth(month: string, n: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
const mean = (v: readonly number[]) => (v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length);
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

function p95(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
}

interface NightFigures extends MonthStartDay {
  /** Summed queue wait per queue, minutes. */
  queueTotal: Map<string, number>;
  labels: Set<string>;
}

export function readMonthStart(db: Database.Database, args: BatchMonthStartArgs): BatchMonthStart {
  const settings = batchSettingsOrDefault(db, args.connectionId);
  const zone = settings.timeZone;
  const sla = settings.slaMinute;
  const to = args.to ?? lastBatchNight(db, args.connectionId, settings);
  const shown = args.months ?? DEFAULT_MONTHS;
  const base = {
    connectionId: args.connectionId,
    timeZone: zone,
    sla: sla === null ? null : formatClock(sla),
  };
  if (to === null) return { ...base, months: [], queues: [], hasCpu: false, forecast: null };

  const lastMonth = monthOf(to);
  const firstRead = `${shiftMonth(lastMonth, -(Math.max(shown, FORECAST_MONTHS) - 1))}-01`;
  // One row per night and job, with the job rules applied as in the timeline and drift (jobNights.ts).
  const rows = readJobNights(db, args.connectionId, firstRead, to, settings).jobs;
  const jobs = new Set(rows.map((r) => r.label));
  const cpu = readDailyCpu(db, args.connectionId, firstRead, to);
  // Counted for the months shown only: the forecast does not need them.
  const shownFrom = `${shiftMonth(lastMonth, -(shown - 1))}-01`;
  const statements = readDailyStatements(db, args.connectionId, shownFrom, to, zone);
  const nights = figuresByNight(rows, jobs, zone, cpu, statements);

  // Jobs that ran only on month-start nights over everything read.
  const everyday = new Set<string>();
  for (const r of rows) if (jobs.has(r.label) && !isMonthStartNight(r.night)) everyday.add(r.label);
  const monthlyJobs = [...jobs].filter((j) => !everyday.has(j)).sort();

  const months: MonthStartMonth[] = [];
  for (let i = 0; i < Math.max(shown, FORECAST_MONTHS); i++) {
    const month = shiftMonth(lastMonth, -i);
    const days = [...nights.values()].filter((n) => monthOf(n.night) === month);
    months.push(monthOf_(month, days, monthlyJobs));
  }
  const queues = [...new Set([...nights.values()].flatMap((n) => [...n.queueTotal.keys()]))].sort();
  const forecast = forecastOf(months, [...nights.values()], to, sla);
  return {
    ...base,
    months: months.slice(0, shown).map((m) => ({ ...m, days: m.days.map(publicDay) })),
    queues,
    hasCpu: cpu.size > 0,
    forecast,
  };
}

const publicDay = (d: MonthStartDay): MonthStartDay => ({
  day: d.day,
  night: d.night,
  finishMinutes: d.finishMinutes,
  statements: d.statements,
  execHours: d.execHours,
  queueP95Minutes: d.queueP95Minutes,
  cpu: d.cpu,
});

function figuresByNight(
  rows: readonly LabelNight[],
  jobs: ReadonlySet<string>,
  zone: string,
  cpu: ReadonlyMap<string, number>,
  statements: ReadonlyMap<string, number>,
): Map<string, NightFigures> {
  const nights = new Map<string, NightFigures & { waits: Map<string, number[]> }>();
  for (const r of rows) {
    let n = nights.get(r.night);
    if (!n)
      nights.set(
        r.night,
        (n = {
          day: Number(r.night.slice(8, 10)),
          night: r.night,
          finishMinutes: null,
          statements: statements.get(r.night) ?? 0,
          execHours: 0,
          queueP95Minutes: {},
          cpu: cpu.get(r.night) ?? null,
          queueTotal: new Map(),
          labels: new Set(),
          waits: new Map(),
        }),
      );
    n.execHours += r.execUs / 3_600_000_000;
    if (jobs.has(r.label)) {
      n.labels.add(r.label);
      // The latest end in microseconds: the local clock (Intl, slow) is read once per night below.
      n.finishMinutes = Math.max(n.finishMinutes ?? 0, r.lastEndUs);
    }
    if (r.waitQueue !== null && r.queuedStatements > 0) {
      n.queueTotal.set(r.waitQueue, (n.queueTotal.get(r.waitQueue) ?? 0) + r.queueUs / US_PER_MIN);
      let w = n.waits.get(r.waitQueue);
      if (!w) n.waits.set(r.waitQueue, (w = []));
      w.push(r.queueUs / r.queuedStatements / US_PER_MIN);
    }
  }
  for (const n of nights.values()) {
    if (n.finishMinutes !== null) n.finishMinutes = nightClockMinutes(n.finishMinutes / 1000, n.night, zone);
    for (const [queue, waits] of n.waits) n.queueP95Minutes[queue] = p95(waits);
  }
  return nights;
}

const totalWait = (n: NightFigures) => [...n.queueTotal.values()].reduce((s, v) => s + v, 0);

function monthOf_(
  month: string,
  days: readonly NightFigures[],
  monthlyJobs: readonly string[],
): MonthStartMonth {
  const start = days.filter((d) => d.day <= 3);
  const rest = days.filter((d) => d.day > 3);
  const side = (list: readonly NightFigures[], f: (d: NightFigures) => number) => mean(list.map(f));
  const finishes = start.map((d) => d.finishMinutes).filter((v): v is number => v !== null);
  return {
    month,
    days: [...days].sort((a, b) => a.day - b.day),
    ratios: {
      statements: ratio(
        side(start, (d) => d.statements),
        side(rest, (d) => d.statements),
      ),
      execHours: ratio(
        side(start, (d) => d.execHours),
        side(rest, (d) => d.execHours),
      ),
      queueWait: ratio(side(start, totalWait), side(rest, totalWait)),
    },
    onlyAtMonthStart: monthlyJobs.filter((j) => start.some((d) => d.labels.has(j))),
    monthStartFinish: finishes.length === 0 ? null : Math.max(...finishes),
  };
}

/** The trend's value at x (Theil-Sen with 2+ points; the one value with 1; null with none). */
function project(points: readonly { x: number; y: number }[], x: number): number | null {
  if (points.length === 0) return null;
  if (points.length === 1) return points[0]!.y;
  const line = theilSen(points);
  return line === null ? null : line.intercept + line.slope * x;
}

function forecastOf(
  months: readonly MonthStartMonth[],
  nights: readonly NightFigures[],
  to: string,
  sla: number | null,
): MonthStartForecast | null {
  const nextMonth = shiftMonth(monthOf(to), 1);
  const night = `${nextMonth}-01`;
  // x = months before the next month-start (negative), oldest first.
  const earlier = months
    .map((m, i) => ({ m, x: -(i + 1) }))
    .filter(({ m }) => m.days.some((d) => d.day <= 3))
    .reverse();
  if (earlier.length === 0) return null;
  const finish = project(
    earlier.filter(({ m }) => m.monthStartFinish !== null).map(({ m, x }) => ({ x, y: m.monthStartFinish! })),
    0,
  );
  // The queue waited on most on month-start nights, and its usual wait on the nights before `to`.
  const startNights = nights.filter((n) => n.day <= 3);
  const byQueue = new Map<string, number>();
  for (const n of startNights) for (const [q, v] of n.queueTotal) byQueue.set(q, (byQueue.get(q) ?? 0) + v);
  const busiest = [...byQueue].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  let queue: MonthStartForecast['queue'] = null;
  if (busiest !== null) {
    const startWait = earlier
      .map(({ m, x }) => {
        const w = mean(
          startNights.filter((n) => n.night.startsWith(m.month)).map((n) => n.queueTotal.get(busiest) ?? 0),
        );
        return w === null ? null : { x, y: w };
      })
      .filter((p): p is { x: number; y: number } => p !== null);
    const since = addDays(to, -USUAL_NIGHTS);
    const usual = medianOf(
      nights.filter((n) => n.day > 3 && n.night > since).map((n) => n.queueTotal.get(busiest) ?? 0),
    );
    const expected = project(startWait, 0);
    if (expected !== null && usual !== null && usual > 0)
      queue = { name: busiest, factor: Math.max(0, expected) / usual };
  }
  const parts: string[] = [];
  if (finish !== null)
    parts.push(
      `batch expected to finish ~${formatClock(finish)}` +
        (sla === null
          ? ''
          : finish > sla
            ? `, past the ${formatClock(sla)} SLA`
            : `, within the ${formatClock(sla)} SLA`),
    );
  if (queue !== null)
    parts.push(`${queue.name} will queue ~${queue.factor.toFixed(1)}× more than on other nights`);
  const basis = earlier.length;
  return {
    night,
    finishMinutes: finish,
    finishClock: finish === null ? null : formatClock(finish),
    queue,
    basis,
    verdict:
      parts.length === 0
        ? `Next month-start (${night}): too little stored for a forecast.`
        : `Next month-start (${night}): ${parts.join('; ')} (from ${plural(basis, 'earlier month-start')}).`,
  };
}
