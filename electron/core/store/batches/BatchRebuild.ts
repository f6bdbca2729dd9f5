// The stepwise rebuild of a connection's batch rollups (issue #10): after the night window or time
// zone changed, every stored statement may belong to another night. Recutting 400 nights of millions
// of statements in one transaction blocks the core for a minute, so the rebuild is a row in
// batch_rebuilds and proceeds a slice of nights at a time, newest first (last night and the recent
// drift come back first), while the views say how far it got. Each slice recomputes whole nights in
// one transaction, so ingest between slices never double counts: a night not rebuilt yet is recut
// from `queries` (which holds what ingest added) when its turn comes.
import type Database from 'better-sqlite3';
import { nightOf, type NightSpec } from '../../base/batchNight.ts';
import { addDays } from '../../base/zonedTime.ts';
import { rebuildNight } from './BatchRollups.ts';
import { batchSettingsOrDefault } from './BatchSettingsStore.ts';

export interface RebuildProgress {
  connectionId: string;
  done: number;
  total: number;
  finished: boolean;
}

interface Row {
  first_night: string | null;
  next_night: string | null;
  total: number;
  done: number;
}

/**
 * Drops a connection's rollups and plans their rebuild with `spec` (call in the transaction that
 * changes the settings). Nothing stored: nothing to plan.
 */
export function startRebuild(
  db: Database.Database,
  connectionId: string,
  spec: NightSpec,
  reason: string,
): void {
  db.prepare('DELETE FROM batch_label_nights WHERE connection_id = ?').run(connectionId);
  const range = db
    .prepare('SELECT min(start_us) AS lo, max(start_us) AS hi FROM queries WHERE connection_id = ?')
    .get(connectionId) as { lo: number | null; hi: number | null };
  if (range.lo === null || range.hi === null) {
    db.prepare('DELETE FROM batch_rebuilds WHERE connection_id = ?').run(connectionId);
    return;
  }
  const dayOf = (us: number) => new Date(us / 1000).toISOString().slice(0, 10);
  // A statement's night is within a day of its UTC date whatever the zone and window.
  const first = addDays(nightOf(range.lo / 1000, spec) ?? dayOf(range.lo), -1);
  const last = addDays(nightOf(range.hi / 1000, spec) ?? dayOf(range.hi), 1);
  const total = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
  db.prepare(
    `INSERT INTO batch_rebuilds (connection_id, first_night, next_night, total, done, reason, started_at)
     VALUES (?, ?, ?, ?, 0, ?, ?)
     ON CONFLICT (connection_id) DO UPDATE SET first_night = excluded.first_night,
       next_night = excluded.next_night, total = excluded.total, done = 0, reason = excluded.reason,
       started_at = excluded.started_at`,
  ).run(connectionId, first, last, total, reason, new Date().toISOString());
}

/** Connections with a rebuild to do. */
export function pendingRebuilds(db: Database.Database): string[] {
  return (
    db.prepare('SELECT connection_id AS id FROM batch_rebuilds ORDER BY id').all() as { id: string }[]
  ).map((r) => r.id);
}

/** How far a connection's rebuild got; null when none is running. */
export function rebuildProgress(
  db: Database.Database,
  connectionId: string,
): { done: number; total: number } | null {
  const row = db
    .prepare('SELECT done, total, next_night FROM batch_rebuilds WHERE connection_id = ?')
    .get(connectionId) as { done: number; total: number; next_night: string | null } | undefined;
  if (!row) return null;
  // Planned by the migration, not started: the whole range is to do.
  return row.next_night === null ? { done: 0, total: Math.max(row.total, 1) } : row;
}

/**
 * Rebuilds nights of a connection until `budgetMs` has passed (at least one night), in one
 * transaction; returns the progress. The caller yields between slices.
 */
export function rebuildSlice(db: Database.Database, connectionId: string, budgetMs: number): RebuildProgress {
  return db.transaction((): RebuildProgress => {
    let row = db
      .prepare('SELECT first_night, next_night, total, done FROM batch_rebuilds WHERE connection_id = ?')
      .get(connectionId) as Row | undefined;
    const spec = batchSettingsOrDefault(db, connectionId);
    if (row && row.next_night === null) {
      startRebuild(db, connectionId, spec, 'planned');
      row = db
        .prepare('SELECT first_night, next_night, total, done FROM batch_rebuilds WHERE connection_id = ?')
        .get(connectionId) as Row | undefined;
    }
    if (!row || row.next_night === null || row.first_night === null)
      return { connectionId, done: 0, total: 0, finished: true };
    const t0 = performance.now();
    let night = row.next_night;
    let done = row.done;
    do {
      rebuildNight(db, connectionId, night, spec);
      night = addDays(night, -1);
      done++;
    } while (night >= row.first_night && performance.now() - t0 < budgetMs);
    if (night < row.first_night) {
      db.prepare('DELETE FROM batch_rebuilds WHERE connection_id = ?').run(connectionId);
      return { connectionId, done: row.total, total: row.total, finished: true };
    }
    db.prepare('UPDATE batch_rebuilds SET next_night = ?, done = ? WHERE connection_id = ?').run(
      night,
      done,
      connectionId,
    );
    return { connectionId, done, total: row.total, finished: false };
  })();
}
