// query_history: finished statements, incrementally (DESIGN.md §3; queries/query_history.sql).
//
// Cursor = (endtime, query) of the last row stored. Pages are read oldest first after the cursor; each
// page is stored in one transaction together with the advanced cursor, so a crash between pages
// loses nothing and duplicates nothing. The first runs on a connection read everything the cluster
// still holds (backfill, reporting progress); once a page comes back short the job has caught up, and
// from then on every poll starts `overlapMs` before the cursor to pick up rows that appeared late.
import type Database from 'better-sqlite3';
import type { BackfillProgress } from '../../../../shared/model/collector.ts';
import type { JobDefinition, JobContext, JobRunResult } from '../Job.ts';
import { systemTableJob } from './systemTableJob.ts';
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import { MONITOR_QUERY_GROUP } from '../../redshift/createRedshiftSession.ts';
import { QueryStore } from '../../store/history/QueryStore.ts';
import { Watermarks } from '../../store/history/Watermarks.ts';
import { BatchRollups } from '../../store/batches/BatchRollups.ts';
import { ensureBatchSettings } from '../../store/batches/ensureBatchSettings.ts';
import { microsFromTimestamp, timestampFromMicros } from '../../base/redshiftTime.ts';
import { groupPieces, toQueryRecord, type HistoryRow, type PieceRow } from './queryHistoryRecords.ts';

export const QUERY_HISTORY_JOB = 'query_history';

export interface HistoryCursor {
  endUs: number;
  query: number;
  /** The last page read was short: the next poll starts overlapMs back instead of at the cursor. */
  caughtUp: boolean;
  /** Rows read since the backfill began (progress reporting). */
  backfillRead: number;
  /**
   * When the history last caught up after reading from the start (a first start, a rewind): what was
   * judged on the history before then was judged on part of it (historyCaughtUpSince). Absent in
   * cursors saved before it existed.
   */
  caughtUpSinceUs?: number;
}

/**
 * When the connection's stored query history last caught up with the cluster, or null while it has not:
 * before the first run, during a backfill, and after a rewind (older history appeared, as the demo writes
 * it newest night first), while statements of any age are still arriving. A verdict on the whole history
 * judged before this moment was judged on part of it (cachedRule.ts).
 */
export function historyCaughtUpSince(db: Database.Database, connectionId: string): number | null {
  const cursor = new Watermarks(db).get<HistoryCursor | null>(connectionId, QUERY_HISTORY_JOB)?.value;
  return cursor?.caughtUp ? (cursor.caughtUpSinceUs ?? 0) : null;
}

const SOURCES = {
  stl: { page: 'query_history_page', text: 'query_history_text', remaining: 'query_history_remaining' },
  sys: {
    page: 'sys_query_history_page',
    text: 'sys_query_history_text',
    remaining: 'sys_query_history_remaining',
  },
} as const;

export function createQueryHistoryJob(settings: CollectorSettings): JobDefinition {
  return systemTableJob(QUERY_HISTORY_JOB, settings, (ctx) => runQueryHistory(ctx, settings));
}

async function runQueryHistory(ctx: JobContext, settings: CollectorSettings): Promise<JobRunResult> {
  const source = ctx.capabilities.includes('provisioned') ? 'stl' : 'sys';
  const sql = SOURCES[source];
  const watermarks = new Watermarks(ctx.db);
  const store = new QueryStore(ctx.db);
  // The batch rollups are written with the statements they count (issue #10).
  const rollups = new BatchRollups(ctx.db, ctx.connectionId, ensureBatchSettings(ctx.db, ctx.connectionId));
  const saved = watermarks.get<HistoryCursor | null>(ctx.connectionId, QUERY_HISTORY_JOB)?.value ?? null;
  const backfilling = saved === null || !saved.caughtUp;
  let cursor: HistoryCursor = saved ?? { endUs: 0, query: -1, caughtUp: false, backfillRead: 0 };
  // Where this run starts reading: exactly after the cursor while paging through a backfill, otherwise
  // overlapMs before it.
  let lower = backfilling
    ? { endUs: cursor.endUs, query: cursor.query }
    : { endUs: Math.max(0, cursor.endUs - settings.overlapMs * 1000), query: -1 };

  let remaining: number | null = null;
  if (backfilling) {
    const counted = await ctx.redshift.query<{ remaining: number | string }>(
      sql.remaining,
      [timestampFromMicros(lower.endUs), lower.query, MONITOR_QUERY_GROUP],
      { signal: ctx.signal },
    );
    remaining = Number(counted[0]?.remaining ?? 0);
  }

  let rowsRead = 0;
  let caughtUp = false;
  for (let page = 0; page < settings.historyPagesPerRun && !caughtUp; page++) {
    const rows = await ctx.redshift.query<HistoryRow>(
      sql.page,
      [timestampFromMicros(lower.endUs), lower.query, MONITOR_QUERY_GROUP, settings.historyPageSize],
      { signal: ctx.signal },
    );
    caughtUp = rows.length < settings.historyPageSize;
    const last = rows.at(-1);
    if (!last) {
      cursor = { ...cursor, caughtUp: true, backfillRead: 0, caughtUpSinceUs: caughtUpSince(ctx, saved) };
      ctx.db.transaction(() => watermarks.set(ctx.connectionId, QUERY_HISTORY_JOB, cursor, nowUs(ctx)))();
      break;
    }
    let minQuery = Number.POSITIVE_INFINITY;
    let maxQuery = Number.NEGATIVE_INFINITY;
    for (const r of rows) {
      const q = Number(r.query);
      if (q < minQuery) minQuery = q;
      if (q > maxQuery) maxQuery = q;
    }
    const pieces = await ctx.redshift.query<PieceRow>(
      sql.text,
      [timestampFromMicros(lower.endUs), lower.query, last.endtime, Number(last.query), minQuery, maxQuery],
      { signal: ctx.signal },
    );
    ctx.signal.throwIfAborted();
    const byQuery = groupPieces(pieces);
    const records = rows.map((r) => toQueryRecord(ctx.connectionId, r, byQuery.get(Number(r.query)), source));
    const lastEndUs = microsFromTimestamp(last.endtime);
    rowsRead += rows.length;
    cursor = {
      // Never move the cursor back: the overlap re-reads rows before it.
      endUs: Math.max(cursor.endUs, lastEndUs),
      query: lastEndUs >= cursor.endUs ? Number(last.query) : cursor.query,
      caughtUp,
      backfillRead: caughtUp ? 0 : cursor.backfillRead + rows.length,
      ...(caughtUp ? { caughtUpSinceUs: caughtUpSince(ctx, saved) } : {}),
    };
    const next = cursor;
    ctx.db.transaction(() => {
      store.upsert(records, (r) => rollups.add(r));
      rollups.flush();
      watermarks.set(ctx.connectionId, QUERY_HISTORY_JOB, next, nowUs(ctx));
    })();
    lower = { endUs: lastEndUs, query: Number(last.query) };
    if (backfilling && !caughtUp) ctx.progress?.(backfillProgress(saved, rowsRead, remaining, false));
  }

  // Also after a restart on a caught-up store: the status then says the history is caught up, or how
  // far reading the gap since the last run is (what is left of it is not counted) (#14).
  const result: JobRunResult = {
    rowsRead,
    backfill: backfillProgress(saved, rowsRead, backfilling ? remaining : caughtUp ? 0 : null, caughtUp),
  };
  if (!caughtUp) result.more = true;
  return result;
}

const nowUs = (ctx: JobContext) => ctx.now().getTime() * 1000;

/** Kept while the history stays caught up; now when this run caught up after reading from the start. */
const caughtUpSince = (ctx: JobContext, saved: HistoryCursor | null): number =>
  saved?.caughtUp ? (saved.caughtUpSinceUs ?? 0) : nowUs(ctx);

/** Rows read since the backfill began, and what the count taken at this run's start says is left. */
function backfillProgress(
  saved: HistoryCursor | null,
  rowsRead: number,
  remaining: number | null,
  done: boolean,
): BackfillProgress {
  return {
    rowsRead: (saved?.backfillRead ?? 0) + rowsRead,
    remaining: remaining === null ? null : Math.max(0, remaining - rowsRead),
    done,
  };
}
