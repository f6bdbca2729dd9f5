// Collector status as the renderer reads it (collector.status), for the renderer's tests: a job that
// last succeeded a moment ago, a connection with every job, the status of some connections. Four test
// files built these by hand (issue #15); each test overrides only what it is about.
import type {
  CollectorStatus,
  ConnectionCollectorStatus,
  JobName,
  JobStatus,
} from '../../shared/model/collector.ts';
import { JOB_NAMES } from '../../shared/model/collector.ts';

/** A job that last succeeded 10 s before `now` on a 60 s interval, unless told otherwise. */
export function fakeJob(name: JobName, over: Partial<JobStatus> = {}, now = Date.now()): JobStatus {
  const ago = (ms: number) => new Date(now - ms).toISOString();
  return {
    job: name,
    state: { kind: 'ok', since: ago(10_000) },
    intervalMs: 60_000,
    lastRunAt: ago(10_000),
    lastSuccessAt: ago(10_000),
    consecutiveFailures: 0,
    rowsRead: 5,
    durationMs: 40,
    nextRunAt: ago(-50_000),
    backfill: null,
    ...over,
  };
}

/** A job on its first run: started, nothing read yet. */
export const firstRunJob = (name: JobName, now = Date.now()): JobStatus =>
  fakeJob(
    name,
    {
      state: { kind: 'running', since: new Date(now).toISOString() },
      lastRunAt: new Date(now).toISOString(),
      lastSuccessAt: null,
      rowsRead: 0,
      durationMs: null,
      nextRunAt: null,
    },
    now,
  );

/** Connection c1 ("prod"), connected to a provisioned cluster, every job fine. */
export function fakeConnection(
  over: Partial<ConnectionCollectorStatus> = {},
  now = Date.now(),
): ConnectionCollectorStatus {
  return {
    connectionId: 'c1',
    name: 'prod',
    state: 'connected',
    capabilities: ['provisioned'],
    serverVersion: 'Redshift',
    lastError: null,
    failingSince: null,
    jobs: JOB_NAMES.map((n) => fakeJob(n, {}, now)),
    ...over,
  };
}

/** A running collector over these connections. */
export const fakeStatus = (...connections: ConnectionCollectorStatus[]): CollectorStatus => ({
  running: true,
  connections,
});
