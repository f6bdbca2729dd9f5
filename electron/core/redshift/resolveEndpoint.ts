// Turns a saved connection into what `pg` needs to connect: for direct connections the saved address
// and a password from the vault; for cluster connections the endpoint from DescribeClusters and a
// temporary password from GetClusterCredentials (REFERENCE 4.2, 4.6); for the demo cluster the address
// the embedded double reports.
import { DescribeClustersCommand, GetClusterCredentialsCommand } from '@aws-sdk/client-redshift';
import type { Connection } from '../../../shared/model/connection.ts';
import { ApiError } from '../base/ApiError.ts';
import { createRedshiftApi } from '../aws/createRedshiftApi.ts';
import type { PasswordVault } from '../connections/PasswordVault.ts';
import type { DemoCluster } from '../base/DemoCluster.ts';
import { pgSsl } from './pgSsl.ts';
import type { ConnectionOptions } from 'node:tls';

export interface PgEndpoint {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
  ssl: false | ConnectionOptions;
}

export interface ResolveDeps {
  vault: PasswordVault;
  passwordSealed: Buffer | null;
  demo: DemoCluster | null;
}

/** Temporary credentials last 15 minutes (the API's minimum); we ask for that and reconnect after. */
const CREDENTIAL_SECONDS = 900;

export async function resolveEndpoint(connection: Connection, deps: ResolveDeps): Promise<PgEndpoint> {
  const { target } = connection;
  switch (target.kind) {
    case 'direct':
      return {
        host: target.host,
        port: target.port,
        database: target.database,
        user: target.user,
        password: deps.vault.resolve(connection.id, target, connection.passwordSource, deps.passwordSealed),
        ssl: pgSsl(target.sslMode),
      };
    case 'demo': {
      if (!deps.demo)
        throw new ApiError('unavailable', 'The built-in demo cluster is not available in this process.');
      const a = await deps.demo.address();
      return { ...a, ssl: false };
    }
    case 'cluster': {
      const api = createRedshiftApi(target);
      try {
        const described = await api.send(
          new DescribeClustersCommand({ ClusterIdentifier: target.clusterIdentifier }),
        );
        const endpoint = described.Clusters?.[0]?.Endpoint;
        if (!endpoint?.Address || !endpoint.Port) {
          throw new ApiError(
            'unavailable',
            `Cluster "${target.clusterIdentifier}" has no endpoint yet (is it available?).`,
          );
        }
        const credentials = await api.send(
          new GetClusterCredentialsCommand({
            ClusterIdentifier: target.clusterIdentifier,
            DbUser: target.dbUser,
            DbName: target.database,
            DurationSeconds: CREDENTIAL_SECONDS,
            AutoCreate: false,
          }),
        );
        if (!credentials.DbUser || !credentials.DbPassword) {
          throw new ApiError('unavailable', 'GetClusterCredentials returned no user or password.');
        }
        return {
          host: endpoint.Address,
          port: endpoint.Port,
          database: target.database,
          user: credentials.DbUser,
          password: credentials.DbPassword,
          ssl: false,
        };
      } finally {
        api.destroy();
      }
    }
  }
}
