// A job's statements on one night (a timeline bar expanded): each with its queued and executing time,
// aborted, and the query monitoring rule that acted on it. One night of one label, read by the start
// index: the expansion of a bar, not a view over the history.
import type Database from 'better-sqlite3';
import type { BatchStatements, BatchStatementsArgs } from '../../../shared/model/batch.ts';
import { nightWindow } from '../base/batchNight.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { readNightWithHistory } from './readBatchNight.ts';

const PREVIEW_CHARS = 200;
/** A job's statements of one night; more is not a timeline anyone reads. */
const MAX_STATEMENTS = 2_000;

interface Row {
  query: number;
  label: string;
  start_us: number;
  end_us: number;
  queue_us: number;
  exec_us: number;
  aborted: number;
  qmr: string | null;
  queue_name: string | null;
  user_name: string | null;
  preview: string;
}

export function readBatchStatements(db: Database.Database, args: BatchStatementsArgs): BatchStatements {
  const settings = batchSettingsOrDefault(db, args.connectionId);
  const w = nightWindow(args.night, settings);
  // `label` is the job's name: the job rules say which labels, users and queues it takes (as on the
  // timeline, over the same nights); a name no job has that night is read as a plain label.
  const job = readNightWithHistory(db, args.connectionId, args.night, settings).jobs.find(
    (j) => j.night === args.night && j.label === args.label,
  );
  const sources = job?.sources ?? null;
  const labels = sources === null ? [args.label] : [...new Set(sources.map((x) => x.label))];
  const wanted = new Set(sources?.map((x) => `${x.label}\u0000${x.user}\u0000${x.queue}`) ?? []);
  const rows = db
    .prepare(
      `SELECT q.query, q.label, q.start_us, q.end_us, q.queue_us, q.exec_us, q.aborted, q.queue_name, q.user_name,
              substr(q.text, 1, ${PREVIEW_CHARS}) AS preview,
              (SELECT group_concat(DISTINCT r.action) FROM rule_actions r
               WHERE r.connection_id = q.connection_id AND r.query = q.query) AS qmr
       FROM queries q
       WHERE q.connection_id = ? AND q.start_us >= ? AND q.start_us < ?
         AND q.label IN (SELECT value FROM json_each(?))
       ORDER BY q.start_us, q.query LIMIT ${MAX_STATEMENTS}`,
    )
    .all(args.connectionId, w.fromMs * 1000, w.toMs * 1000, JSON.stringify(labels))
    .filter(
      (r) =>
        sources === null ||
        wanted.has(
          `${(r as Row).label}\u0000${(r as Row).user_name ?? ''}\u0000${(r as Row).queue_name ?? ''}`,
        ),
    ) as Row[];
  return {
    night: args.night,
    label: args.label,
    statements: rows.map((r) => ({
      query: r.query,
      startTime: new Date(r.start_us / 1000).toISOString(),
      endTime: new Date(r.end_us / 1000).toISOString(),
      queueMs: Math.round(r.queue_us / 1000),
      execMs: Math.round(r.exec_us / 1000),
      aborted: r.aborted === 1,
      qmrAction: r.qmr,
      queueName: r.queue_name,
      userName: r.user_name,
      textPreview: r.preview,
    })),
  };
}
