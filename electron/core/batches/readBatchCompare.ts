// Two nights side by side (issue #10): last night (or any) against a chosen night, by default the same
// weekday a week before. Per job: start, end, duration, queue wait and statements on each night, sorted
// by how far the job moved its end (who moved the finish most); jobs that appeared or disappeared; and
// the jobs first seen in the last 30 nights ("batches multiply"). Reads the per-night rollups only.
import type Database from 'better-sqlite3';
import type {
  BatchCompare,
  BatchCompareArgs,
  BatchCompareJob,
  BatchCompareSide,
} from '../../../shared/model/batchViews.ts';
import { formatClock, isMonthStartNight, nightClockMinutes } from '../base/batchNight.ts';
import { addDays } from '../base/zonedTime.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { durationWords, plural } from './batchWords.ts';
import { lastBatchNight, readJobNights } from './jobNights.ts';
import type { LabelNight } from './labelNights.ts';

/** "New jobs in the last 30 nights are listed as such" (issue #10). */
export const NEW_JOB_NIGHTS = 30;
/** How far back the jobs are proposed from (and first appearances looked for). */
const LOOKBACK_NIGHTS = 90;
const PICKER_NIGHTS = 120;

export function readBatchCompare(db: Database.Database, args: BatchCompareArgs): BatchCompare {
  const settings = batchSettingsOrDefault(db, args.connectionId);
  const zone = settings.timeZone;
  const night = args.night ?? lastBatchNight(db, args.connectionId, settings);
  const other = night === null ? null : (args.other ?? addDays(night, -7));
  const nights = (
    db
      .prepare(
        `SELECT DISTINCT night FROM batch_label_nights WHERE connection_id = ? ORDER BY night DESC LIMIT ?`,
      )
      .all(args.connectionId, PICKER_NIGHTS) as { night: string }[]
  ).map((r) => r.night);
  const empty: BatchCompare = {
    connectionId: args.connectionId,
    timeZone: zone,
    night,
    other,
    nights,
    finish: { night: null, other: null, deltaMinutes: null },
    jobs: [],
    newJobs: [],
    summary: 'No batch jobs are stored for this connection yet.',
  };
  if (night === null || other === null) return empty;

  const earliest = other < night ? other : night;
  const latest = other < night ? night : other;
  // One row per night and job, with the job rules applied as in the timeline and drift (jobNights.ts).
  const rows = readJobNights(
    db,
    args.connectionId,
    addDays(earliest, -LOOKBACK_NIGHTS),
    latest,
    settings,
  ).jobs;
  const jobs = new Set(rows.map((r) => r.label));
  const on = (n: string) =>
    new Map(rows.filter((r) => r.night === n && jobs.has(r.label)).map((r) => [r.label, r]));
  const a = on(night);
  const b = on(other);
  const side = (r: LabelNight | undefined, n: string): BatchCompareSide | null =>
    r === undefined
      ? null
      : {
          firstStart: new Date(r.firstStartUs / 1000).toISOString(),
          lastEnd: new Date(r.lastEndUs / 1000).toISOString(),
          startClock: formatClock(nightClockMinutes(r.firstStartUs / 1000, n, zone)),
          endClock: formatClock(nightClockMinutes(r.lastEndUs / 1000, n, zone)),
          durationMs: Math.round((r.lastEndUs - r.firstStartUs) / 1000),
          queueMs: Math.round(r.queueUs / 1000),
          execMs: Math.round(r.execUs / 1000),
          statements: r.statements,
        };

  // First appearance of each job in what is stored (the rows start LOOKBACK_NIGHTS before).
  const firstSeen = new Map<string, string>();
  const monthStartOnly = new Set(jobs);
  for (const r of rows) {
    if (!jobs.has(r.label)) continue;
    if (!firstSeen.has(r.label)) firstSeen.set(r.label, r.night);
    if (!isMonthStartNight(r.night)) monthStartOnly.delete(r.label);
  }
  const historyStart = rows[0]?.night ?? night;
  const newSince = addDays(night, -NEW_JOB_NIGHTS);
  // A job is new only when the history reaches back past the 30 nights (else all would be "new").
  const newJobs = [...firstSeen]
    .filter(
      ([label, first]) =>
        first > newSince && first <= night && historyStart <= newSince && !monthStartOnly.has(label),
    )
    .map(([label, firstNight]) => ({ label, firstNight }))
    .sort((x, y) => y.firstNight.localeCompare(x.firstNight) || x.label.localeCompare(y.label));
  const isNew = new Set(newJobs.map((j) => j.label));

  const clockOf = (r: LabelNight, n: string) => nightClockMinutes(r.lastEndUs / 1000, n, zone);
  const compared: BatchCompareJob[] = [...new Set([...a.keys(), ...b.keys()])].map((label) => {
    const x = a.get(label);
    const y = b.get(label);
    const both = x !== undefined && y !== undefined;
    return {
      label,
      presence: both ? 'both' : x !== undefined ? 'appeared' : 'disappeared',
      isNew: isNew.has(label),
      night: side(x, night),
      other: side(y, other),
      endShiftMinutes: both ? Math.round(clockOf(x, night) - clockOf(y, other)) : null,
      durationDeltaMs: both
        ? Math.round((x.lastEndUs - x.firstStartUs - (y.lastEndUs - y.firstStartUs)) / 1000)
        : null,
      queueDeltaMs: both ? Math.round((x.queueUs - y.queueUs) / 1000) : null,
    };
  });
  const rank = { both: 0, appeared: 1, disappeared: 2 } as const;
  compared.sort(
    (p, q) =>
      rank[p.presence] - rank[q.presence] ||
      (q.durationDeltaMs ?? 0) - (p.durationDeltaMs ?? 0) ||
      p.label.localeCompare(q.label),
  );

  const finishOf = (m: Map<string, LabelNight>, n: string): number | null =>
    m.size === 0 ? null : Math.max(...[...m.values()].map((r) => clockOf(r, n)));
  const fa = finishOf(a, night);
  const fb = finishOf(b, other);
  const deltaMinutes = fa !== null && fb !== null ? Math.round(fa - fb) : null;
  return {
    ...empty,
    finish: {
      night: fa === null ? null : formatClock(fa),
      other: fb === null ? null : formatClock(fb),
      deltaMinutes,
    },
    jobs: compared,
    newJobs,
    summary: summaryOf(night, other, fa, fb, deltaMinutes, compared, newJobs.length),
  };
}

function summaryOf(
  night: string,
  other: string,
  fa: number | null,
  fb: number | null,
  delta: number | null,
  jobs: readonly BatchCompareJob[],
  newCount: number,
): string {
  if (fa === null && fb === null) return `No batch job ran on ${night} nor on ${other}.`;
  if (fa === null) return `No batch job ran on ${night}; on ${other} the batch finished ${formatClock(fb!)}.`;
  if (fb === null) return `No batch job ran on ${other}; on ${night} the batch finished ${formatClock(fa)}.`;
  const parts = [
    delta === 0
      ? `${night} finished ${formatClock(fa)}, as ${other} did`
      : `${night} finished ${formatClock(fa)}, ${durationWords(Math.abs(delta!) * 60_000)} ${delta! > 0 ? 'later' : 'earlier'} than ${other} (${formatClock(fb)})`,
  ];
  const mover = jobs.find((j) => j.presence === 'both' && (j.durationDeltaMs ?? 0) > 60_000);
  if (mover)
    parts.push(
      `${mover.label} ran ${durationWords(mover.durationDeltaMs!)} longer, the most` +
        (mover.endShiftMinutes !== null && mover.endShiftMinutes !== 0
          ? ` (its end moved ${mover.endShiftMinutes > 0 ? '+' : '−'}${durationWords(Math.abs(mover.endShiftMinutes) * 60_000)})`
          : ''),
    );
  const appeared = jobs.filter((j) => j.presence === 'appeared').length;
  const gone = jobs.filter((j) => j.presence === 'disappeared').length;
  if (appeared > 0) parts.push(`${plural(appeared, 'job')} ran only on ${night}`);
  if (gone > 0) parts.push(`${plural(gone, 'job')} ran only on ${other}`);
  if (newCount > 0) parts.push(`${plural(newCount, 'job')} new in the last ${NEW_JOB_NIGHTS} nights`);
  return `${parts.join('; ')}.`;
}
