// On-demand access to a connection's cluster for the API (a live statement's full text, a query's
// steps, governance actions): the same endpoint resolution, SQL registry and AWS clients the collector
// uses, but a short-lived session of its own, so an admin action never queues behind a slow poll.
import type { Connection } from '../../../shared/model/connection.ts';
import type { AwsClients } from '../aws/awsClientsFor.ts';
import type { RedshiftSession } from './RedshiftSession.ts';

export interface ClusterAccess {
  /** A saved or run-only connection; undefined when there is no such connection. */
  connection(connectionId: string): Connection | undefined;
  /**
   * Opens a one-client session on the connection, runs `fn`, and closes the session whatever happens.
   * Statements run by name from queries/ (including queries/actions/).
   */
  withSession<T>(
    connectionId: string,
    fn: (session: RedshiftSession) => Promise<T>,
    options?: { statementTimeoutMs?: number },
  ): Promise<T>;
  /** The connection's AWS clients (Redshift API, CloudWatch); null for direct connections. */
  aws(connectionId: string): AwsClients | null;
}
