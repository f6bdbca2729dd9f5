// The incremental read of the smaller subjects (loads, alerts, rule actions): rows at or after a cursor
// time, oldest first, a page at a time. Each page is stored in one transaction with the advanced cursor.
// Reads are inclusive, so rows sharing the cursor time are read again (the upserts make that free);
// when a whole page shares one time, the page grows until it gets past it. Once caught up, every poll
// starts `overlapMs` before the newest time seen, for rows that appear late.
import type { JobContext, JobRunResult } from '../Job.ts';
import { Watermarks } from '../../store/history/Watermarks.ts';
import { microsFromTimestamp, timestampFromMicros } from '../../base/redshiftTime.ts';

export interface SinceCursor {
  maxUs: number;
  caughtUp: boolean;
}

export interface ReadSinceOptions<R> {
  /** Watermark key, e.g. 'loads:errors'. */
  key: string;
  /** The named query (queries/*.sql) that takes (since, limit) and returns rows oldest first. */
  query: string;
  overlapMs: number;
  pageSize: number;
  /** The row's cursor time, as the server returned it. */
  timeOf(row: R): string;
  /** Stores a page; runs inside the transaction that advances the cursor. */
  store(rows: R[]): void;
}

const MAX_PAGE = 1_000_000;
/** Pages one run reads at most; the scheduler runs the job again at once while `more` is set. */
const MAX_PAGES = 10;

export async function readSince<R extends object>(
  ctx: JobContext,
  o: ReadSinceOptions<R>,
): Promise<JobRunResult> {
  const watermarks = new Watermarks(ctx.db);
  const saved = watermarks.get<SinceCursor | null>(ctx.connectionId, o.key)?.value ?? null;
  let maxUs = saved?.maxUs ?? 0;
  let since =
    saved === null ? 0 : saved.caughtUp ? Math.max(0, saved.maxUs - o.overlapMs * 1000) : saved.maxUs;
  let limit = o.pageSize;
  let rowsRead = 0;
  let caughtUp = false;
  for (let page = 0; page < MAX_PAGES && !caughtUp; page++) {
    const rows = await ctx.redshift.query<R>(o.query, [timestampFromMicros(since), limit], {
      signal: ctx.signal,
    });
    ctx.signal.throwIfAborted();
    caughtUp = rows.length < limit;
    const last = rows.at(-1);
    const lastUs = last ? microsFromTimestamp(o.timeOf(last)) : since;
    if (!caughtUp && lastUs === since && limit < MAX_PAGE) {
      limit *= 4; // a full page of rows that all carry the cursor time: read more of them at once
      continue;
    }
    maxUs = Math.max(maxUs, lastUs);
    const cursor: SinceCursor = { maxUs, caughtUp };
    ctx.db.transaction(() => {
      if (rows.length > 0) o.store(rows);
      watermarks.set(ctx.connectionId, o.key, cursor, ctx.now().getTime() * 1000);
    })();
    rowsRead += rows.length;
    since = lastUs;
  }
  return caughtUp ? { rowsRead } : { rowsRead, more: true };
}

/** Runs several readers of one job and adds up what they read. */
export function combine(results: JobRunResult[]): JobRunResult {
  const rowsRead = results.reduce((n, r) => n + r.rowsRead, 0);
  return results.some((r) => r.more) ? { rowsRead, more: true } : { rowsRead };
}
