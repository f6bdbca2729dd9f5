// The AWS/Redshift metrics the stand-in publishes, with CloudWatch units, emission interval and the
// exact dimension sets of REFERENCE 5.1. A GetMetricData query must name one set exactly and use
// existing values, otherwise CloudWatch has no such metric and returns no datapoints.
//
// Dimension value choices (REFERENCE 7.7): `service class` and `wlmid` both carry the service class id
// as a decimal string ("6", "100", "14"); AWS does not document the wlmid format, so we chose the same
// id for both. QueueName is the queue `name` of the active WLM configuration (SQA has none).
// QueryPriority is published only under automatic WLM (manual queues have no priority).
// Not published: QueryRuntimeBreakdown, schema quota and usage-limit metrics, RA3 managed storage.

export const NAMESPACE = 'AWS/Redshift';
export const CLUSTER_DIMENSION = 'ClusterIdentifier';

export interface MetricSpec {
  name: string;
  unit: string;
  /** Emission interval in seconds: 60, or 300 for Redshift's 5-minute metrics. */
  resolution: 60 | 300;
  dimensionSets: readonly (readonly string[])[];
  /** NodeID includes `Leader` (only CPUUtilization, NetworkTransmitThroughput, ReadIOPS). */
  leaderNode?: boolean;
  /** Not published for single-node clusters. */
  multiNodeOnly?: boolean;
  /** `state`: computed by the stand-in from cluster state; `source`: asked of the MetricSource. */
  origin: 'source' | 'state';
}

const CI = CLUSTER_DIMENSION;
const NODE = [CI, 'NodeID'] as const;
const CLUSTER = [CI] as const;
/** The WLM metrics published per queue, by id and by name. */
const PER_QUEUE = [
  [CI, 'wlmid'],
  [CI, 'QueueName'],
] as const;

export const METRICS: readonly MetricSpec[] = [
  {
    name: 'CPUUtilization',
    unit: 'Percent',
    resolution: 60,
    dimensionSets: [NODE, CLUSTER],
    leaderNode: true,
    origin: 'source',
  },
  {
    name: 'PercentageDiskSpaceUsed',
    unit: 'Percent',
    resolution: 60,
    dimensionSets: [CLUSTER, NODE],
    origin: 'source',
  },
  { name: 'DatabaseConnections', unit: 'Count', resolution: 60, dimensionSets: [CLUSTER], origin: 'source' },
  { name: 'HealthStatus', unit: 'Count', resolution: 60, dimensionSets: [CLUSTER], origin: 'state' },
  { name: 'MaintenanceMode', unit: 'Count', resolution: 60, dimensionSets: [CLUSTER], origin: 'state' },
  {
    name: 'QueriesCompletedPerSecond',
    unit: 'Count/Second',
    resolution: 300,
    dimensionSets: [
      [CI, 'latency'],
      [CI, 'wlmid'],
    ],
    multiNodeOnly: true,
    origin: 'source',
  },
  {
    name: 'QueryDuration',
    unit: 'Microseconds',
    resolution: 300,
    dimensionSets: [
      [CI, 'NodeID', 'latency'],
      [CI, 'latency'],
      [CI, 'NodeID', 'wlmid'],
    ],
    multiNodeOnly: true,
    origin: 'source',
  },
  {
    name: 'WLMQueueLength',
    unit: 'Count',
    resolution: 60,
    dimensionSets: [
      [CI, 'service class'],
      [CI, 'QueueName'],
    ],
    origin: 'source',
  },
  {
    name: 'WLMQueueWaitTime',
    unit: 'Milliseconds',
    resolution: 300,
    dimensionSets: [
      [CI, 'QueryPriority'],
      [CI, 'wlmid'],
      [CI, 'QueueName'],
    ],
    origin: 'source',
  },
  {
    name: 'WLMQueriesCompletedPerSecond',
    unit: 'Count/Second',
    resolution: 300,
    dimensionSets: PER_QUEUE,
    multiNodeOnly: true,
    origin: 'source',
  },
  {
    name: 'WLMQueryDuration',
    unit: 'Microseconds',
    resolution: 300,
    dimensionSets: PER_QUEUE,
    multiNodeOnly: true,
    origin: 'source',
  },
  {
    name: 'WLMRunningQueries',
    unit: 'Count',
    resolution: 60,
    dimensionSets: PER_QUEUE,
    origin: 'source',
  },
  { name: 'CommitQueueLength', unit: 'Count', resolution: 60, dimensionSets: [CLUSTER], origin: 'source' },
  {
    name: 'ConcurrencyScalingActiveClusters',
    unit: 'Count',
    resolution: 60,
    dimensionSets: [CLUSTER],
    origin: 'state',
  },
  {
    name: 'MaxConfiguredConcurrencyScalingClusters',
    unit: 'Count',
    resolution: 60,
    dimensionSets: [CLUSTER],
    origin: 'state',
  },
  {
    name: 'ReadIOPS',
    unit: 'Count/Second',
    resolution: 60,
    dimensionSets: [NODE, CLUSTER],
    leaderNode: true,
    origin: 'source',
  },
  {
    name: 'WriteIOPS',
    unit: 'Count/Second',
    resolution: 60,
    dimensionSets: [NODE, CLUSTER],
    origin: 'source',
  },
  { name: 'ReadLatency', unit: 'Seconds', resolution: 60, dimensionSets: [NODE, CLUSTER], origin: 'source' },
  { name: 'WriteLatency', unit: 'Seconds', resolution: 60, dimensionSets: [NODE, CLUSTER], origin: 'source' },
  { name: 'ReadThroughput', unit: 'Bytes', resolution: 60, dimensionSets: [NODE, CLUSTER], origin: 'source' },
  {
    name: 'WriteThroughput',
    unit: 'Bytes',
    resolution: 60,
    dimensionSets: [NODE, CLUSTER],
    origin: 'source',
  },
  {
    name: 'NetworkReceiveThroughput',
    unit: 'Bytes/Second',
    resolution: 60,
    dimensionSets: [NODE, CLUSTER],
    origin: 'source',
  },
  {
    name: 'NetworkTransmitThroughput',
    unit: 'Bytes/Second',
    resolution: 60,
    dimensionSets: [NODE, CLUSTER],
    leaderNode: true,
    origin: 'source',
  },
  { name: 'TotalTableCount', unit: 'Count', resolution: 60, dimensionSets: [CLUSTER], origin: 'source' },
];

export const LATENCY_VALUES = ['short', 'medium', 'long'] as const;
export const QUERY_PRIORITY_VALUES = ['CRITICAL', 'HIGHEST', 'HIGH', 'NORMAL', 'LOW', 'LOWEST'] as const;

/** What the dimension values can be right now: the cluster's nodes and the active WLM's queues. */
export interface MetricContext {
  clusterIdentifier: string;
  numberOfNodes: number;
  wlmMode: 'auto' | 'manual';
  /** Service classes of the active WLM (user queues, plus 14 when SQA is on). */
  serviceClasses: readonly { serviceClass: number; name: string; isSqa: boolean }[];
}

function nodeIds(spec: MetricSpec, ctx: MetricContext): string[] {
  // REFERENCE 5.1: `Shared` on a single-node cluster; otherwise Leader (three metrics only) + Compute-n.
  if (ctx.numberOfNodes <= 1) return ['Shared'];
  const compute = Array.from({ length: ctx.numberOfNodes }, (_, i) => `Compute-${i}`);
  return spec.leaderNode === true ? ['Leader', ...compute] : compute;
}

function valuesOf(dimension: string, spec: MetricSpec, ctx: MetricContext): string[] {
  switch (dimension) {
    case CI:
      return [ctx.clusterIdentifier];
    case 'NodeID':
      return nodeIds(spec, ctx);
    case 'latency':
      return [...LATENCY_VALUES];
    case 'service class':
    case 'wlmid':
      return ctx.serviceClasses.map((s) => String(s.serviceClass));
    case 'QueueName':
      return ctx.serviceClasses.filter((s) => !s.isSqa).map((s) => s.name);
    case 'QueryPriority':
      return ctx.wlmMode === 'auto' ? [...QUERY_PRIORITY_VALUES] : [];
    default:
      return [];
  }
}

export function isPublished(spec: MetricSpec, ctx: MetricContext): boolean {
  return !(spec.multiNodeOnly === true && ctx.numberOfNodes <= 1);
}

/** Every dimension combination under which the metric is published now (for ListMetrics). */
export function seriesOf(spec: MetricSpec, ctx: MetricContext): Record<string, string>[] {
  if (!isPublished(spec, ctx)) return [];
  const out: Record<string, string>[] = [];
  for (const set of spec.dimensionSets) {
    let combos: Record<string, string>[] = [{}];
    for (const dim of set) {
      const values = valuesOf(dim, spec, ctx);
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [dim]: v })));
    }
    out.push(...combos);
  }
  return out;
}

export interface ResolvedSeries {
  spec: MetricSpec;
  serviceClass?: number;
}

/**
 * The published series a GetMetricData query names, or null when CloudWatch would have no such metric
 * (wrong namespace or name, a dimension set that is not published, or a value that does not exist).
 */
export function resolveSeries(
  namespace: string,
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
  ctx: MetricContext,
): ResolvedSeries | null {
  if (namespace !== NAMESPACE) return null;
  const spec = METRICS.find((m) => m.name === metricName);
  if (spec === undefined || !isPublished(spec, ctx)) return null;
  const names = Object.keys(dimensions).sort();
  const set = spec.dimensionSets.find(
    (s) => s.length === names.length && [...s].sort().every((n, i) => n === names[i]),
  );
  if (set === undefined) return null;
  for (const dim of set) {
    const value = dimensions[dim];
    if (value === undefined || !valuesOf(dim, spec, ctx).includes(value)) return null;
  }
  const resolved: ResolvedSeries = { spec };
  const byId = dimensions['service class'] ?? dimensions.wlmid;
  if (byId !== undefined) resolved.serviceClass = Number(byId);
  const queueName = dimensions.QueueName;
  if (queueName !== undefined) {
    const sc = ctx.serviceClasses.find((s) => !s.isSqa && s.name === queueName);
    if (sc !== undefined) resolved.serviceClass = sc.serviceClass;
  }
  return resolved;
}
