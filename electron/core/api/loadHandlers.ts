// loads.*: COPY loads, their rejected rows and the feeds' delivery ledger, read from the store
// (electron/core/loads); the user's edits of a feed (name, mute, thresholds, merges), audited like
// the other settings.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { FeedSettings } from '../../../shared/model/load.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { ApiError } from '../base/ApiError.ts';
import type { ImpactArgs } from '../../../shared/model/impact.ts';
import { impactExport } from '../loads/impactExport.ts';
import { addJobsBeforeArrival } from '../loads/jobsBeforeArrival.ts';
import { readImpact } from '../loads/readImpact.ts';
import { batchJobsOf } from './batchJobsOf.ts';
import { readDeliveryLedger } from '../loads/readDeliveryLedger.ts';
import { readFormatDrift } from '../loads/readFormatDrift.ts';
import { readLoadDetail } from '../loads/readLoadDetail.ts';
import { readLoadErrors } from '../loads/readLoadErrors.ts';
import { readLoads } from '../loads/readLoads.ts';
import {
  feedSettingsOf,
  readFeedRows,
  rootsOf,
  writeFeedEdits,
  type FeedDbRow,
} from '../store/loads/FeedStore.ts';
import type { ApiHandlers } from './dispatch.ts';

type LoadMethods =
  | 'loads.errors'
  | 'loads.list'
  | 'loads.get'
  | 'loads.ledger'
  | 'loads.drift'
  | 'loads.setFeed'
  | 'loads.mergeFeeds'
  | 'loads.impact'
  | 'loads.impactExport';

function feedOf(rows: readonly FeedDbRow[], feedKey: string): FeedDbRow {
  const row = rows.find((r) => r.feed_key === feedKey);
  if (!row) throw new ApiError('not_found', `feedKey: no feed "${feedKey}" was learned on this connection.`);
  return row;
}

export function loadHandlers(deps: {
  db: Database.Database;
  audit: AuditLog;
}): Pick<ApiHandlers, LoadMethods> {
  const { db, audit } = deps;
  const record = (
    action: 'loads.setFeed' | 'loads.mergeFeeds',
    connectionId: string,
    params: object,
    before: FeedSettings,
    after: FeedSettings,
  ) =>
    audit.append({
      requestId: randomUUID(),
      action,
      outcome: 'ok',
      connectionId,
      params,
      before: JSON.stringify(before),
      after: JSON.stringify(after),
    });
  const editsOf = (row: FeedDbRow) => ({
    name: row.name,
    muted: row.muted === 1,
    oversizedAt: row.oversized_factor,
    undersizedAt: row.undersized_factor,
    mergedInto: row.merged_into,
  });

  const impact = (args: ImpactArgs) => {
    const now = new Date();
    // Jobs over the nights the walk can reach: 120 days back covers the longest retention shown.
    const jobs = batchJobsOf(
      db,
      args.connectionId,
      new Date(now.getTime() - 120 * 86_400_000).toISOString(),
      args.until ?? now.toISOString(),
    );
    return readImpact(db, args, jobs, now);
  };

  return {
    'loads.errors': async (args) => readLoadErrors(db, args),
    'loads.list': async (args) => readLoads(db, args),
    'loads.get': async (args) => readLoadDetail(db, args),
    'loads.ledger': async (args) =>
      addJobsBeforeArrival(
        db,
        args,
        readDeliveryLedger(db, args, new Date()),
        batchJobsOf(db, args.connectionId, args.from, args.to),
      ),
    'loads.impact': async (args) => impact(args),
    'loads.impactExport': async ({ format, ...args }) => impactExport(impact(args), format),
    'loads.drift': async (args) => readFormatDrift(db, args),

    'loads.setFeed': async ({ connectionId, feedKey, ...wanted }) => {
      const rows = readFeedRows(db, connectionId);
      const row = feedOf(rows, feedKey);
      const before = feedSettingsOf(row, rows);
      const edits = editsOf(row);
      if (wanted.name !== undefined) edits.name = wanted.name;
      if (wanted.muted !== undefined) edits.muted = wanted.muted;
      if (wanted.oversizedAt !== undefined) edits.oversizedAt = wanted.oversizedAt;
      if (wanted.undersizedAt !== undefined) edits.undersizedAt = wanted.undersizedAt;
      writeFeedEdits(db, row.feed_id, edits);
      const after = feedSettingsOf(feedOf(readFeedRows(db, connectionId), feedKey), rows);
      record('loads.setFeed', connectionId, { feedKey, ...wanted }, before, after);
      return after;
    },

    'loads.mergeFeeds': async ({ connectionId, feedKey, into }) => {
      const rows = readFeedRows(db, connectionId);
      const row = feedOf(rows, feedKey);
      const before = feedSettingsOf(row, rows);
      let target: FeedDbRow | null = null;
      if (into !== null) {
        // Into the feed the target itself counts as, so merges never chain or loop.
        target = rootsOf(rows).get(feedOf(rows, into).feed_id)!;
        if (target.feed_id === row.feed_id)
          throw new ApiError(
            'invalid_args',
            `into: "${into}" is already merged into "${feedKey}"; merging back would make a loop.`,
          );
      }
      db.transaction(() => {
        writeFeedEdits(db, row.feed_id, { ...editsOf(row), mergedInto: target?.feed_id ?? null });
        // Feeds merged into this one follow it.
        if (target !== null)
          db.prepare('UPDATE feeds SET merged_into = ? WHERE connection_id = ? AND merged_into = ?').run(
            target.feed_id,
            connectionId,
            row.feed_id,
          );
      })();
      const now = readFeedRows(db, connectionId);
      const after = feedSettingsOf(feedOf(now, feedKey), now);
      record('loads.mergeFeeds', connectionId, { feedKey, into }, before, after);
      return after;
    },
  };
}
