// Connections given for one run only (serve --connection): collected like saved ones, never written to
// the connections table, their password kept in memory. The id is derived from the address, so a
// restarted process resumes from the same watermarks.
import { createHash } from 'node:crypto';
import type { Connection, DirectTarget } from '../../../shared/model/connection.ts';

export interface RunConnection {
  name: string;
  target: DirectTarget;
  /** From the URL; absent means PGPASSWORD or the pgpass file, looked up at connect time. */
  password?: string;
}

export function runConnectionId(target: DirectTarget): string {
  const key = `${target.user}@${target.host}:${target.port}/${target.database}`;
  return `run-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
}

export function toConnection(run: RunConnection, createdAt: string): Connection {
  return {
    id: runConnectionId(run.target),
    name: run.name,
    target: run.target,
    passwordSource: run.password === undefined ? 'environment' : 'session',
    createdAt,
  };
}
