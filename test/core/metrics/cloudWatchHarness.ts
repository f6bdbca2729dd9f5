// The metrics job against the real AWS stand-in (electron/demo/aws) through the real
// @aws-sdk/client-cloudwatch built by createCloudWatchApi: a movable clock, a deterministic metric
// source (with optional quiet spans and failures), a fresh store, and a record of every GetMetricData
// request the client sent.
import type { CloudWatchClient, GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { JobContext } from '../../../electron/core/collector/Job.ts';
import { createCloudWatchApi } from '../../../electron/core/aws/createCloudWatchApi.ts';
import type { Logger } from '../../../electron/core/base/Logger.ts';
import type { RedshiftSession } from '../../../electron/core/redshift/RedshiftSession.ts';
import { createAwsStandIn, type AwsStandIn } from '../../../electron/demo/aws/createAwsStandIn.ts';
import type { MetricQuery, MetricSample } from '../../../electron/demo/aws/MetricSource.ts';
import { DEMO_CLUSTER, DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const CLUSTER_ID = DEMO_CLUSTER.clusterIdentifier;
const ACCESS_KEY = 'AKIDMETRICSTEST';
const SECRET_KEY = 'metrics-test-secret';

export interface Clock {
  now(): Date;
  advance(ms: number): void;
}

export function clockAt(start: Date): Clock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** What the demo cluster "measured": a deterministic value per metric, dimension set and minute. */
export function valueOf(metric: string, dims: Readonly<Record<string, string>>, tMs: number): number {
  let h = 0;
  for (const ch of metric + JSON.stringify(Object.entries(dims).sort()))
    h = (h * 31 + ch.charCodeAt(0)) % 1009;
  return (h % 50) + ((tMs / 60_000) % 37) + 0.25;
}

export interface SourceControl {
  /** Spans [from, to) in which the cluster measured nothing (no datapoints, not zeros). */
  quiet: { metric: string; from: number; to: number }[];
  /** Metrics whose source fails (the stand-in answers StatusCode InternalError for them). */
  failing: Set<string>;
}

export interface Harness {
  standIn: AwsStandIn;
  client: CloudWatchClient;
  clock: Clock;
  source: SourceControl;
  /** Every GetMetricData input the client sent, retries by the job included (SDK retries not). */
  requests: GetMetricDataCommandInput[];
  warnings: string[];
  context(db: JobContext['db'], signal?: AbortSignal): JobContext;
  close(): Promise<void>;
}

/** A session that must never be used: the metrics job reads CloudWatch only. */
const noRedshift: RedshiftSession = {
  capabilities: ['provisioned'],
  serverVersion: 'test',
  query: () => Promise.reject(new Error('the metrics job must not query Redshift')),
  close: async () => undefined,
};

export async function startHarness(now: Date): Promise<Harness> {
  const clock = clockAt(now);
  const source: SourceControl = { quiet: [], failing: new Set() };
  const standIn = await createAwsStandIn({
    cluster: {
      identifier: CLUSTER_ID,
      region: DEMO_CLUSTER.region,
      endpoint: { address: '127.0.0.1', port: 5439 },
      dbName: DEMO_CLUSTER.database,
      masterUsername: 'admin',
      nodeType: DEMO_CLUSTER.nodeType,
      numberOfNodes: DEMO_CLUSTER.numberOfNodes,
    },
    parameterGroupName: DEMO_CLUSTER.parameterGroupName,
    initialWlmJson: DEMO_WLM_JSON,
    credentials: [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY }],
    issueTemporaryPassword: async () => 'unused',
    onWlmApplied: async () => undefined,
    now: clock.now,
    metrics: async (q: MetricQuery): Promise<MetricSample[]> => {
      if (source.failing.has(q.metricName)) throw new Error(`${q.metricName} source is down`);
      const step = q.resolutionSeconds * 1000;
      const out: MetricSample[] = [];
      for (let t = q.start.getTime(); t < q.end.getTime(); t += step) {
        if (source.quiet.some((s) => s.metric === q.metricName && t >= s.from && t < s.to)) continue;
        out.push({ timestamp: new Date(t), value: valueOf(q.metricName, q.dimensions, t) });
      }
      return out;
    },
  });
  const client = createCloudWatchApi({
    region: DEMO_CLUSTER.region,
    endpoint: standIn.endpoint,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
  });
  const requests: GetMetricDataCommandInput[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetMetricDataCommand')
        requests.push(args.input as GetMetricDataCommandInput);
      return next(args);
    },
    { step: 'initialize', name: 'recordGetMetricData' },
  );
  const warnings: string[] = [];
  const log: Logger = {
    info: () => undefined,
    warn: (m) => void warnings.push(m),
    error: (m) => void warnings.push(m),
  };
  return {
    standIn,
    client,
    clock,
    source,
    requests,
    warnings,
    context: (db, signal = new AbortController().signal) => ({
      connectionId: 'demo',
      signal,
      db,
      redshift: noRedshift,
      cloudwatch: { client, clusterIdentifier: CLUSTER_ID },
      capabilities: ['provisioned'],
      log,
      now: clock.now,
    }),
    close: async () => {
      client.destroy();
      await standIn.close();
    },
  };
}
