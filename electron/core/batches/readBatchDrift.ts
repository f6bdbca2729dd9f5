// The batch's finish time night after night (issue #10): with the SLA line, a robust trend (Theil-Sen)
// fitted on the nights that are not month starts (their closing jobs make them late by design; they
// are marked and said to be left out), and a forecast in words of when the trend crosses the SLA.
// Reads the per-night rollups: about one row per job per night.
import type Database from 'better-sqlite3';
import type {
  BatchDrift,
  BatchDriftArgs,
  BatchDriftPoint,
  BatchJobSeries,
} from '../../../shared/model/batch.ts';
import { formatClock, isMonthStartNight, nightClockMinutes } from '../base/batchNight.ts';
import { addDays, daysBetween } from '../base/zonedTime.ts';
import { rebuildProgress } from '../store/batches/BatchRebuild.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { plural, rebuildingWords } from './batchWords.ts';
import { lastBatchNight, readJobNights, type JobNight } from './jobNights.ts';
import { estimatedCpuMs, estimatedRows, rowsWords } from './readBatchNight.ts';
import { medianOf, theilSen } from './theilSen.ts';

/** Below this (minutes a night) the finish is said to hold steady. */
const FLAT = 0.05;

export function readBatchDrift(db: Database.Database, args: BatchDriftArgs): BatchDrift {
  const settings = batchSettingsOrDefault(db, args.connectionId);
  const zone = settings.timeZone;
  const sla =
    settings.slaMinute === null
      ? null
      : { minutes: settings.slaMinute, clock: formatClock(settings.slaMinute) };
  const to = args.to ?? lastBatchNight(db, args.connectionId, settings);
  const rebuilding = rebuildProgress(db, args.connectionId);
  const base = { connectionId: args.connectionId, timeZone: zone, sla, rebuilding };
  if (to === null)
    return {
      ...base,
      from: null,
      to: null,
      points: [],
      trend: null,
      summary: rebuildingWords(rebuilding, 'No batch jobs are stored yet.'),
    };
  const from = addDays(to, -(args.nights - 1));
  const rows = readJobNights(db, args.connectionId, from, to, settings).jobs;
  const finishUs = new Map<string, number>();
  for (const r of rows) {
    const f = finishUs.get(r.night);
    if (f === undefined || r.lastEndUs > f) finishUs.set(r.night, r.lastEndUs);
  }

  const points: BatchDriftPoint[] = [...finishUs].map(([night, us]) => {
    const minutes = nightClockMinutes(us / 1000, night, zone);
    const monthStart = isMonthStartNight(night);
    return {
      night,
      finish: new Date(us / 1000).toISOString(),
      minutes,
      clock: formatClock(minutes),
      monthStart,
      inFit: !monthStart,
      trend: null,
    };
  });
  const fitted = points.filter((p) => p.inFit);
  const line =
    fitted.length >= 3
      ? theilSen(fitted.map((p) => ({ x: daysBetween(from, p.night), y: p.minutes })))
      : null;
  if (line) for (const p of points) p.trend = line.intercept + line.slope * daysBetween(from, p.night);
  const excluded = points.filter((p) => !p.inFit).map((p) => p.night);
  const trend = line ? { minutesPerNight: line.slope, nightsInFit: fitted.length, excluded } : null;
  const last = points.at(-1);
  return {
    ...base,
    from,
    to,
    points,
    trend,
    growth: growthWords(rows, new Set(fitted.map((p) => p.night))),
    ...(args.jobs === true ? { jobs: seriesOf(rows) } : {}),
    summary: rebuildingWords(
      rebuilding,
      line && last
        ? summaryOf(
            line.slope,
            line.intercept + line.slope * daysBetween(from, last.night),
            last.night,
            sla,
            trend!,
          )
        : points.length === 0
          ? 'No batch jobs ran in this range.'
          : 'Too few nights for a trend (at least 3 that are not month starts).',
    ),
  };
}

/** Nights at each end of the range compared by growthWords. */
const ENDS = 7;

/**
 * Where the batch's growth over the range came from: the batch's execution, rows scanned and queue
 * wait on its last nights in the fit against its first ones (medians of ENDS nights), in words.
 */
function growthWords(rows: readonly JobNight[], inFit: ReadonlySet<string>): string | null {
  const perNight = new Map<string, { exec: number; queue: number; rows: number; measured: boolean }>();
  for (const r of rows) {
    if (!inFit.has(r.night)) continue;
    let n = perNight.get(r.night);
    if (!n) perNight.set(r.night, (n = { exec: 0, queue: 0, rows: 0, measured: false }));
    n.exec += r.execUs;
    n.queue += r.queueUs;
    const est = estimatedRows(r);
    if (est !== null) {
      n.rows += est;
      n.measured = true;
    }
  }
  const nights = [...perNight.keys()].sort();
  if (nights.length < 2 * ENDS) return null;
  const firstNights = nights.slice(0, ENDS).map((n) => perNight.get(n)!);
  const lastNights = nights.slice(-ENDS).map((n) => perNight.get(n)!);
  const ratio = (pick: (v: (typeof firstNights)[number]) => number): number | null => {
    const a = medianOf(firstNights.map(pick));
    const b = medianOf(lastNights.map(pick));
    return a === null || b === null || a === 0 ? null : b / a;
  };
  const exec = ratio((v) => v.exec);
  const queue = ratio((v) => v.queue);
  const measured = firstNights.every((v) => v.measured) && lastNights.every((v) => v.measured);
  const scanned = measured ? ratio((v) => v.rows) : null;
  if (exec === null) return null;
  const parts = [`execution ×${exec.toFixed(1)}`];
  if (scanned !== null) parts.push(rowsWords(scanned));
  if (queue !== null) parts.push(`queue wait ×${queue.toFixed(1)}`);
  const execGrew = exec >= 1.1;
  const verdict =
    queue !== null && queue >= 1.5 && queue > exec
      ? 'mostly more waiting'
      : !execGrew
        ? 'steady'
        : scanned === null
          ? null
          : exec >= 1.5 * scanned
            ? 'mostly a slower plan'
            : scanned >= 1.1
              ? 'mostly more data'
              : null;
  return `From ${nights[0]} to ${nights.at(-1)} (first and last ${ENDS} nights in the fit): ${parts.join(', ')}${verdict ? `: ${verdict}` : ''}.`;
}

function seriesOf(rows: readonly JobNight[]): BatchJobSeries[] {
  const byJob = new Map<string, BatchJobSeries>();
  for (const r of rows) {
    let s = byJob.get(r.label);
    if (!s) byJob.set(r.label, (s = { job: r.label, nights: [] }));
    const est = estimatedRows(r);
    s.nights.push({
      night: r.night,
      durationMs: Math.round((r.lastEndUs - r.firstStartUs) / 1000),
      queueMs: Math.round(r.queueUs / 1000),
      execMs: Math.round(r.execUs / 1000),
      statements: r.statements,
      rowsScanned: est === null ? null : Math.round(est),
      cpuMs: estimatedCpuMs(r),
    });
  }
  return [...byJob.values()].sort((a, b) => a.job.localeCompare(b.job));
}

function summaryOf(
  slope: number,
  fittedLast: number,
  lastNightName: string,
  sla: BatchDrift['sla'],
  trend: NonNullable<BatchDrift['trend']>,
): string {
  const rate = `${slope >= 0 ? '+' : '−'}${Math.abs(slope).toFixed(1)} min a night`;
  const left =
    trend.excluded.length > 0
      ? ` ${plural(trend.excluded.length, 'month-start night')} ${trend.excluded.length === 1 ? 'is' : 'are'} left out of the fit.`
      : '';
  const fit = ` Trend over ${plural(trend.nightsInFit, 'night')}.${left}`;
  if (sla === null) return `The finish moves ${rate}; set an SLA for a forecast.${fit}`;
  if (fittedLast >= sla.minutes)
    return `At ${rate}, the trend is past the ${sla.clock} SLA already (${formatClock(fittedLast)} on ${lastNightName}).${fit}`;
  if (slope < FLAT) return `At ${rate}, the batch holds well before the ${sla.clock} SLA.${fit}`;
  const nights = Math.ceil((sla.minutes - fittedLast) / slope);
  return `At ${rate}, the batch crosses ${sla.clock} around ${addDays(lastNightName, nights)} (in ${plural(nights, 'night')}).${fit}`;
}
