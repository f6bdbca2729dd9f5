// Why a view fed by one collector job has nothing to show, in words: the connection cannot be reached,
// the job is skipped here (and why), failing (the server's words), or has simply not run yet.
import type { CollectorStatus, JobName } from '../../../../shared/model/collector.ts';
import { failureText, jobCondition, jobLabel, skipReason } from '../collector/describeCollector.ts';

export function jobEmptyMessage(
  status: CollectorStatus | null,
  connectionId: string,
  job: JobName,
  now: Date,
): string {
  const label = jobLabel(job);
  if (status === null) return `No ${label} yet: the collector's status has not answered.`;
  if (!status.running) return `No ${label}: the collector is stopped.`;
  const conn = status.connections.find((c) => c.connectionId === connectionId);
  if (conn === undefined) return `No ${label} yet: the collector has not started on this connection.`;
  if (conn.state === 'connecting') return `No ${label} yet: the collector is connecting.`;
  if (conn.state === 'failed' && conn.capabilities === null)
    return `No ${label}: the collector cannot connect: ${conn.lastError ?? 'no reason was given.'}`;
  const js = conn.jobs.find((j) => j.job === job);
  if (js === undefined) return `No ${label} yet: the collector has not run it on this connection.`;
  switch (jobCondition(js, now)) {
    case 'skipped':
      return `No ${label}: not collected on this connection: ${skipReason(js) ?? 'no reason was given.'}`;
    case 'failing':
      return `No ${label}: the collector is failing to read it: ${failureText(js) ?? 'no reason was given.'}`;
    case 'starting':
    case 'waiting':
      return `No ${label} yet: the collector has not finished its first read.`;
    case 'stale':
    case 'ok':
      return `Nothing to show: the last read of ${label} found nothing.`;
  }
}
