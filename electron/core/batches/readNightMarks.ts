// What happened in a night, drawn on its timeline (issue #10): aborted statements, QMR actions, COPY
// loads with their rejected rows (read by the caller through the loads area's reader, readLoads: areas
// do not import each other), and the feed arrivals a job
// waited for: a feed's last COPY of the night that ended shortly before a job started later than it
// usually does (its median first start over the 28 nights before).
import type Database from 'better-sqlite3';
import type { BatchMarks, NightMark } from '../../../shared/model/batchViews.ts';
import type { LoadRow } from '../../../shared/model/load.ts';
import { nightClockMinutes, nightWindow } from '../base/batchNight.ts';
import { isoMillisFromMicros } from '../base/redshiftTime.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { readNightWithHistory } from './readBatchNight.ts';
import { medianOf } from './theilSen.ts';

/** Marks of one kind per night; a night with more is not one anyone reads mark by mark. */
export const MAX_MARKS_PER_KIND = 200;
/** A job that started this much later than its habit... */
const LATE_START_MINUTES = 15;
/** ...within this long after a feed's COPY ended waited for that feed. */
const AFTER_FEED_MINUTES = 30;

/** The night's window as ISO instants [from, to]: where the caller reads the COPY loads. */
export function nightMarksWindow(
  db: Database.Database,
  args: { connectionId: string; night: string },
): { from: string; to: string } {
  const w = nightWindow(args.night, batchSettingsOrDefault(db, args.connectionId));
  return { from: new Date(w.fromMs).toISOString(), to: new Date(w.toMs - 1).toISOString() };
}

/** `loads`: the night's COPY loads (loads.list over nightMarksWindow, oldest first). */
export function readNightMarks(
  db: Database.Database,
  args: { connectionId: string; night: string },
  loads: readonly LoadRow[],
): BatchMarks {
  const settings = batchSettingsOrDefault(db, args.connectionId);
  const w = nightWindow(args.night, settings);
  const fromUs = w.fromMs * 1000;
  const toUs = w.toMs * 1000;
  const marks: NightMark[] = [];

  const aborted = db
    .prepare(
      `SELECT query, end_us, label FROM queries
       WHERE connection_id = ? AND start_us >= ? AND start_us < ? AND aborted = 1
       ORDER BY start_us LIMIT ${MAX_MARKS_PER_KIND}`,
    )
    .all(args.connectionId, fromUs, toUs) as { query: number; end_us: number; label: string }[];
  for (const a of aborted)
    marks.push({
      kind: 'aborted',
      at: isoMillisFromMicros(a.end_us),
      label: a.label,
      query: a.query,
      text: `query ${a.query} aborted`,
      rejected: null,
      waitedBy: [],
    });

  const actions = db
    .prepare(
      `SELECT r.query, r.record_us, r.rule, r.action, q.label FROM rule_actions r
       LEFT JOIN queries q ON q.connection_id = r.connection_id AND q.query = r.query
       WHERE r.connection_id = ? AND r.record_us >= ? AND r.record_us < ?
       ORDER BY r.record_us LIMIT ${MAX_MARKS_PER_KIND}`,
    )
    .all(args.connectionId, fromUs, toUs) as {
    query: number;
    record_us: number;
    rule: string;
    action: string;
    label: string | null;
  }[];
  for (const a of actions)
    marks.push({
      kind: 'qmr',
      at: isoMillisFromMicros(a.record_us),
      label: a.label,
      query: a.query,
      text: `QMR ${a.action} (${a.rule}) on query ${a.query}`,
      rejected: null,
      waitedBy: [],
    });

  for (const l of loads)
    marks.push({
      kind: 'copy',
      at: l.endTime,
      label: null,
      query: l.query,
      text:
        `COPY ${l.tableName} (${l.status})` +
        (l.rowsRejected > 0 ? `: ${l.rowsRejected.toLocaleString('en-US')} rows rejected` : ''),
      rejected: l.rowsRejected,
      waitedBy: [],
    });

  // Jobs that started late against their habit, and the feed that arrived just before.
  // One row per night and job, with the job rules applied as in the timeline and drift (jobNights.ts).
  const rows = readNightWithHistory(db, args.connectionId, args.night, settings).jobs;
  const jobs = new Set(rows.map((r) => r.label));
  const startOf = (us: number, night: string) => nightClockMinutes(us / 1000, night, settings.timeZone);
  const late = rows
    .filter((r) => r.night === args.night && jobs.has(r.label))
    .filter((r) => {
      const usual = medianOf(
        rows
          .filter((b) => b.label === r.label && b.night !== args.night)
          .map((b) => startOf(b.firstStartUs, b.night)),
      );
      return usual !== null && startOf(r.firstStartUs, r.night) - usual >= LATE_START_MINUTES;
    });
  const arrivals = new Map<string, { endUs: number; table: string }>();
  for (const l of loads) {
    const endUs = Date.parse(l.endTime) * 1000;
    const seen = arrivals.get(l.feedKey);
    if (!seen || endUs > seen.endUs) arrivals.set(l.feedKey, { endUs, table: l.tableName });
  }
  for (const [feed, a] of arrivals) {
    const waitedBy = late
      .filter((r) => r.firstStartUs >= a.endUs && r.firstStartUs - a.endUs <= AFTER_FEED_MINUTES * 60_000_000)
      .map((r) => r.label)
      .sort();
    if (waitedBy.length === 0) continue;
    marks.push({
      kind: 'feed',
      at: isoMillisFromMicros(a.endUs),
      label: null,
      query: null,
      text: `feed ${feed} arrived (${a.table}); ${waitedBy.join(', ')} started after it`,
      rejected: null,
      waitedBy,
    });
  }
  marks.sort((x, y) => x.at.localeCompare(y.at));
  return { night: args.night, marks };
}
