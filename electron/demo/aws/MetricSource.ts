// What the CloudWatch side of the stand-in asks the rest of the double for: the raw datapoints one
// AWS/Redshift metric publishes over a time range. The stand-in does everything CloudWatch itself
// does (dimension sets, Period buckets, statistics, retention, paging); a source only knows what the
// cluster "measured".

export interface MetricQuery {
  metricName: string;
  /** The exact dimension set of the GetMetricData query (REFERENCE 5.1), e.g. { ClusterIdentifier, QueueName }. */
  dimensions: Readonly<Record<string, string>>;
  /**
   * The WLM service class the query is about, resolved by the stand-in from the `service class`,
   * `wlmid` or `QueueName` dimension against the active WLM configuration.
   */
  serviceClass?: number;
  /**
   * `[start, end)`, aligned to `resolutionSeconds`. A sample stamped t covers [t, t + resolution):
   * the value CloudWatch would have received for that minute (or five minutes).
   */
  start: Date;
  end: Date;
  /** 60 for per-minute metrics, 300 for Redshift's 5-minute metrics (REFERENCE 5.1). */
  resolutionSeconds: 60 | 300;
}

export interface MetricSample {
  timestamp: Date;
  value: number;
}

/** Returns at most one sample per resolution step; missing steps are simply absent (no data). */
export type MetricSource = (query: MetricQuery) => Promise<MetricSample[]>;
