// The AWS clients a connection's jobs use: CloudWatch (metrics) and the Redshift management API
// (cluster description, parameter groups). Cluster connections reach AWS (or their custom endpoint); the
// built-in demo reaches its stand-in; direct connections have none.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type { Connection } from '../../../shared/model/connection.ts';
import { createCloudWatchApi } from './createCloudWatchApi.ts';
import { createRedshiftApi, createRedshiftApiWith } from './createRedshiftApi.ts';
import type { DemoCluster } from '../base/DemoCluster.ts';

export interface AwsClients {
  cloudwatch: { client: CloudWatchClient; clusterIdentifier: string } | null;
  redshift: { client: RedshiftClient; clusterIdentifier: string } | null;
  destroy(): void;
}

export function awsClientsFor(connection: Connection, demo: DemoCluster | null): AwsClients | null {
  const { target } = connection;
  if (target.kind === 'demo' && demo) return demoClients(demo);
  if (target.kind !== 'cluster') return null;
  const cloudwatch = createCloudWatchApi({
    region: target.region,
    ...(target.awsEndpoint ? { endpoint: target.awsEndpoint } : {}),
    ...(target.awsProfile ? { profile: target.awsProfile } : {}),
  });
  const redshift = createRedshiftApi(target);
  return bothClients(cloudwatch, redshift, target.clusterIdentifier);
}

function demoClients(demo: DemoCluster): AwsClients {
  // The stand-in's address and keys exist once the double has started: the SDK asks for them per call.
  const endpoint = async () => ({ url: new URL((await demo.aws()).endpoint) });
  const credentials = async () => {
    const { accessKeyId, secretAccessKey } = await demo.aws();
    return { accessKeyId, secretAccessKey };
  };
  const cloudwatch = createCloudWatchApi({ region: demo.region, endpoint, credentials });
  const redshift = createRedshiftApiWith({ region: demo.region, endpoint, credentials });
  return bothClients(cloudwatch, redshift, demo.clusterIdentifier);
}

/** The two clients of one cluster, destroyed together. */
function bothClients(
  cloudwatch: CloudWatchClient,
  redshift: RedshiftClient,
  clusterIdentifier: string,
): AwsClients {
  return {
    cloudwatch: { client: cloudwatch, clusterIdentifier },
    redshift: { client: redshift, clusterIdentifier },
    destroy() {
      cloudwatch.destroy();
      redshift.destroy();
    },
  };
}
