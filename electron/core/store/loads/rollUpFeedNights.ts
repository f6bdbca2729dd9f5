// Per feed per night (UTC day) what its COPYs delivered (feed_nights, migrations/0014_feeds.sql), and
// the feeds themselves (feeds): written whenever COPYs are summarized, from the first night those
// COPYs touch onwards, so the delivery ledger reads one row of integers per feed and night instead
// of every COPY with its strings. A feed's file name pattern is followed here too: the first COPY
// whose files are named differently is remembered with the pattern before it.
import type Database from 'better-sqlite3';

const DAY_US = 86_400_000_000;

interface CopyRow {
  feed_key: string;
  table_name: string;
  source_prefix: string;
  start_us: number;
  files: number | null;
  rows: number | null;
  bytes: number | null;
  rows_rejected: number;
  maxerror: number | null;
  status: string;
  file_pattern: string | null;
}

interface FeedRow {
  feed_id: number;
  last?: CopyRow;
  firstDay?: number;
  file_pattern: string | null;
  previous_pattern: string | null;
  pattern_since_us: number | null;
}

/** What a feed's COPYs of one night delivered (a feed_nights row). */
export interface NightSum {
  feedId: number;
  dayUs: number;
  firstUs: number;
  loads: number;
  files: number;
  rows: number;
  bytes: number;
  rejected: number;
  maxerrorUsed: number;
  failed: number;
  partial: number;
}

/** Share of MAXERROR a COPY used; -1 (unbounded) when it had none and still rejected rows. */
export const maxerrorShare = (rejected: number, maxerror: number | null): number =>
  rejected === 0 ? 0 : maxerror ? rejected / maxerror : -1;

/** Rebuilds one connection's feed nights from the night of `fromUs` onwards; learns new feeds. */
export function rollUpFeedNights(db: Database.Database, connectionId: string, fromUs: number): void {
  const dayStartUs = Math.floor(fromUs / DAY_US) * DAY_US;
  const copies = db
    .prepare(
      `SELECT feed_key, table_name, source_prefix, start_us, files, coalesce(lines_scanned, rows_loaded) AS rows,
         bytes, rows_rejected, maxerror, status, file_pattern
       FROM copy_loads WHERE connection_id = ? AND start_us >= ? ORDER BY start_us`,
    )
    .all(connectionId, dayStartUs) as CopyRow[];
  const findFeed = db.prepare(
    `SELECT feed_id, file_pattern, previous_pattern, pattern_since_us FROM feeds
     WHERE connection_id = ? AND feed_key = ?`,
  );
  const addFeed = db.prepare(
    `INSERT INTO feeds (connection_id, feed_key, table_name, source_prefix, first_day, file_pattern)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING feed_id, file_pattern, previous_pattern, pattern_since_us`,
  );
  const updateFeed = db.prepare(
    `UPDATE feeds SET table_name = ?, source_prefix = ?, first_day = min(first_day, ?), file_pattern = ?,
       previous_pattern = ?, pattern_since_us = ? WHERE feed_id = ?`,
  );
  const feeds = new Map<string, FeedRow>();
  const sums = new Map<string, NightSum>();
  for (const c of copies) {
    const day = Math.floor(c.start_us / DAY_US);
    let feed = feeds.get(c.feed_key);
    if (!feed) {
      feed =
        (findFeed.get(connectionId, c.feed_key) as FeedRow | undefined) ??
        (addFeed.get(
          connectionId,
          c.feed_key,
          c.table_name,
          c.source_prefix,
          day,
          c.file_pattern,
        ) as FeedRow);
      feeds.set(c.feed_key, feed);
    }
    if (c.file_pattern !== null && c.file_pattern !== feed.file_pattern) {
      if (feed.file_pattern !== null) {
        feed.previous_pattern = feed.file_pattern;
        feed.pattern_since_us = c.start_us;
      }
      feed.file_pattern = c.file_pattern;
    }
    feed.last = c;
    feed.firstDay ??= day;
    const key = `${feed.feed_id}:${day}`;
    let n = sums.get(key);
    if (!n) {
      n = {
        feedId: feed.feed_id,
        dayUs: day * DAY_US,
        firstUs: c.start_us,
        loads: 0,
        files: 0,
        rows: 0,
        bytes: 0,
        rejected: 0,
        maxerrorUsed: 0,
        failed: 0,
        partial: 0,
      };
      sums.set(key, n);
    }
    const aborted = c.status === 'aborted';
    n.loads++;
    n.files += c.files ?? 0;
    n.rows += aborted ? 0 : (c.rows ?? 0);
    n.bytes += c.bytes ?? 0;
    n.rejected += c.rows_rejected;
    const used = maxerrorShare(c.rows_rejected, c.maxerror);
    n.maxerrorUsed = n.maxerrorUsed < 0 || used < 0 ? -1 : Math.max(n.maxerrorUsed, used);
    if (aborted) n.failed = 1;
    if (c.status === 'partial') n.partial = 1;
  }
  for (const f of feeds.values())
    updateFeed.run(
      f.last!.table_name,
      f.last!.source_prefix,
      f.firstDay!,
      f.file_pattern,
      f.previous_pattern,
      f.pattern_since_us,
      f.feed_id,
    );
  db.prepare('DELETE FROM feed_nights WHERE connection_id = ? AND day_us >= ?').run(connectionId, dayStartUs);
  const insert = db.prepare(
    `INSERT INTO feed_nights (connection_id, feed_id, day_us, first_us, loads, files, rows, bytes, rejected,
       maxerror_used, failed, partial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const n of sums.values())
    insert.run(
      connectionId,
      n.feedId,
      n.dayUs,
      n.firstUs,
      n.loads,
      n.files,
      n.rows,
      n.bytes,
      n.rejected,
      n.maxerrorUsed,
      n.failed,
      n.partial,
    );
}
