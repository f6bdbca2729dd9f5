// cluster: the cluster as the Redshift management API describes it (REFERENCE 4.2, 4.4): status, node
// type and count, version, parameter group and its apply status, and the group's parameters. A snapshot
// is stored each time the description changes, and the group's wlm_json_configuration (REFERENCE 3.1)
// goes into the WLM configuration history. Only connections that reach the API (cluster connections)
// run it.
import {
  DescribeClusterParametersCommand,
  DescribeClustersCommand,
  type Parameter,
} from '@aws-sdk/client-redshift';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobContext, JobDefinition, JobRunResult } from '../Job.ts';
import { Watermarks } from '../../store/history/Watermarks.ts';
import { WlmStore } from '../../store/history/WlmStore.ts';

const WLM_PARAMETER = 'wlm_json_configuration';

export function createClusterJob(settings: CollectorSettings): JobDefinition {
  return {
    name: 'cluster',
    defaultIntervalMs: settings.intervalsMs.cluster,
    requires: [],
    needsRedshiftApi: true,
    run: runCluster,
  };
}

async function runCluster(ctx: JobContext): Promise<JobRunResult> {
  const api = ctx.redshiftApi;
  if (!api) return { rowsRead: 0 };
  const opts = { abortSignal: ctx.signal };
  const described = await api.client.send(
    new DescribeClustersCommand({ ClusterIdentifier: api.clusterIdentifier }),
    opts,
  );
  const cluster = described.Clusters?.[0];
  if (!cluster) throw new Error(`DescribeClusters returned no cluster "${api.clusterIdentifier}"`);
  const description = {
    clusterIdentifier: cluster.ClusterIdentifier ?? null,
    status: cluster.ClusterStatus ?? null,
    availability: cluster.ClusterAvailabilityStatus ?? null,
    nodeType: cluster.NodeType ?? null,
    numberOfNodes: cluster.NumberOfNodes ?? null,
    version: cluster.ClusterVersion ?? null,
    endpoint: cluster.Endpoint
      ? { address: cluster.Endpoint.Address ?? null, port: cluster.Endpoint.Port ?? null }
      : null,
    dbName: cluster.DBName ?? null,
    parameterGroups: (cluster.ClusterParameterGroups ?? []).map((g) => ({
      name: g.ParameterGroupName ?? null,
      applyStatus: g.ParameterApplyStatus ?? null,
    })),
    pendingModifiedValues: cluster.PendingModifiedValues ?? null,
  };
  const groupName = cluster.ClusterParameterGroups?.[0]?.ParameterGroupName;
  const parameters: Parameter[] = [];
  if (groupName) {
    let marker: string | undefined;
    do {
      const page = await api.client.send(
        new DescribeClusterParametersCommand({
          ParameterGroupName: groupName,
          MaxRecords: 100,
          Marker: marker,
        }),
        opts,
      );
      parameters.push(...(page.Parameters ?? []));
      marker = page.Marker || undefined;
    } while (marker);
  }
  ctx.signal.throwIfAborted();
  const params = parameters
    .map((p) => ({
      name: p.ParameterName ?? '',
      value: p.ParameterValue ?? null,
      applyType: p.ApplyType ?? null,
      source: p.Source ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const atUs = ctx.now().getTime() * 1000;
  const describeJson = JSON.stringify(description);
  const parametersJson = JSON.stringify(params);
  const wlmJson = params.find((p) => p.name === WLM_PARAMETER)?.value ?? null;
  ctx.db.transaction(() => {
    recordSnapshot(ctx.db, ctx.connectionId, atUs, description.status, describeJson, parametersJson);
    if (wlmJson !== null)
      new WlmStore(ctx.db).recordConfig(ctx.connectionId, 'parameter_group', atUs, wlmJson);
    new Watermarks(ctx.db).set(ctx.connectionId, 'cluster', { atUs }, atUs);
  })();
  return { rowsRead: 1 + parameters.length };
}

function recordSnapshot(
  db: Database.Database,
  connectionId: string,
  atUs: number,
  status: string | null,
  describeJson: string,
  parametersJson: string,
): void {
  const hash = createHash('sha1').update(describeJson).update('\0').update(parametersJson).digest('hex');
  const last = db
    .prepare('SELECT hash FROM cluster_snapshots WHERE connection_id = ? ORDER BY at_us DESC LIMIT 1')
    .get(connectionId) as { hash: string } | undefined;
  if (last?.hash === hash) return;
  db.prepare(
    `INSERT INTO cluster_snapshots (connection_id, at_us, status, describe_json, parameters_json, hash)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (connection_id, at_us) DO NOTHING`,
  ).run(connectionId, atUs, status, describeJson, parametersJson, hash);
}
