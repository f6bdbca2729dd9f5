// live_activity: what is running and queued right now, and who is connected (queries/live_activity.sql;
// REFERENCE 1.7, 1.10-1.12). The snapshot replaces the previous one in one transaction.
//
// Queued statements are in STV_WLM_QUERY_STATE but not in STV_INFLIGHT, so their pid and text come from
// STV_RECENTS (a Running row whose pid is not in STV_INFLIGHT is queued, REFERENCE 1.10). STV_RECENTS
// has no query id: each queued statement takes the unclaimed Running row that started closest to its
// wlm_start_time (within 5 s).
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobContext, JobDefinition, JobRunResult } from '../Job.ts';
import { MONITOR_QUERY_GROUP, STATEMENT_MARKER } from '../../redshift/createRedshiftSession.ts';
import { LiveStore, type LiveStatementRecord, type SessionRecord } from '../../store/history/LiveStore.ts';
import { Watermarks } from '../../store/history/Watermarks.ts';
import { microsFromTimestamp } from '../../base/redshiftTime.ts';
import { systemTableJob } from './systemTableJob.ts';

interface StatementRow {
  query: number | string;
  xid: number | string | null;
  service_class: number;
  slot_count: number;
  wlm_start_time: string;
  state: string;
  queue_time: number | string | null;
  exec_time: number | string | null;
  query_priority: string | null;
  pid: number | null;
  userid: number | null;
  label: string | null;
  text_preview: string | null;
}

interface RecentRow {
  pid: number;
  userid: number;
  user_name: string;
  db_name: string;
  starttime: string;
  duration: number;
  text_preview: string | null;
}

interface SessionRow {
  process: number;
  starttime: string;
  user_name: string | null;
  db_name: string | null;
  timeout_sec: number | null;
}

const MATCH_WINDOW_US = 5_000_000;

export function createLiveActivityJob(settings: CollectorSettings): JobDefinition {
  return systemTableJob('live_activity', settings, runLiveActivity);
}

async function runLiveActivity(ctx: JobContext): Promise<JobRunResult> {
  const provisioned = ctx.capabilities.includes('provisioned');
  const opts = { signal: ctx.signal };
  const statements = await ctx.redshift.query<StatementRow>(
    provisioned ? 'live_wlm_statements' : 'live_sys_statements',
    [MONITOR_QUERY_GROUP],
    opts,
  );
  const recents = provisioned
    ? await ctx.redshift.query<RecentRow>('live_recents', [`${STATEMENT_MARKER}%`], opts)
    : [];
  const sessions = await ctx.redshift.query<SessionRow>(
    provisioned ? 'live_sessions' : 'live_sys_sessions',
    [],
    opts,
  );
  ctx.signal.throwIfAborted();

  const records = mergeLive(statements, recents);
  const sessionRecords: SessionRecord[] = sessions.map((s) => ({
    process: s.process,
    startUs: microsFromTimestamp(s.starttime),
    userName: s.user_name ?? '',
    dbName: s.db_name ?? '',
    timeoutSec: s.timeout_sec ?? 0,
  }));
  const polledUs = ctx.now().getTime() * 1000;
  const store = new LiveStore(ctx.db);
  const watermarks = new Watermarks(ctx.db);
  ctx.db.transaction(() => {
    store.replace(ctx.connectionId, records, sessionRecords, polledUs);
    watermarks.set(ctx.connectionId, 'live_activity', { polledUs }, polledUs);
  })();
  return { rowsRead: statements.length + recents.length + sessions.length };
}

export function mergeLive(
  statements: readonly StatementRow[],
  recents: readonly RecentRow[],
): LiveStatementRecord[] {
  const byPid = new Map(recents.map((r) => [r.pid, r]));
  const executingPids = new Set(statements.map((s) => s.pid).filter((p): p is number => p !== null));
  const unclaimed = recents.filter((r) => !executingPids.has(r.pid));
  return statements.map((s) => {
    const wlmStartUs = microsFromTimestamp(s.wlm_start_time);
    let pid = s.pid;
    let recent = pid === null ? undefined : byPid.get(pid);
    if (pid === null && unclaimed.length > 0) {
      let best = -1;
      let bestDelta = MATCH_WINDOW_US + 1;
      unclaimed.forEach((r, i) => {
        const delta = Math.abs(microsFromTimestamp(r.starttime) - wlmStartUs);
        if (delta < bestDelta) {
          best = i;
          bestDelta = delta;
        }
      });
      if (best >= 0) {
        recent = unclaimed.splice(best, 1)[0];
        pid = recent?.pid ?? null;
      }
    }
    return {
      query: Number(s.query),
      pid,
      xid: s.xid === null ? null : Number(s.xid),
      userName: recent?.user_name ?? null,
      label: s.label,
      serviceClass: s.service_class,
      slotCount: s.slot_count,
      state: s.state,
      wlmStartUs,
      queueUs: Number(s.queue_time ?? 0),
      execUs: Number(s.exec_time ?? 0),
      queryPriority: s.query_priority,
      textPreview: s.text_preview ?? recent?.text_preview ?? null,
    };
  });
}
