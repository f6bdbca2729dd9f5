// The AWS stand-in wired to the double: the demo cluster's identity (DEMO_CLUSTER), metrics from the
// double's tables (createSqlMetricSource), temporary passwords as real expiring logins
// (createPgTemporaryPasswords), and the WLM in effect read from rs_internal.wlm_active when the live
// engine has stored one. What happens when a WLM change takes effect stays with the caller (the live
// engine applies it to its queues and writes rs_internal.wlm_active).
import type { Pool } from 'pg';
import { DEMO_CLUSTER, DEMO_WLM_JSON } from '../defaultWlmConfiguration.ts';
import { createAwsStandIn, type AwsStandIn, type AwsStandInOptions } from './createAwsStandIn.ts';
import { createPgTemporaryPasswords } from './createPgTemporaryPasswords.ts';
import { createSqlMetricSource } from './createSqlMetricSource.ts';

/** Static keys the demo stand-in accepts (test-bed only, like the demo users' passwords). */
export const DEMO_AWS_CREDENTIALS = {
  accessKeyId: 'AKIDNIGHTSHIFTDEMO',
  secretAccessKey: 'nightshift-demo-secret',
} as const;

export interface DemoAwsStandInOptions {
  /** Superuser pool on the double's database (`dev`); its owner keeps an 'error' listener on it. */
  pool: Pool;
  /** Where clients reach the double's PostgreSQL (DescribeClusters Endpoint). */
  endpoint: { address: string; port: number };
  onWlmApplied(json: string): Promise<void>;
  onReboot?(): Promise<void>;
  /** Default: DEMO_AWS_CREDENTIALS mapped to IAM:nightshift. */
  credentials?: AwsStandInOptions['credentials'];
  port?: number;
  now?: () => Date;
  dynamicApplySeconds?: number;
  rebootSeconds?: number;
  onError?(error: unknown): void;
}

async function activeWlmJson(pool: Pool): Promise<string> {
  const table = await pool.query<{ ok: boolean }>(
    `SELECT to_regclass('rs_internal.wlm_active') IS NOT NULL AS ok`,
  );
  if (table.rows[0]?.ok !== true) return DEMO_WLM_JSON;
  const row = await pool.query<{ json: string }>('SELECT json FROM rs_internal.wlm_active WHERE id = 1');
  return row.rows[0]?.json ?? DEMO_WLM_JSON;
}

export async function createDemoAwsStandIn(options: DemoAwsStandInOptions): Promise<AwsStandIn> {
  const { pool } = options;
  return createAwsStandIn({
    cluster: {
      identifier: DEMO_CLUSTER.clusterIdentifier,
      region: DEMO_CLUSTER.region,
      endpoint: options.endpoint,
      dbName: DEMO_CLUSTER.database,
      // The console's default master user name; the double's real superuser is not exposed.
      masterUsername: 'awsuser',
      nodeType: DEMO_CLUSTER.nodeType,
      numberOfNodes: DEMO_CLUSTER.numberOfNodes,
    },
    parameterGroupName: DEMO_CLUSTER.parameterGroupName,
    initialWlmJson: await activeWlmJson(pool),
    credentials: options.credentials ?? [{ ...DEMO_AWS_CREDENTIALS, iamIdentity: 'IAM:nightshift' }],
    issueTemporaryPassword: createPgTemporaryPasswords(pool),
    onWlmApplied: options.onWlmApplied,
    ...(options.onReboot ? { onReboot: options.onReboot } : {}),
    metrics: createSqlMetricSource(pool, DEMO_CLUSTER.clusterIdentifier, {
      numberOfNodes: DEMO_CLUSTER.numberOfNodes,
      ...(options.now ? { now: options.now } : {}),
    }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.dynamicApplySeconds !== undefined
      ? { dynamicApplySeconds: options.dynamicApplySeconds }
      : {}),
    ...(options.rebootSeconds !== undefined ? { rebootSeconds: options.rebootSeconds } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
