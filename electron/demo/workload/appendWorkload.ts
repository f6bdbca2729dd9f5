// Keeps a running double's history growing as its clock advances: generates only what finished in
// [from, to) with the same seed and `now` as the initial history (scenarios stay on their dates, days
// after `now` go on in the same style), writes it, and prunes what fell out of retention.
import type { ClientBase } from 'pg';
import { generateWorkloadWindow, type WorkloadOptions } from './generateWorkload.ts';
import { pruneWorkload } from './pruneWorkload.ts';
import { RELATION_NAMES, type RelationName } from './relations.ts';
import {
  atOnce,
  withDatabaseFacts,
  writeBatches,
  type WriteOptions,
  type WriteResult,
} from './writeWorkload.ts';

export interface AppendResult extends WriteResult {
  /** Rows deleted per relation by the retention prune (all zero without retentionDays). */
  pruned: Record<RelationName, number>;
}

/**
 * `options` must be the ones the history was generated with (same seed, same `now`); the window is
 * usually [previous `to`, current clock). Same seed + same window -> same rows (ids aside).
 */
export async function appendWorkload(
  client: ClientBase,
  options: WorkloadOptions,
  window: { from: Date; to: Date },
  write: WriteOptions = {},
): Promise<AppendResult> {
  const alone = write.alone ?? atOnce;
  const resolved = await alone(() => withDatabaseFacts(client, options));
  const result = await writeBatches(client, generateWorkloadWindow(resolved, window.from, window.to), write);
  const retentionDays = options.retentionDays;
  const pruned =
    retentionDays === undefined
      ? (Object.fromEntries(RELATION_NAMES.map((r) => [r, 0])) as Record<RelationName, number>)
      : await alone(() => pruneWorkload(client, new Date(window.to.getTime() - retentionDays * 86_400_000)));
  return { ...result, pruned };
}
