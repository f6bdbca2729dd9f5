// live.get: the statements running and queued at the last live_activity poll (live_statements is
// replaced by every poll) and the sessions that poll saw (sessions.last_seen_us = the poll time).
import type Database from 'better-sqlite3';
import type { LiveSession, LiveSnapshot, LiveStatement } from '../../../shared/model/live.ts';
import type { TextMatcher } from '../base/likePatterns.ts';
import { isoFromMicros } from '../base/redshiftTime.ts';
import { livePolledUs } from './livePolledUs.ts';
import { queueNamesOf } from './queueNames.ts';

interface LiveRow {
  query: number;
  pid: number | null;
  xid: number | null;
  user_name: string | null;
  label: string | null;
  service_class: number;
  slot_count: number;
  state: string;
  wlm_start_us: number;
  queue_us: number;
  exec_us: number;
  query_priority: string | null;
  text_preview: string | null;
  polled_us: number;
}

/** `hide`: the connection's hidden patterns (issue #14); hidden statements are counted, not listed. */
export function readLive(
  db: Database.Database,
  connectionId: string,
  hide: TextMatcher | null = null,
): LiveSnapshot {
  const rows = db
    .prepare(
      `SELECT query, pid, xid, user_name, label, service_class, slot_count, state, wlm_start_us, queue_us,
              exec_us, query_priority, text_preview, polled_us
       FROM live_statements WHERE connection_id = ? ORDER BY wlm_start_us, query`,
    )
    .all(connectionId) as LiveRow[];
  const polledUs = livePolledUs(db, connectionId) ?? rows[0]?.polled_us ?? null;
  const names = queueNamesOf(db, connectionId);
  const all = rows.map((r): LiveStatement => ({
    query: r.query,
    pid: r.pid,
    xid: r.xid,
    userName: r.user_name,
    label: r.label,
    serviceClass: r.service_class,
    queueName: names.get(r.service_class) ?? null,
    slotCount: r.slot_count,
    state: r.state,
    // REFERENCE 1.3: QueuedWaiting (and the other Queued* states) wait for a slot; SYS says 'queued'.
    queued: /^queued/i.test(r.state),
    wlmStartTime: isoFromMicros(r.wlm_start_us),
    queueMs: r.queue_us / 1000,
    execMs: r.exec_us / 1000,
    elapsedMs: (r.queue_us + r.exec_us) / 1000,
    queryPriority: r.query_priority,
    textPreview: r.text_preview,
  }));
  const statements = hide === null ? all : all.filter((s) => s.textPreview === null || !hide(s.textPreview));
  const byPid = new Map<number, number>();
  // Every statement, hidden ones too: a session's current statement is a fact about the session.
  for (const s of all) if (s.pid !== null && !byPid.has(s.pid)) byPid.set(s.pid, s.query);
  const sessions =
    polledUs === null
      ? []
      : (
          db
            .prepare(
              `SELECT process, start_us, user_name, db_name, timeout_sec, last_seen_us FROM sessions
               WHERE connection_id = ? AND last_seen_us = ? ORDER BY start_us, process`,
            )
            .all(connectionId, polledUs) as {
            process: number;
            start_us: number;
            user_name: string;
            db_name: string;
            timeout_sec: number;
            last_seen_us: number;
          }[]
        ).map((s): LiveSession => ({
          pid: s.process,
          startTime: isoFromMicros(s.start_us),
          userName: s.user_name,
          database: s.db_name,
          timeoutSec: s.timeout_sec,
          lastSeen: isoFromMicros(s.last_seen_us),
          currentQuery: byPid.get(s.process) ?? null,
        }));
  return {
    connectionId,
    polledAt: polledUs === null ? null : isoFromMicros(polledUs),
    statements,
    hiddenStatements: all.length - statements.length,
    sessions,
  };
}
