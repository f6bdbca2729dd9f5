// The AWS/Redshift series the views chart, each under one exact dimension set (REFERENCE 5.1: a query
// must match a published set exactly). Cluster-wide series are always asked for; per-queue and
// per-latency series are found with ListMetrics, because their dimension values (queue names) are only
// known to the cluster. Values are stored in CloudWatch's units (REFERENCE 6.2: QueryDuration in
// microseconds, WLMQueueWaitTime in milliseconds).

export const NAMESPACE = 'AWS/Redshift';
export const CLUSTER_DIMENSION = 'ClusterIdentifier';

export interface WantedMetric {
  metric: string;
  /** Dimension names besides ClusterIdentifier. */
  extraDimensions: readonly string[];
  /** 60, or 300 for Redshift's 5-minute metrics (no points exist at a finer period). */
  period: 60 | 300;
}

export const WANTED_METRICS: readonly WantedMetric[] = [
  { metric: 'CPUUtilization', extraDimensions: [], period: 60 },
  { metric: 'PercentageDiskSpaceUsed', extraDimensions: [], period: 60 },
  { metric: 'DatabaseConnections', extraDimensions: [], period: 60 },
  { metric: 'HealthStatus', extraDimensions: [], period: 60 },
  { metric: 'MaintenanceMode', extraDimensions: [], period: 60 },
  { metric: 'CommitQueueLength', extraDimensions: [], period: 60 },
  { metric: 'WLMQueueLength', extraDimensions: ['QueueName'], period: 60 },
  { metric: 'WLMRunningQueries', extraDimensions: ['QueueName'], period: 60 },
  { metric: 'WLMQueueWaitTime', extraDimensions: ['QueueName'], period: 300 },
  { metric: 'WLMQueriesCompletedPerSecond', extraDimensions: ['QueueName'], period: 300 },
  { metric: 'QueryDuration', extraDimensions: ['latency'], period: 300 },
  { metric: 'QueriesCompletedPerSecond', extraDimensions: ['latency'], period: 300 },
];

export interface WantedSeries {
  metric: string;
  dimensions: Record<string, string>;
  period: 60 | 300;
}

/** The wanted metric a ListMetrics entry is an instance of, or undefined (other metric or dimension set). */
export function matchWanted(metric: string, dimensionNames: readonly string[]): WantedMetric | undefined {
  const names = [...dimensionNames].sort();
  return WANTED_METRICS.find((w) => {
    if (w.metric !== metric) return false;
    const expected = [CLUSTER_DIMENSION, ...w.extraDimensions].sort();
    return expected.length === names.length && expected.every((n, i) => n === names[i]);
  });
}

/** The series that need no discovery: cluster-wide metrics under {ClusterIdentifier}. */
export function clusterWideSeries(clusterIdentifier: string): WantedSeries[] {
  return WANTED_METRICS.filter((w) => w.extraDimensions.length === 0).map((w) => ({
    metric: w.metric,
    dimensions: { [CLUSTER_DIMENSION]: clusterIdentifier },
    period: w.period,
  }));
}
