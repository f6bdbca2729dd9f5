// The batch's finish time night after night (issue #10): with the SLA line, a robust trend (Theil-Sen)
// fitted on the nights that are not month starts (their closing jobs make them late by design; they
// are marked and said to be left out), and a forecast in words of when the trend crosses the SLA.
// Reads the per-night rollups: about one row per job per night.
import type Database from 'better-sqlite3';
import type { BatchDrift, BatchDriftArgs, BatchDriftPoint } from '../../../shared/model/batch.ts';
import { formatClock, isMonthStartNight, nightClockMinutes } from '../base/batchNight.ts';
import { addDays, daysBetween } from '../base/zonedTime.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { plural } from './batchWords.ts';
import { lastNight, readLabelNights } from './labelNights.ts';
import { proposeJobs, windowMinutesOf } from './proposeJobs.ts';
import { theilSen } from './theilSen.ts';

/** Below this (minutes a night) the finish is said to hold steady. */
const FLAT = 0.05;

export function readBatchDrift(db: Database.Database, args: BatchDriftArgs): BatchDrift {
  const settings = batchSettingsOrDefault(db, args.connectionId);
  const zone = settings.timeZone;
  const sla =
    settings.slaMinute === null
      ? null
      : { minutes: settings.slaMinute, clock: formatClock(settings.slaMinute) };
  const to = args.to ?? lastNight(db, args.connectionId);
  const base = { connectionId: args.connectionId, timeZone: zone, sla };
  if (to === null)
    return {
      ...base,
      from: null,
      to: null,
      points: [],
      trend: null,
      summary: 'No batch jobs are stored yet.',
    };
  const from = addDays(to, -(args.nights - 1));
  const rows = readLabelNights(db, args.connectionId, from, to);
  const jobs = proposeJobs(rows, windowMinutesOf(settings.startMinute, settings.endMinute));
  const finishUs = new Map<string, number>();
  for (const r of rows)
    if (jobs.has(r.label)) finishUs.set(r.night, Math.max(finishUs.get(r.night) ?? 0, r.lastEndUs));

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
    summary:
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
  };
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
