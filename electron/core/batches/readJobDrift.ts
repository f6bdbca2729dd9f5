// Per-job drift (issue #10): over up to 400 nights, each job's duration, queue wait and execution per
// night, their Theil-Sen trends (month-start nights left out, as for the batch), its SLA and the nights
// it missed it, and its share of the batch's growth: its duration growth over the summed growth of
// every growing job. Optionally one job's nights in detail. Reads the per-night rollups only.
import type Database from 'better-sqlite3';
import type {
  BatchJobDetail,
  BatchJobDrift,
  BatchJobDriftArgs,
  BatchJobDriftPoint,
  BatchJobDriftRow,
  JobTrends,
} from '../../../shared/model/batchViews.ts';
import { formatClock, isMonthStartNight, nightClockMinutes } from '../base/batchNight.ts';
import { addDays, daysBetween } from '../base/zonedTime.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { readJobSlas } from '../store/batches/JobSlaStore.ts';
import { plural } from './batchWords.ts';
import { lastBatchNight, readJobNights } from './jobNights.ts';
import type { LabelNight } from './labelNights.ts';
import { readBatchDrift } from './readBatchDrift.ts';
import { theilSen } from './theilSen.ts';

/** Below this (minutes a night) a trend is steady. */
const FLAT = 0.05;
/** Theil-Sen over at most this many nights per series (evenly thinned): 400 nights are 80,000 slopes. */
const MAX_FIT_POINTS = 120;

const US_PER_MIN = 60_000_000;

/** A robust trend in y per night over the nights that are not month starts; null with fewer than 3. */
export function trendOf(from: string, points: readonly { night: string; y: number }[]): number | null {
  const inFit = points.filter((p) => !isMonthStartNight(p.night));
  if (inFit.length < 3) return null;
  const step = Math.ceil(inFit.length / MAX_FIT_POINTS);
  const thinned = inFit.filter((_, i) => i % step === 0);
  return theilSen(thinned.map((p) => ({ x: daysBetween(from, p.night), y: p.y })))?.slope ?? null;
}

export function readJobDrift(db: Database.Database, args: BatchJobDriftArgs): BatchJobDrift {
  const settings = batchSettingsOrDefault(db, args.connectionId);
  const zone = settings.timeZone;
  const to = args.to ?? lastBatchNight(db, args.connectionId, settings);
  const base = { connectionId: args.connectionId, timeZone: zone };
  if (to === null)
    return {
      ...base,
      from: null,
      to: null,
      batchPerNight: null,
      jobs: [],
      detail: null,
      summary: 'No batch jobs are stored yet.',
    };
  const from = addDays(to, -(args.nights - 1));
  // One row per night and job, with the job rules applied as in the timeline and drift (jobNights.ts).
  const rows = readJobNights(db, args.connectionId, from, to, settings).jobs;
  const jobs = new Set(rows.map((r) => r.label));
  const slas = readJobSlas(db, args.connectionId);
  const byLabel = new Map<string, LabelNight[]>();
  for (const r of rows) {
    if (!jobs.has(r.label)) continue;
    let list = byLabel.get(r.label);
    if (!list) byLabel.set(r.label, (list = []));
    list.push(r);
  }
  const endOf = (r: LabelNight) => nightClockMinutes(r.lastEndUs / 1000, r.night, zone);
  const trendsOf = (list: readonly LabelNight[]): JobTrends => ({
    durationPerNight: trendOf(
      from,
      list.map((r) => ({ night: r.night, y: (r.lastEndUs - r.firstStartUs) / US_PER_MIN })),
    ),
    queuePerNight: trendOf(
      from,
      list.map((r) => ({ night: r.night, y: r.queueUs / US_PER_MIN })),
    ),
    execPerNight: trendOf(
      from,
      list.map((r) => ({ night: r.night, y: r.execUs / US_PER_MIN })),
    ),
  });
  const rowsOut: BatchJobDriftRow[] = [...byLabel].map(([label, list]) => {
    const t = trendsOf(list);
    const slaMinute = slas.get(label);
    const last = list.at(-1)!;
    const q = Math.max(0, t.queuePerNight ?? 0);
    const e = Math.max(0, t.execPerNight ?? 0);
    return {
      label,
      nights: list.length,
      lastDurationMs: Math.round((last.lastEndUs - last.firstStartUs) / 1000),
      sla: slaMinute === undefined ? null : formatClock(slaMinute),
      slaMissed: slaMinute === undefined ? null : list.filter((r) => endOf(r) > slaMinute).length,
      ...t,
      shareOfGrowth: null,
      growth:
        (t.durationPerNight ?? 0) < FLAT || q + e < FLAT
          ? 'steady'
          : q > e
            ? 'more waiting'
            : 'longer execution',
    };
  });
  const growing = rowsOut.reduce((s, r) => s + Math.max(0, r.durationPerNight ?? 0), 0);
  for (const r of rowsOut)
    if (growing > 0 && (r.durationPerNight ?? 0) >= FLAT) r.shareOfGrowth = r.durationPerNight! / growing;
  rowsOut.sort((a, b) => (b.shareOfGrowth ?? -1) - (a.shareOfGrowth ?? -1) || a.label.localeCompare(b.label));

  const batchPerNight =
    readBatchDrift(db, { connectionId: args.connectionId, nights: args.nights, to }).trend?.minutesPerNight ??
    null;
  const top = rowsOut.find((r) => r.shareOfGrowth !== null);
  const summary =
    rowsOut.length === 0
      ? 'No batch jobs ran in this range.'
      : top === undefined
        ? `None of the ${plural(rowsOut.length, 'job')} grows over these nights.`
        : `${top.label} carries ${Math.round(top.shareOfGrowth! * 100)} % of the jobs' growth (+${top.durationPerNight!.toFixed(1)} min a night, ${top.growth})` +
          (batchPerNight === null ? '.' : `; the batch's finish moves ${signed(batchPerNight)} min a night.`);

  let detail: BatchJobDetail | null = null;
  const wanted = args.label === undefined ? undefined : rowsOut.find((r) => r.label === args.label);
  if (wanted) detail = detailOf(wanted, byLabel.get(wanted.label)!, from, endOf, slas.get(wanted.label));
  return { ...base, from, to, batchPerNight, jobs: rowsOut, detail, summary };
}

const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;

function detailOf(
  row: BatchJobDriftRow,
  list: readonly LabelNight[],
  from: string,
  endOf: (r: LabelNight) => number,
  slaMinute: number | undefined,
): BatchJobDetail {
  const durations = list.map((r) => ({ night: r.night, y: (r.lastEndUs - r.firstStartUs) / US_PER_MIN }));
  const fit = durations.filter((p) => !isMonthStartNight(p.night));
  const line = fit.length >= 3 ? theilSen(fit.map((p) => ({ x: daysBetween(from, p.night), y: p.y }))) : null;
  const points: BatchJobDriftPoint[] = list.map((r, i) => ({
    night: r.night,
    durationMin: durations[i]!.y,
    queueMin: r.queueUs / US_PER_MIN,
    execMin: r.execUs / US_PER_MIN,
    endMinutes: endOf(r),
    monthStart: isMonthStartNight(r.night),
    durationTrend: line ? line.intercept + line.slope * daysBetween(from, r.night) : null,
  }));
  const parts = [
    row.durationPerNight === null
      ? `${row.label}: too few nights for a trend`
      : `${row.label}: duration ${signed(row.durationPerNight)} min a night (queue wait ${signed(row.queuePerNight ?? 0)}, execution ${signed(row.execPerNight ?? 0)})`,
  ];
  if (row.shareOfGrowth !== null) parts.push(`${Math.round(row.shareOfGrowth * 100)} % of the jobs' growth`);
  if (slaMinute !== undefined)
    parts.push(
      `past its ${formatClock(slaMinute)} SLA on ${plural(row.slaMissed ?? 0, 'night')} of ${list.length}`,
    );
  return { ...row, points, summary: `${parts.join('; ')}.` };
}
