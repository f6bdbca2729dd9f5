// The AWS clients a cluster connection's jobs use: CloudWatch (metrics) and the Redshift management API
// (cluster description, parameter groups). Direct and demo connections have none.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type { Connection } from '../../../shared/model/connection.ts';
import { createCloudWatchApi } from '../aws/createCloudWatchApi.ts';
import { createRedshiftApi } from '../aws/createRedshiftApi.ts';

export interface AwsClients {
  cloudwatch: { client: CloudWatchClient; clusterIdentifier: string } | null;
  redshift: { client: RedshiftClient; clusterIdentifier: string } | null;
  destroy(): void;
}

export function awsClientsFor(connection: Connection): AwsClients | null {
  const { target } = connection;
  if (target.kind !== 'cluster') return null;
  const cloudwatch = createCloudWatchApi({
    region: target.region,
    ...(target.awsEndpoint ? { endpoint: target.awsEndpoint } : {}),
    ...(target.awsProfile ? { profile: target.awsProfile } : {}),
  });
  const redshift = createRedshiftApi(target);
  return {
    cloudwatch: { client: cloudwatch, clusterIdentifier: target.clusterIdentifier },
    redshift: { client: redshift, clusterIdentifier: target.clusterIdentifier },
    destroy() {
      cloudwatch.destroy();
      redshift.destroy();
    },
  };
}
