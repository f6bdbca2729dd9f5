// One night's batch (issue #10): every job as a bar from its first start to its last end with its
// queued and executing time, the batch's finish against its 28-night median and the SLA, and what
// determined the finish, in words. Reads the per-night rollups only (a few rows per night).
import type Database from 'better-sqlite3';
import type { BatchGrowthCause, BatchJobNight, BatchNight } from '../../../shared/model/batch.ts';
import {
  formatClock,
  isMonthStartNight,
  nightClockMinutes,
  nightWindow,
  type NightSpec,
} from '../base/batchNight.ts';
import { isoMillisFromMicros } from '../base/redshiftTime.ts';
import { addDays } from '../base/zonedTime.ts';
import { rebuildProgress } from '../store/batches/BatchRebuild.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { durationWords, plural, rebuildingWords } from './batchWords.ts';
import { lastBatchNight, readJobNights, type JobNight, type JobNights } from './jobNights.ts';
import { medianOf } from './theilSen.ts';

/** Nights the medians look back over (issue #10: "its 28-night median"). */
export const MEDIAN_NIGHTS = 28;
/** A job needs this many earlier nights for a median. */
const MIN_HISTORY = 3;
/** What the night picker offers. */
const PICKER_NIGHTS = 60;

export function readBatchNight(
  db: Database.Database,
  args: { connectionId: string; night?: string | undefined },
): BatchNight {
  const settings = batchSettingsOrDefault(db, args.connectionId);
  const rebuilding = rebuildProgress(db, args.connectionId);
  const night = args.night ?? lastBatchNight(db, args.connectionId, settings);
  const empty: BatchNight = {
    connectionId: args.connectionId,
    night: night ?? null,
    timeZone: settings.timeZone,
    window: null,
    nights: [],
    monthStart: night !== null && isMonthStartNight(night),
    jobs: [],
    finish: null,
    movers: [],
    story: rebuildingWords(rebuilding, 'No batch jobs are stored for this connection yet.'),
    otherLabels: [],
    rebuilding,
  };
  if (night === null) return empty;
  const w = nightWindow(night, settings);
  const grouped = readNightWithHistory(db, args.connectionId, night, settings);
  const before = grouped.jobs.filter((r) => r.night !== night);
  const jobs = grouped.jobs
    .filter((r) => r.night === night)
    .map((r) => jobOf(r, before))
    .sort((a, b) => a.firstStart.localeCompare(b.firstStart));

  const finishes = new Map<string, number>();
  for (const r of before) finishes.set(r.night, Math.max(finishes.get(r.night) ?? 0, r.lastEndUs));
  const medianMinutes = medianOf(
    [...finishes].map(([n, us]) => nightClockMinutes(us / 1000, n, settings.timeZone)),
  );
  const lastEndUs = Math.max(0, ...jobs.map((j) => Date.parse(j.lastEnd) * 1000));
  const finishMinutes =
    jobs.length === 0 ? null : nightClockMinutes(lastEndUs / 1000, night, settings.timeZone);
  const finish =
    finishMinutes === null
      ? null
      : {
          at: isoMillisFromMicros(lastEndUs),
          clock: formatClock(finishMinutes),
          medianClock: medianMinutes === null ? null : formatClock(medianMinutes),
          deltaMinutes: medianMinutes === null ? null : Math.round(finishMinutes - medianMinutes),
          sla: settings.slaMinute === null ? null : formatClock(settings.slaMinute),
          slaMarginMinutes:
            settings.slaMinute === null ? null : Math.round(finishMinutes - settings.slaMinute),
        };
  const movers = moversOf(jobs);
  const nights = db
    .prepare(
      `SELECT DISTINCT night FROM batch_label_nights WHERE connection_id = ? ORDER BY night DESC LIMIT ?`,
    )
    .all(args.connectionId, PICKER_NIGHTS * 3) as { night: string }[];
  return {
    ...empty,
    window: { from: new Date(w.fromMs).toISOString(), to: new Date(w.toMs).toISOString() },
    nights: nights.map((n) => n.night).slice(0, PICKER_NIGHTS),
    jobs,
    finish,
    movers: movers.map((j) => j.label),
    story: rebuildingWords(
      rebuilding,
      finish === null ? 'No batch job ran this night.' : storyOf(finish, jobs, movers),
    ),
    otherLabels: grouped.others
      .filter((r) => r.night === night)
      .sort((a, b) => b.statements - a.statements)
      .map((r) => ({ label: r.label, statements: r.statements })),
  };
}

/** Rows scanned of a job-night, counting statements without metrics at the measured ones' mean. */
export function estimatedRows(r: JobNight): number | null {
  return r.measured === 0 ? null : (r.rowsScanned * r.statements) / r.measured;
}

/** CPU of a job-night in ms, likewise; null when no statement's CPU is known (always on Serverless). */
export function estimatedCpuMs(r: JobNight): number | null {
  return r.cpuMeasured === 0 ? null : Math.round((r.cpuUs * r.statements) / r.cpuMeasured / 1000);
}

/** Below this growth (and above its inverse) rows scanned are "the same". */
const SAME_ROWS = 1.25;

/**
 * Why a job ran longer than its median: its statements waited more than they executed longer (more
 * waiting), or they executed longer and scanned about as many more rows (more data), or executed
 * much longer for the rows they scanned (a slower plan).
 */
export function causeOf(
  execFactor: number | null,
  rowsFactor: number | null,
  extraQueueMs: number,
  extraExecMs: number,
): BatchGrowthCause | null {
  if (extraQueueMs > 60_000 && extraQueueMs > extraExecMs) return 'more waiting';
  if (execFactor === null || rowsFactor === null || extraExecMs <= 60_000) return null;
  if (execFactor >= 1.5 * rowsFactor) return 'slower plan';
  if (rowsFactor >= SAME_ROWS) return 'more data';
  return null;
}

/** '(same rows scanned)' or 'rows scanned ×2.1'. */
export function rowsWords(rowsFactor: number): string {
  return rowsFactor < SAME_ROWS && rowsFactor > 1 / SAME_ROWS
    ? 'same rows scanned'
    : `rows scanned ×${rowsFactor.toFixed(1)}`;
}

function jobOf(r: JobNight, before: readonly JobNight[]): BatchJobNight {
  const earlier = before.filter((b) => b.label === r.label);
  const enough = earlier.length >= MIN_HISTORY;
  const medianDurationUs = enough ? medianOf(earlier.map((b) => b.lastEndUs - b.firstStartUs)) : null;
  const medianExecUs = enough ? medianOf(earlier.map((b) => b.execUs)) : null;
  const medianQueueUs = enough ? medianOf(earlier.map((b) => b.queueUs)) : null;
  const rows = estimatedRows(r);
  const earlierRows = earlier.map(estimatedRows).filter((v) => v !== null);
  const medianRows = earlierRows.length >= MIN_HISTORY ? medianOf(earlierRows) : null;
  const rowsFactor = rows === null || medianRows === null || medianRows === 0 ? null : rows / medianRows;
  const execFactor = medianExecUs === null || medianExecUs === 0 ? null : r.execUs / medianExecUs;
  const longer = medianDurationUs !== null && r.lastEndUs - r.firstStartUs - medianDurationUs > 60_000_000;
  return {
    label: r.label,
    firstStart: isoMillisFromMicros(r.firstStartUs),
    lastEnd: isoMillisFromMicros(r.lastEndUs),
    durationMs: Math.round((r.lastEndUs - r.firstStartUs) / 1000),
    statements: r.statements,
    queuedStatements: r.queuedStatements,
    queueMs: Math.round(r.queueUs / 1000),
    execMs: Math.round(r.execUs / 1000),
    aborted: r.aborted,
    waitQueue: r.waitQueue,
    medianDurationMs: medianDurationUs === null ? null : Math.round(medianDurationUs / 1000),
    medianExecMs: medianExecUs === null ? null : Math.round(medianExecUs / 1000),
    execFactor,
    rowsScanned: rows === null ? null : Math.round(rows),
    cpuMs: estimatedCpuMs(r),
    medianRowsScanned: medianRows === null ? null : Math.round(medianRows),
    rowsFactor,
    cause: longer
      ? causeOf(
          execFactor,
          rowsFactor,
          (r.queueUs - (medianQueueUs ?? r.queueUs)) / 1000,
          (r.execUs - (medianExecUs ?? r.execUs)) / 1000,
        )
      : null,
    labels: [...new Set(r.sources.map((x) => x.label))],
  };
}

/**
 * The jobs that ran longest past their own median, by their own execution's growth (time spent
 * waiting in a queue is told apart, as the queue's story): the top one, and a second when it moved
 * at least half as much.
 */
function moversOf(jobs: readonly BatchJobNight[]): BatchJobNight[] {
  const grown = jobs
    .filter((j) => j.medianDurationMs !== null && j.medianExecMs !== null)
    .map((j) => ({ j, own: j.execMs - j.medianExecMs!, longer: j.durationMs - j.medianDurationMs! }))
    .filter((g) => g.longer > 60_000 && g.own > 60_000)
    .sort((a, b) => b.own - a.own);
  const top = grown[0];
  if (!top) return [];
  return grown.filter((g, i) => i === 0 || (i === 1 && g.own * 2 >= top.own)).map((g) => g.j);
}

/** ' (execution ×7.9, same rows scanned: a slower plan)' */
function moverDetail(m: BatchJobNight): string {
  const parts: string[] = [];
  if (m.execFactor !== null) parts.push(`execution ×${m.execFactor.toFixed(1)}`);
  if (m.rowsFactor !== null && m.rowsFactor !== undefined) parts.push(rowsWords(m.rowsFactor));
  if (parts.length === 0) return '';
  const cause = m.cause === 'slower plan' ? ': a slower plan' : m.cause === 'more data' ? ': more data' : '';
  return ` (${parts.join(', ')}${cause})`;
}

function storyOf(
  finish: NonNullable<BatchNight['finish']>,
  jobs: readonly BatchJobNight[],
  movers: readonly BatchJobNight[],
): string {
  const parts: string[] = [];
  const d = finish.deltaMinutes;
  let head = `finished ${finish.clock}`;
  if (d !== null && finish.medianClock !== null)
    head +=
      d === 0
        ? `, at its ${MEDIAN_NIGHTS}-night median`
        : `, ${durationWords(Math.abs(d) * 60_000)} ${d > 0 ? 'later' : 'earlier'} than its ${MEDIAN_NIGHTS}-night median (${finish.medianClock})`;
  if (finish.slaMarginMinutes !== null)
    head +=
      finish.slaMarginMinutes > 0
        ? `, ${durationWords(finish.slaMarginMinutes * 60_000)} past the ${finish.sla} SLA`
        : ` (SLA ${finish.sla} met)`;
  for (const m of movers)
    parts.push(`${m.label} ran ${durationWords(m.durationMs - m.medianDurationMs!)} longer` + moverDetail(m));
  const from = movers.length > 0 ? Math.min(...movers.map((m) => Date.parse(m.firstStart))) : -Infinity;
  const waiting = jobs.filter(
    (j) => !movers.includes(j) && j.queuedStatements > 0 && Date.parse(j.firstStart) >= from,
  );
  const waitMs = waiting.reduce((sum, j) => sum + j.queueMs, 0);
  if (waitMs >= 60_000) {
    const queues = [...new Set(waiting.map((j) => j.waitQueue).filter((q) => q !== null))];
    parts.push(
      `${plural(
        waiting.reduce((n, j) => n + j.queuedStatements, 0),
        'statement',
      )} of ${plural(waiting.length, movers.length > 0 ? 'later job' : 'job')} waited ${durationWords(waitMs)}` +
        (queues.length > 0 ? ` for ${queues.join(', ')} slots` : ' in queues'),
    );
  }
  const occasional = jobs.filter((j) => j.medianDurationMs === null).map((j) => j.label);
  if (occasional.length > 0)
    parts.push(`${plural(occasional.length, 'job')} that rarely run ran: ${occasional.join(', ')}`);
  const first = head.charAt(0).toUpperCase() + head.slice(1);
  return parts.length === 0 ? `${first}.` : `${first}: ${parts.join('; ')}.`;
}

/** The jobs of `night` and of the MEDIAN_NIGHTS before it: a night with the history its medians need. */
export function readNightWithHistory(
  db: Database.Database,
  connectionId: string,
  night: string,
  settings: Pick<NightSpec, 'startMinute' | 'endMinute'>,
): JobNights {
  return readJobNights(db, connectionId, addDays(night, -MEDIAN_NIGHTS), night, settings);
}
