// Redshift management API client for one cluster connection. Credentials come from the default chain
// or a named profile (~/.aws), never from Nightshift's store.
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { ClusterTarget } from '../../../shared/model/connection.ts';

export function createRedshiftApi(target: ClusterTarget): RedshiftClient {
  return new RedshiftClient({
    region: target.region,
    ...(target.awsEndpoint ? { endpoint: target.awsEndpoint } : {}),
    credentials: target.awsProfile ? fromIni({ profile: target.awsProfile }) : fromNodeProviderChain(),
    maxAttempts: 3,
  });
}
