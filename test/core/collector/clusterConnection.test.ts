// A cluster connection through the AWS stand-in (real @aws-sdk clients, awsQuery over HTTP): endpoint
// from DescribeClusters, temporary passwords from GetClusterCredentials that are renewed when they
// age, and the cluster job recording the cluster's description and its parameter group's WLM.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Connection } from '../../../shared/model/connection.ts';
import { awsClientsFor } from '../../../electron/core/aws/awsClientsFor.ts';
import { PasswordVault } from '../../../electron/core/connections/PasswordVault.ts';
import { resolveEndpoint } from '../../../electron/core/redshift/resolveEndpoint.ts';
import type { AwsStandIn } from '../../../electron/demo/aws/createAwsStandIn.ts';
import {
  createDemoAwsStandIn,
  DEMO_AWS_CREDENTIALS,
} from '../../../electron/demo/aws/createDemoAwsStandIn.ts';
import { DEMO_CLUSTER, DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';
import { jobStatus, startCollectorBed, type CollectorBed } from './support/collectorBed.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';
import { waitFor } from '../../support/waitFor.ts';
import { seedDoubleHistory } from './support/seedDouble.ts';

let double: DoubleDatabase;
let standIn: AwsStandIn;
let pool: pg.Pool;
let bed: CollectorBed | undefined;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.AWS_ACCESS_KEY_ID = DEMO_AWS_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = DEMO_AWS_CREDENTIALS.secretAccessKey;
  const server = inject('pg');
  double = await createDoubleDatabase(server);
  pool = new pg.Pool({ ...server, database: double.database, max: 2 });
  pool.on('error', () => undefined);
  standIn = await createDemoAwsStandIn({
    pool,
    endpoint: { address: double.proxy.host, port: double.proxy.port },
    onWlmApplied: (json) => double.proxy.applyWlmConfiguration(json),
  });
});

afterAll(async () => {
  await bed?.stop();
  await standIn?.close();
  await pool?.end();
  await double?.destroy();
});

describe('cluster connection', () => {
  it('collects with temporary credentials it renews, and records the cluster and its parameter group', async () => {
    const seeded = await seedDoubleHistory(await double.direct(), {
      count: 50,
      endBase: new Date(Date.now() - 3_600_000),
    });
    const connection: Connection = {
      id: 'cluster-connection',
      name: 'nightshift-demo',
      target: {
        kind: 'cluster',
        region: DEMO_CLUSTER.region,
        clusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
        database: double.database,
        dbUser: 'nightshift_monitor',
        awsEndpoint: standIn.endpoint,
      },
      passwordSource: 'temporary',
      createdAt: new Date().toISOString(),
    };
    const vault = new PasswordVault(null, {});
    bed = startCollectorBed({
      double,
      connection,
      endpointFor: (c) => resolveEndpoint(c, { vault, passwordSealed: null, demo: null }),
      awsFor: (c) => awsClientsFor(c, null),
      settings: { clusterCredentialTtlMs: 1_500 },
    });
    const b = bed;
    const status = await waitFor(
      () => b.collector.status().connections[0]!,
      (c) => c.state === 'connected',
      { what: 'connected' },
    );
    expect(status.capabilities).toEqual(['provisioned']);
    // Metrics are the metrics job's (not part of this collector's job list); every other job runs.
    expect(status.jobs.filter((j) => j.state.kind === 'skipped')).toEqual([]);
    await waitFor(
      () =>
        (
          b.db.prepare('SELECT count(*) AS n FROM queries WHERE connection_id = ?').get(connection.id) as {
            n: number;
          }
        ).n,
      (n) => n >= seeded.length,
      { what: 'the history' },
    );

    const snapshot = await waitFor(
      () =>
        b.db
          .prepare(
            'SELECT status, describe_json, parameters_json FROM cluster_snapshots WHERE connection_id = ?',
          )
          .get(connection.id) as
          { status: string; describe_json: string; parameters_json: string } | undefined,
      (r) => r !== undefined,
      { what: 'the cluster snapshot' },
    );
    expect(snapshot!.status).toBe('available');
    expect(JSON.parse(snapshot!.describe_json)).toMatchObject({
      clusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
      nodeType: DEMO_CLUSTER.nodeType,
      numberOfNodes: DEMO_CLUSTER.numberOfNodes,
      parameterGroups: [{ name: DEMO_CLUSTER.parameterGroupName, applyStatus: 'in-sync' }],
    });
    const parameters = JSON.parse(snapshot!.parameters_json) as { name: string }[];
    expect(parameters.map((p) => p.name)).toContain('wlm_json_configuration');
    const wlm = b.db
      .prepare("SELECT json FROM wlm_config_history WHERE connection_id = ? AND source = 'parameter_group'")
      .get(connection.id) as { json: string };
    expect(JSON.parse(wlm.json)).toEqual(JSON.parse(DEMO_WLM_JSON));
    expect(jobStatus(b, 'cluster').state.kind).toBe('ok');

    // The temporary password has aged: connections opened from now on ask for a new one.
    const asked = () =>
      standIn.state.requests.filter((r) => r.action === 'GetClusterCredentials' && r.status === 200).length;
    const before = asked();
    await new Promise((r) => setTimeout(r, 2_000));
    const direct = await double.direct();
    await direct.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'IAM:nightshift_monitor' AND datname = current_database()`,
    );
    const since = Date.now();
    await seedDoubleHistory(direct, { count: 5, endBase: new Date(Date.now() - 1_800_000) });
    await waitFor(
      () => jobStatus(b, 'query_history'),
      (j) => j.state.kind === 'ok' && Date.parse(j.lastSuccessAt!) > since,
      { what: 'collection with a fresh password' },
    );
    expect(asked()).toBeGreaterThan(before);
  });
});
