// queries.steps: a query's executed steps. Served from query_steps once read; otherwise read from the
// cluster (SVL_QUERY_SUMMARY on provisioned clusters, REFERENCE 1.18; SYS_QUERY_DETAIL's step level on
// Serverless, 1.24), kept in the store (the cluster forgets them after about 7 days) and returned.
import type Database from 'better-sqlite3';
import type { QueryStep, QuerySteps, QueryStepsArgs } from '../../../shared/model/query.ts';
import { ApiError } from '../base/ApiError.ts';
import { describeError } from '../base/describeError.ts';
import { microsFromIso } from '../base/redshiftTime.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';

interface StepDbRow {
  stm: number;
  seg: number;
  step: number;
  label: string;
  rows: number;
  bytes: number;
  maxtime_us: number;
  avgtime_us: number;
  is_diskbased: number;
}

interface ClusterStepRow {
  stm: number;
  seg: number;
  step: number;
  label: string | null;
  rows: number | string | null;
  bytes: number | string | null;
  maxtime: number | string | null;
  avgtime: number | string | null;
  is_diskbased: string | null;
}

const toStep = (r: StepDbRow): QueryStep => ({
  stm: r.stm,
  segment: r.seg,
  step: r.step,
  label: r.label,
  rows: r.rows,
  bytes: r.bytes,
  maxTimeMs: r.maxtime_us / 1000,
  avgTimeMs: r.avgtime_us / 1000,
  isDiskBased: r.is_diskbased === 1,
});

export function storedSteps(
  db: Database.Database,
  connectionId: string,
  query: number,
  startUs: number,
): QueryStep[] {
  return (
    db
      .prepare(
        `SELECT stm, seg, step, label, rows, bytes, maxtime_us, avgtime_us, is_diskbased FROM query_steps
         WHERE connection_id = ? AND query = ? AND start_us = ? ORDER BY stm, seg, step`,
      )
      .all(connectionId, query, startUs) as StepDbRow[]
  ).map(toStep);
}

export async function readQuerySteps(
  db: Database.Database,
  access: ClusterAccess,
  args: QueryStepsArgs,
): Promise<QuerySteps> {
  const startUs = microsFromIso(args.startTime);
  const kept = storedSteps(db, args.connectionId, args.query, startUs);
  if (kept.length > 0) return { available: true, reason: null, steps: kept };
  const missing = (reason: string): QuerySteps => ({ available: false, reason, steps: [] });
  let rows: ClusterStepRow[];
  try {
    rows = await access.withSession(args.connectionId, (session) =>
      session.query<ClusterStepRow>(
        session.capabilities.includes('provisioned') ? 'query_steps' : 'sys_query_steps',
        [args.query],
      ),
    );
  } catch (error) {
    if (error instanceof ApiError) throw error;
    return missing(`The steps are not stored and the cluster could not be read: ${describeError(error)}.`);
  }
  if (rows.length === 0)
    return missing(
      'The cluster no longer holds the steps of this query (it keeps them about 7 days), or it ran only on the leader node (DDL, utility statements).',
    );
  const records: StepDbRow[] = rows.map((r) => ({
    stm: Number(r.stm),
    seg: Number(r.seg),
    step: Number(r.step),
    label: r.label ?? '',
    rows: Number(r.rows ?? 0),
    bytes: Number(r.bytes ?? 0),
    maxtime_us: Number(r.maxtime ?? 0),
    avgtime_us: Number(r.avgtime ?? 0),
    is_diskbased: r.is_diskbased?.trim() === 't' ? 1 : 0,
  }));
  // A store opened read-only (another process owns it) shows what the cluster said without keeping it.
  if (db.readonly) return { available: true, reason: null, steps: records.map(toStep) };
  const insert = db.prepare(
    `INSERT INTO query_steps (connection_id, query, start_us, stm, seg, step, label, rows, bytes, maxtime_us,
       avgtime_us, is_diskbased) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, query, start_us, stm, seg, step) DO NOTHING`,
  );
  db.transaction(() => {
    for (const r of records)
      insert.run(
        args.connectionId,
        args.query,
        startUs,
        r.stm,
        r.seg,
        r.step,
        r.label,
        r.rows,
        r.bytes,
        r.maxtime_us,
        r.avgtime_us,
        r.is_diskbased,
      );
  })();
  return { available: true, reason: null, steps: storedSteps(db, args.connectionId, args.query, startUs) };
}
