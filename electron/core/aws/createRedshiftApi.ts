// Redshift management API client for one cluster connection. Credentials come from the default chain
// or a named profile (~/.aws), never from Nightshift's store.
import { RedshiftClient, type RedshiftClientConfig } from '@aws-sdk/client-redshift';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { ClusterTarget } from '../../../shared/model/connection.ts';
import { quietNodeVersionWarning } from './quietNodeVersionWarning.ts';

export function createRedshiftApi(target: ClusterTarget): RedshiftClient {
  quietNodeVersionWarning();
  return new RedshiftClient({
    region: target.region,
    ...(target.awsEndpoint ? { endpoint: target.awsEndpoint } : {}),
    credentials: target.awsProfile ? fromIni({ profile: target.awsProfile }) : fromNodeProviderChain(),
    maxAttempts: 3,
  });
}

/** For an endpoint and keys only known later (the built-in demo's stand-in starts with the double). */
export function createRedshiftApiWith(config: {
  region: string;
  endpoint: NonNullable<RedshiftClientConfig['endpoint']>;
  credentials: NonNullable<RedshiftClientConfig['credentials']>;
}): RedshiftClient {
  quietNodeVersionWarning();
  return new RedshiftClient({ ...config, maxAttempts: 3 });
}
