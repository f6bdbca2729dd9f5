// Shared setup for the AWS stand-in tests: a movable clock, the stand-in with the demo cluster's
// identity, real SDK clients pointed at it, and a scratch database on the shared PostgreSQL test bed.
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { AwsJson1_0Protocol } from '@aws-sdk/core/protocols';
import pg from 'pg';
import { inject } from 'vitest';
import {
  createAwsStandIn,
  type AwsStandIn,
  type AwsStandInOptions,
} from '../../../electron/demo/aws/createAwsStandIn.ts';
import type { MetricSource } from '../../../electron/demo/aws/MetricSource.ts';
import { DEMO_CLUSTER, DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const ACCESS_KEY = 'AKIDNIGHTSHIFTTEST';
export const SECRET_KEY = 'nightshift-test-secret';
export const REGION = 'eu-west-1';
export const CLUSTER_ID = DEMO_CLUSTER.clusterIdentifier;
export const GROUP = DEMO_CLUSTER.parameterGroupName;

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function testClock(start = new Date()): TestClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A source that has measured nothing: for tests that do not look at metrics. */
export const noMetrics: MetricSource = async () => [];

export interface StandInFixture {
  standIn: AwsStandIn;
  applied: string[];
  reboots: number;
  /** Unexpected errors inside the stand-in (answered as InternalFailure); tests expect none. */
  errors: unknown[];
}

export async function startStandIn(overrides: Partial<AwsStandInOptions> = {}): Promise<StandInFixture> {
  const fixture = { applied: [] as string[], reboots: 0, errors: [] as unknown[] } as StandInFixture;
  fixture.standIn = await createAwsStandIn({
    cluster: {
      identifier: CLUSTER_ID,
      region: REGION,
      endpoint: { address: '127.0.0.1', port: 5439 },
      dbName: DEMO_CLUSTER.database,
      masterUsername: 'admin',
      nodeType: DEMO_CLUSTER.nodeType,
      numberOfNodes: DEMO_CLUSTER.numberOfNodes,
    },
    parameterGroupName: GROUP,
    initialWlmJson: DEMO_WLM_JSON,
    credentials: [
      { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, iamIdentity: 'IAM:nightshift_admin' },
    ],
    issueTemporaryPassword: async () => 'not-a-real-password',
    onWlmApplied: async (json) => {
      fixture.applied.push(json);
    },
    onReboot: async () => {
      fixture.reboots += 1;
    },
    metrics: noMetrics,
    onError: (error) => {
      fixture.errors.push(error);
    },
    ...overrides,
  });
  return fixture;
}

const credentials = { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY };

export function redshiftClient(
  standIn: AwsStandIn,
  extra: { maxAttempts?: number; accessKeyId?: string } = {},
): RedshiftClient {
  return new RedshiftClient({
    endpoint: standIn.endpoint,
    region: REGION,
    credentials: { ...credentials, ...(extra.accessKeyId ? { accessKeyId: extra.accessKeyId } : {}) },
    ...(extra.maxAttempts ? { maxAttempts: extra.maxAttempts } : {}),
  });
}

/**
 * CloudWatch pinned to JSON 1.0 (REFERENCE 5.3). The installed client (3.1164.0) already defaults to
 * AwsJson1_0Protocol with awsQueryCompatible; pinning keeps it so if a later release changes the default.
 */
export function cloudWatchClient(
  standIn: AwsStandIn,
  extra: { maxAttempts?: number; accessKeyId?: string; requestTimeoutMs?: number } = {},
): CloudWatchClient {
  return new CloudWatchClient({
    endpoint: standIn.endpoint,
    region: REGION,
    credentials: { ...credentials, ...(extra.accessKeyId ? { accessKeyId: extra.accessKeyId } : {}) },
    protocol: AwsJson1_0Protocol,
    ...(extra.maxAttempts ? { maxAttempts: extra.maxAttempts } : {}),
    // Without throwOnRequestTimeout this SDK only logs a warning when requestTimeout passes.
    ...(extra.requestTimeoutMs
      ? { requestHandler: { requestTimeout: extra.requestTimeoutMs, throwOnRequestTimeout: true } }
      : {}),
  });
}

/** What a failed SDK call threw, for assertions on name / status / message. */
/** The values of one dimension that ListMetrics lists for a metric, in the order it lists them. */
export async function listedDimension(
  cw: CloudWatchClient,
  metricName: string,
  dimension: string,
): Promise<(string | undefined)[]> {
  const listed = await cw.send(
    new ListMetricsCommand({ MetricName: metricName, Dimensions: [{ Name: dimension }] }),
  );
  return (listed.Metrics ?? []).map((m) => m.Dimensions?.find((d) => d.Name === dimension)?.Value);
}

export async function failure(promise: Promise<unknown>): Promise<{
  name: string;
  message: string;
  status: number | undefined;
  attempts: number | undefined;
}> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      name: string;
      message: string;
      $metadata?: { httpStatusCode?: number; attempts?: number };
    };
    return {
      name: e.name,
      message: e.message,
      status: e.$metadata?.httpStatusCode,
      attempts: e.$metadata?.attempts,
    };
  }
  throw new Error('expected the call to fail');
}

export interface ScratchDatabase {
  name: string;
  pool: pg.Pool;
  address: { host: string; port: number; user: string; password: string };
  drop(): Promise<void>;
}

/** A fresh database on the shared test server, as its superuser. */
export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const address = inject('pg');
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ ...address, database: 'postgres' });
  admin.on('error', () => undefined);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = new pg.Pool({ ...address, database: name, max: 4 });
  pool.on('error', () => undefined);
  return {
    name,
    pool,
    address,
    drop: async () => {
      await pool.end();
      const c = new pg.Client({ ...address, database: 'postgres' });
      c.on('error', () => undefined);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
