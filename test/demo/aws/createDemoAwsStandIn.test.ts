// The stand-in wired to a double database (catalog + live tables): the demo cluster's identity, the WLM
// in effect taken from rs_internal.wlm_active, a catalog user logging in with temporary credentials,
// and CloudWatch reading the same database.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeClustersCommand,
  GetClusterCredentialsCommand,
  ModifyClusterParameterGroupCommand,
} from '@aws-sdk/client-redshift';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsStandIn } from '../../../electron/demo/aws/createAwsStandIn.ts';
import {
  createDemoAwsStandIn,
  DEMO_AWS_CREDENTIALS,
} from '../../../electron/demo/aws/createDemoAwsStandIn.ts';
import { installCatalog } from '../../../electron/demo/catalog/installCatalog.ts';
import { DEMO_CLUSTER, DEMO_WLM_CONFIGURATION } from '../../../electron/demo/defaultWlmConfiguration.ts';
import { installLive } from '../../../electron/demo/live/installLive.ts';
import {
  cloudWatchClient,
  listedDimension,
  redshiftClient,
  scratchDatabase,
  type ScratchDatabase,
} from './standInHarness.ts';

let db: ScratchDatabase;
let standIn: AwsStandIn;
const applied: string[] = [];

beforeAll(async () => {
  db = await scratchDatabase('aws_demo');
  const client = await db.pool.connect();
  try {
    await installCatalog(client);
    const renamed = structuredClone(DEMO_WLM_CONFIGURATION) as Record<string, unknown>[];
    renamed[1]!.name = 'dashboards';
    await installLive(client, { wlmJson: JSON.stringify(renamed) });
  } finally {
    client.release();
  }
  standIn = await createDemoAwsStandIn({
    pool: db.pool,
    endpoint: { address: db.address.host, port: db.address.port },
    onWlmApplied: async (json) => {
      applied.push(json);
    },
  });
});

afterAll(async () => {
  await standIn?.close();
  const roles = await db.pool.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles WHERE rolname LIKE 'IAM%:%'`,
  );
  for (const { rolname } of roles.rows)
    await db.pool.query(`DROP ROLE IF EXISTS "${rolname.replace(/"/g, '""')}"`);
  await db.drop();
});

describe('createDemoAwsStandIn', () => {
  it('describes the demo cluster and lets a catalog user log in with temporary credentials', async () => {
    const rs = redshiftClient(standIn, { accessKeyId: DEMO_AWS_CREDENTIALS.accessKeyId });
    try {
      const cluster = (await rs.send(new DescribeClustersCommand({}))).Clusters?.[0];
      expect(cluster).toMatchObject({
        ClusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
        NodeType: DEMO_CLUSTER.nodeType,
        NumberOfNodes: DEMO_CLUSTER.numberOfNodes,
        DBName: 'dev',
        Endpoint: { Address: db.address.host, Port: db.address.port },
      });
      const creds = await rs.send(
        new GetClusterCredentialsCommand({
          ClusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
          DbUser: 'bi_user',
        }),
      );
      const client = new pg.Client({
        host: cluster?.Endpoint?.Address,
        port: cluster?.Endpoint?.Port,
        database: db.name,
        user: creds.DbUser,
        password: creds.DbPassword,
      });
      client.on('error', () => undefined);
      await client.connect();
      const r = await client.query<{ who: string; inherits: boolean }>(
        `SELECT session_user AS who, pg_has_role(session_user, 'analysts', 'USAGE') AS inherits`,
      );
      await client.end();
      expect(r.rows[0]).toEqual({ who: 'IAM:bi_user', inherits: true });

      const json = JSON.parse(standIn.state.activeWlmJson) as Record<string, unknown>[];
      json[0]!.query_concurrency = 2;
      await rs.send(
        new ModifyClusterParameterGroupCommand({
          ParameterGroupName: DEMO_CLUSTER.parameterGroupName,
          Parameters: [{ ParameterName: 'wlm_json_configuration', ParameterValue: JSON.stringify(json) }],
        }),
      );
      expect(applied).toEqual([JSON.stringify(json)]);
    } finally {
      rs.destroy();
    }
  });

  it('publishes the queue names of the WLM in effect and reads metrics from the database', async () => {
    const cw = cloudWatchClient(standIn, { accessKeyId: DEMO_AWS_CREDENTIALS.accessKeyId });
    try {
      expect(await listedDimension(cw, 'WLMQueueLength', 'QueueName')).toEqual([
        'etl_nightly',
        'dashboards',
        'Default queue',
      ]);
      const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const out = await cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(end.getTime() - 10 * 60_000),
          EndTime: end,
          MetricDataQueries: [
            {
              Id: 'q',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/Redshift',
                  MetricName: 'WLMQueueLength',
                  Dimensions: [
                    { Name: 'ClusterIdentifier', Value: DEMO_CLUSTER.clusterIdentifier },
                    { Name: 'QueueName', Value: 'dashboards' },
                  ],
                },
                Period: 60,
                Stat: 'Maximum',
              },
            },
          ],
        }),
      );
      expect(out.MetricDataResults?.[0]?.StatusCode).toBe('Complete');
      expect(out.MetricDataResults?.[0]?.Values).toEqual(Array(10).fill(0));
    } finally {
      cw.destroy();
    }
  });
});
