// The seeded workload generator: pure, deterministic, no database. (options) -> batches of typed rows
// per Redshift relation, one batch per simulated day plus a final SVV_TABLE_INFO snapshot. Same seed +
// same now (truncated to the minute) -> the same rows; the writer (writeWorkload.ts) inserts them.
//
// What the history contains, and when, is the manifest in scenarios.ts.
import { DEMO_WLM_CONFIGURATION } from '../defaultWlmConfiguration.ts';
import { simulateDay, type WorkloadScale } from './day.ts';
import { emitDay } from './emitRows.ts';
import { PLACEHOLDER_USER_IDS, readWlm, type QmrRule, type QueueInfo, type UserIds } from './jobs.ts';
import { emptyRelationRows, type RelationRows } from './relations.ts';
import { DEFAULT_NIGHTS } from './scenarios.ts';
import { tableInfoSnapshot } from './tableInfo.ts';
import {
  dayNumberOf,
  isoDate,
  microsFromDate,
  startOfDay,
  truncateToMinute,
  US_PER_DAY,
  type Micros,
} from './time.ts';

export interface WorkloadOptions {
  seed: number;
  /** Nights of history ending at `now` (default 75). */
  nights?: number;
  scale: WorkloadScale;
  /** End of the history; truncated to the minute. Scenarios are dated relative to it. */
  now: Date;
  /** Keep only the last N days of STL/SVL/SYS rows, like Redshift's retention (REFERENCE 1.1). */
  retentionDays?: number;
  /** pg_user.usesysid of the workload's users (the writer looks them up; placeholders otherwise). */
  userIds?: UserIds;
  /** Database name for `database` columns (default 'dev'; the writer uses current_database()). */
  database?: string;
  /** WLM configuration array (queue names, slots, QMR rules); default the demo configuration. */
  wlmConfiguration?: readonly unknown[];
}

export interface WorkloadBatch {
  /** 'day': statements of one simulated day; 'snapshot': SVV_TABLE_INFO as of the window's end. */
  kind: 'day' | 'snapshot';
  /** The simulated day ('YYYY-MM-DD') or, for the snapshot, the day of the window's end. */
  day: string;
  /** Local query ids 1..queryIds appear in query / query_id / task columns (0 = none). */
  queryIds: number;
  /** Local transaction ids 1..xids appear in xid / transaction_id columns (0 = none). */
  xids: number;
  rows: RelationRows;
}

export interface ResolvedOptions {
  seed: number;
  nights: number;
  scale: WorkloadScale;
  now: Date;
  anchorDay: number;
  retentionDays: number | null;
  userIds: UserIds;
  database: string;
  queues: Map<number, QueueInfo>;
  rules: QmrRule[];
}

export function resolveOptions(options: WorkloadOptions): ResolvedOptions {
  const nights = options.nights ?? DEFAULT_NIGHTS;
  if (!Number.isInteger(nights) || nights < 1) throw new RangeError('nights must be a positive integer');
  if (options.retentionDays !== undefined && !(options.retentionDays > 0)) {
    throw new RangeError('retentionDays must be positive');
  }
  const now = truncateToMinute(options.now);
  const { queues, rules } = readWlm(options.wlmConfiguration ?? DEMO_WLM_CONFIGURATION);
  return {
    seed: options.seed,
    nights,
    scale: options.scale,
    now,
    anchorDay: dayNumberOf(microsFromDate(now)),
    retentionDays: options.retentionDays ?? null,
    userIds: options.userIds ?? PLACEHOLDER_USER_IDS,
    database: options.database ?? 'dev',
    queues,
    rules,
  };
}

/** The time span the full history covers: midnight of the first night up to `now`. */
export function historyWindow(options: WorkloadOptions): { from: Date; to: Date } {
  const o = resolveOptions(options);
  return { from: new Date(startOfDay(o.anchorDay - o.nights + 1) / 1000), to: o.now };
}

/** In which order the days of a window are yielded (the rows of each day are the same either way). */
export type DayOrder = 'oldest-first' | 'newest-first';

/**
 * The whole history: `nights` nights ending at `now`. Newest first lets a first start show the last
 * nights while the older ones are still being written (issue #14); every day's rows depend only on the
 * seed, `now` and the day, so the order changes nothing but the ids drawn at write time.
 */
export function generateWorkload(
  options: WorkloadOptions,
  order: DayOrder = 'oldest-first',
): Generator<WorkloadBatch> {
  const { from, to } = historyWindow(options);
  return generateWorkloadWindow(options, from, to, order);
}

/**
 * Only what finished in [from, to) (a statement belongs to the window its transaction ended in; a
 * session to the window it ended in). Windows may lie after `now`: the days go on with the same seed,
 * so consecutive windows add up to the same rows as one window over their union (ids aside).
 * Retention is counted back from `to`. Always ends with an SVV_TABLE_INFO snapshot as of `to`.
 */
export function* generateWorkloadWindow(
  options: WorkloadOptions,
  from: Date,
  to: Date,
  order: DayOrder = 'oldest-first',
): Generator<WorkloadBatch> {
  const o = resolveOptions(options);
  const fromUs = microsFromDate(from);
  const toUs = microsFromDate(to);
  if (!(toUs > fromUs)) throw new RangeError('window must have from < to');
  const cutoff: Micros | null = o.retentionDays === null ? null : toUs - o.retentionDays * US_PER_DAY;
  // Statements of day d end by the next midnight plus a few hours (timed-out sessions: +1 h).
  const firstDay = dayNumberOf(Math.max(fromUs, cutoff ?? fromUs)) - 1;
  const lastDay = dayNumberOf(toUs - 1);
  const days = lastDay - firstDay + 1;
  for (let i = 0; i < days; i++) {
    const day = order === 'oldest-first' ? firstDay + i : lastDay - i;
    const simulated = simulateDay({
      seed: o.seed,
      dayNumber: day,
      anchorDay: o.anchorDay,
      scale: o.scale,
      queues: o.queues,
      rules: o.rules,
    });
    const emitted = emitDay(simulated, {
      seed: o.seed,
      userIds: o.userIds,
      database: o.database,
      queues: o.queues,
      from: fromUs,
      to: toUs,
      cutoff,
    });
    if (emitted !== null) yield { kind: 'day', day: simulated.date, ...emitted };
  }
  const rows = emptyRelationRows();
  rows.svv_table_info = tableInfoSnapshot(o.seed, o.anchorDay, toUs, o.database);
  yield { kind: 'snapshot', day: isoDate(dayNumberOf(toUs - 1)), queryIds: 0, xids: 0, rows };
}
