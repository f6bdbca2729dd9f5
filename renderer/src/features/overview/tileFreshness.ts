// Whether an overview tile's figures can be trusted right now, from the collector jobs that feed it
// (issue #14, the false all-clear: a failing connection left "0 queued" and "No alerts" under green
// borders). A pure function of the collector's status and the clock, so it is unit-tested; Tile shows
// its words above the figures and takes its tone when that is worse than the figures' own.
import type {
  CollectorStatus,
  ConnectionCollectorStatus,
  JobName,
  JobStatus,
} from '../../../../shared/model/collector.ts';
import { formatDateTime, zoneLabel, type TimeZoneChoice } from '../../time/formatTime.ts';
import { formatAge, jobCondition, jobLabel, type Tone } from '../collector/describeCollector.ts';

export interface Freshness {
  /** 'ok': the figures are current; anything else colours the tile instead of its figures' tone. */
  tone: Tone;
  /** What is wrong and since when; null when the figures are current (or nothing is known yet). */
  text: string | null;
  /** For tests and styling: which of the states below applies. */
  state: 'current' | 'unknown' | 'not-collected' | 'skipped' | 'stale' | 'failing';
}

const CURRENT: Freshness = { tone: 'ok', text: null, state: 'current' };

export interface FreshnessInput {
  status: CollectorStatus | null;
  /** Why the collector's status could not be read. */
  statusError: string | null;
  connectionId: string;
  /** The jobs whose data the tile shows. */
  feeds: readonly JobName[];
  now: Date;
  zone: TimeZoneChoice;
}

export function tileFreshness(input: FreshnessInput): Freshness {
  const { status, statusError, connectionId, feeds, now, zone } = input;
  if (status === null) {
    return statusError === null
      ? { tone: 'idle', text: null, state: 'unknown' }
      : {
          tone: 'warn',
          text: `Collector unavailable (${statusError}): figures may be old.`,
          state: 'unknown',
        };
  }
  if (!status.running)
    return { tone: 'warn', text: 'The collector is stopped: figures may be old.', state: 'stale' };
  const conn = status.connections.find((c) => c.connectionId === connectionId);
  if (!conn) return { tone: 'idle', text: 'Not collected yet.', state: 'not-collected' };
  const jobs = feeds.flatMap((name) => conn.jobs.find((j) => j.job === name) ?? []);
  const when = (iso: string) =>
    `${formatDateTime(iso, zone)} ${zoneLabel(zone)} (${formatAge(now.getTime() - Date.parse(iso))} ago)`;
  const lastData = (js: readonly JobStatus[]) => {
    const last = latestSuccess(js);
    return last === null ? 'Nothing collected yet.' : `Last data ${when(last)}.`;
  };

  if (conn.state === 'failed') {
    const since = conn.failingSince === null ? '' : ` since ${when(conn.failingSince)}`;
    const verb = conn.capabilities === null ? 'Cannot connect' : 'Connection lost';
    return {
      tone: 'error',
      text: `${verb}${since}: ${conn.lastError ?? 'no reason was given'}. ${lastData(jobs)}`,
      state: 'failing',
    };
  }
  if (conn.state !== 'connected') return notYet(conn, jobs, lastData);

  const runnable = jobs.filter((j) => j.state.kind !== 'skipped');
  const [firstSkipped] = jobs;
  if (runnable.length === 0 && firstSkipped?.state.kind === 'skipped') {
    return {
      tone: 'idle',
      text: `Not collected on this connection: ${firstSkipped.state.reason}.`,
      state: 'skipped',
    };
  }
  for (const j of runnable) {
    if (j.state.kind === 'failing') {
      return {
        tone: 'error',
        text: `${capitalise(jobLabel(j.job))} failing since ${when(j.state.since)}: ${j.state.error}. ${lastData([j])}`,
        state: 'failing',
      };
    }
  }
  for (const j of runnable) {
    if (jobCondition(j, now) === 'stale' && j.lastSuccessAt !== null) {
      return {
        tone: 'warn',
        text: `Stale: no new ${jobLabel(j.job)} since ${when(j.lastSuccessAt)}.`,
        state: 'stale',
      };
    }
  }
  if (runnable.some((j) => j.lastSuccessAt === null))
    return { tone: 'idle', text: 'Not collected yet: the first read is under way.', state: 'not-collected' };
  return CURRENT;
}

function notYet(
  conn: ConnectionCollectorStatus,
  jobs: readonly JobStatus[],
  lastData: (js: readonly JobStatus[]) => string,
): Freshness {
  const what =
    conn.state !== 'connecting'
      ? 'The collector is stopped on this connection'
      : (conn.preparing ?? 'Connecting');
  return { tone: 'idle', text: `${what}: ${lastData(jobs)}`, state: 'not-collected' };
}

function latestSuccess(jobs: readonly JobStatus[]): string | null {
  let best: string | null = null;
  for (const j of jobs) {
    if (j.lastSuccessAt !== null && (best === null || Date.parse(j.lastSuccessAt) > Date.parse(best)))
      best = j.lastSuccessAt;
  }
  return best;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
