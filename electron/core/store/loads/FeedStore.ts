// The feeds learned from COPY history and the user's edits of them (table feeds,
// migrations/0014_feeds.sql): a name, a merge into another feed, muted, size thresholds.
import type Database from 'better-sqlite3';
import type { FeedSettings } from '../../../../shared/model/load.ts';

/** Defaults of the issue: oversized at >= 3x the 28-night median rows, undersized at <= 1/3 of it. */
export const DEFAULT_OVERSIZED_AT = 3;
export const DEFAULT_UNDERSIZED_AT = 1 / 3;

export interface FeedDbRow {
  feed_id: number;
  feed_key: string;
  table_name: string;
  source_prefix: string;
  first_day: number;
  file_pattern: string | null;
  previous_pattern: string | null;
  pattern_since_us: number | null;
  name: string | null;
  merged_into: number | null;
  muted: number;
  oversized_factor: number | null;
  undersized_factor: number | null;
}

export function readFeedRows(db: Database.Database, connectionId: string): FeedDbRow[] {
  return db
    .prepare(
      `SELECT feed_id, feed_key, table_name, source_prefix, first_day, file_pattern, previous_pattern,
         pattern_since_us, name, merged_into, muted, oversized_factor, undersized_factor
       FROM feeds WHERE connection_id = ? ORDER BY feed_id`,
    )
    .all(connectionId) as FeedDbRow[];
}

/** Each feed's root: itself, or the feed its merges lead to (a loop, which writes refuse, stops). */
export function rootsOf(rows: readonly FeedDbRow[]): Map<number, FeedDbRow> {
  const byId = new Map(rows.map((r) => [r.feed_id, r]));
  const roots = new Map<number, FeedDbRow>();
  for (const r of rows) {
    let at = r;
    const seen = new Set<number>([at.feed_id]);
    while (at.merged_into !== null) {
      const next = byId.get(at.merged_into);
      if (!next || seen.has(next.feed_id)) break;
      seen.add(next.feed_id);
      at = next;
    }
    roots.set(r.feed_id, at);
  }
  return roots;
}

export function feedSettingsOf(row: FeedDbRow, rows: readonly FeedDbRow[]): FeedSettings {
  const into = row.merged_into === null ? undefined : rows.find((r) => r.feed_id === row.merged_into);
  return {
    feedKey: row.feed_key,
    tableName: row.table_name,
    name: row.name,
    mergedInto: into?.feed_key ?? null,
    muted: row.muted === 1,
    oversizedAt: row.oversized_factor ?? DEFAULT_OVERSIZED_AT,
    undersizedAt: row.undersized_factor ?? DEFAULT_UNDERSIZED_AT,
  };
}

export function writeFeedEdits(
  db: Database.Database,
  feedId: number,
  edits: {
    name: string | null;
    muted: boolean;
    oversizedAt: number | null;
    undersizedAt: number | null;
    mergedInto: number | null;
  },
): void {
  db.prepare(
    `UPDATE feeds SET name = ?, muted = ?, oversized_factor = ?, undersized_factor = ?, merged_into = ?
     WHERE feed_id = ?`,
  ).run(edits.name, edits.muted ? 1 : 0, edits.oversizedAt, edits.undersizedAt, edits.mergedInto, feedId);
}
