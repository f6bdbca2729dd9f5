// actions.cancel / actions.terminate (issue #6): every call goes through the ActionRunner, which claims
// the idempotency key (one call to Redshift per intent) and writes exactly one audit record, whatever
// the outcome. The read-only door never gets here: dispatch refuses mutating methods there and audits
// the refusal (governance/auditRefusal.ts).
import type Database from 'better-sqlite3';
import { cancelStatement } from '../governance/cancelStatement.ts';
import type { ActionRunner } from '../governance/runAction.ts';
import { terminateSession } from '../governance/terminateSession.ts';
import type { Logger } from '../base/Logger.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import type { ApiHandlers } from './dispatch.ts';

export function governanceHandlers(deps: {
  db: Database.Database;
  access: ClusterAccess;
  actions: ActionRunner;
  log: Logger;
}): Pick<ApiHandlers, 'actions.cancel' | 'actions.terminate'> {
  return {
    'actions.cancel': async (args) => {
      const result = await deps.actions.run(
        {
          action: 'actions.cancel',
          connectionId: args.connectionId,
          idempotencyKey: args.idempotencyKey,
          target: args.target,
          targetKey: backendKey(args.connectionId, args.target.pid),
          targetLabel: `query ${args.target.query} (pid ${args.target.pid})`,
          request: args.target,
          params: { call: 'pg_cancel_backend', pid: args.target.pid },
          reason: args.reason,
        },
        () => cancelStatement(deps.access, args),
      );
      if (!result.replayed) deps.log.info(`actions.cancel ${result.outcome}: ${result.message}`);
      return result;
    },
    'actions.terminate': async (args) => {
      const result = await deps.actions.run(
        {
          action: 'actions.terminate',
          connectionId: args.connectionId,
          idempotencyKey: args.idempotencyKey,
          target: args.target,
          targetKey: backendKey(args.connectionId, args.target.pid),
          targetLabel: `the session of pid ${args.target.pid} (${args.target.userName})`,
          request: args.target,
          params: { call: 'pg_terminate_backend', pid: args.target.pid },
          reason: args.reason,
        },
        () => terminateSession(deps.access, args),
      );
      if (!result.replayed) deps.log.info(`actions.terminate ${result.outcome}: ${result.message}`);
      return result;
    },
  };
}

/** Cancel and terminate both act on one backend: one action on it at a time. */
function backendKey(connectionId: string, pid: number): string {
  return `${connectionId}/backend/${pid}`;
}
