// Reads what the editor works on, straight from the Redshift API (REFERENCE 4.2, 4.4): the cluster's
// parameter group and apply status (DescribeClusters), then the group's wlm_json_configuration
// (DescribeClusterParameters, every page: the parameter may sit on any of them).
import {
  DescribeClusterParametersCommand,
  DescribeClustersCommand,
  type Cluster,
  type RedshiftClient,
} from '@aws-sdk/client-redshift';
import { WLM_PARAMETER } from './wlmApplyStatusOf.ts';
import { wlmVersion } from './wlmVersion.ts';

export async function describeCluster(client: RedshiftClient, clusterIdentifier: string): Promise<Cluster> {
  const out = await client.send(new DescribeClustersCommand({ ClusterIdentifier: clusterIdentifier }));
  const cluster = out.Clusters?.find((c) => c.ClusterIdentifier === clusterIdentifier) ?? out.Clusters?.[0];
  if (cluster === undefined) {
    throw Object.assign(new Error(`Cluster ${clusterIdentifier} not found.`), { name: 'ClusterNotFound' });
  }
  return cluster;
}

export function parameterGroupOf(cluster: Cluster): string {
  const name = cluster.ClusterParameterGroups?.[0]?.ParameterGroupName;
  if (name === undefined || name === '') {
    throw new Error(
      `DescribeClusters names no parameter group for ${cluster.ClusterIdentifier ?? 'the cluster'}`,
    );
  }
  return name;
}

export interface WlmParameter {
  json: string;
  version: string;
}

export async function readWlmParameter(
  client: RedshiftClient,
  parameterGroup: string,
): Promise<WlmParameter> {
  let marker: string | undefined;
  do {
    const page = await client.send(
      new DescribeClusterParametersCommand({ ParameterGroupName: parameterGroup, Marker: marker }),
    );
    const wlm = page.Parameters?.find((p) => p.ParameterName === WLM_PARAMETER);
    if (wlm?.ParameterValue !== undefined) {
      return { json: wlm.ParameterValue, version: wlmVersion(wlm.ParameterValue) };
    }
    marker = page.Marker || undefined;
  } while (marker !== undefined);
  throw new Error(`${parameterGroup} has no ${WLM_PARAMETER} parameter`);
}

export interface ClusterWlm extends WlmParameter {
  cluster: Cluster;
  parameterGroup: string;
}

export async function readClusterWlm(client: RedshiftClient, clusterIdentifier: string): Promise<ClusterWlm> {
  const cluster = await describeCluster(client, clusterIdentifier);
  const parameterGroup = parameterGroupOf(cluster);
  const wlm = await readWlmParameter(client, parameterGroup);
  return { cluster, parameterGroup, ...wlm };
}
