// actions.cancel / actions.terminate (issue #6): every call goes through the ActionRunner, which claims
// the idempotency key (one call to Redshift per intent) and writes exactly one audit record, whatever
// the outcome. The read-only door never gets here: dispatch refuses mutating methods there and audits
// the refusal (governance/auditRefusal.ts).
import type Database from 'better-sqlite3';
import type { CancelArgs, TerminateArgs } from '../../../shared/model/governance.ts';
import { cancelStatement } from '../governance/cancelStatement.ts';
import type { ActionReport, ActionRunner } from '../governance/runAction.ts';
import type { NoExtra } from '../governance/signalBackend.ts';
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
  /** Both actions signal one backend by pid: the same spec, audit and log, their own label and call. */
  const signal = async (
    action: 'actions.cancel' | 'actions.terminate',
    args: CancelArgs | TerminateArgs,
    label: string,
    call: string,
    perform: () => Promise<ActionReport<NoExtra>>,
  ) => {
    const result = await deps.actions.run(
      {
        action,
        connectionId: args.connectionId,
        idempotencyKey: args.idempotencyKey,
        target: args.target,
        targetKey: backendKey(args.connectionId, args.target.pid),
        targetLabel: label,
        request: args.target,
        params: { call, pid: args.target.pid },
        reason: args.reason,
      },
      perform,
    );
    if (!result.replayed) deps.log.info(`${action} ${result.outcome}: ${result.message}`);
    return result;
  };
  return {
    'actions.cancel': (args) =>
      signal(
        'actions.cancel',
        args,
        `query ${args.target.query} (pid ${args.target.pid})`,
        'pg_cancel_backend',
        () => cancelStatement(deps.access, args),
      ),
    'actions.terminate': (args) =>
      signal(
        'actions.terminate',
        args,
        `the session of pid ${args.target.pid} (${args.target.userName})`,
        'pg_terminate_backend',
        () => terminateSession(deps.access, args),
      ),
  };
}

/** Cancel and terminate both act on one backend: one action on it at a time. */
function backendKey(connectionId: string, pid: number): string {
  return `${connectionId}/backend/${pid}`;
}
