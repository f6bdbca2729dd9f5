// CloudWatch series as the store serves them: downsampled server-side, gaps as null values.

export interface MetricSeriesArgs {
  connectionId: string;
  /** AWS/Redshift metric name, e.g. CPUUtilization. */
  metric: string;
  /** Exact CloudWatch dimension set, e.g. { ClusterIdentifier: 'x' } or { ClusterIdentifier, QueueName }. */
  dimensions: Record<string, string>;
  from: string;
  to: string;
  /** No response carries more points than this. */
  maxPoints: number;
}

export interface MetricPoint {
  /** Bucket start, epoch milliseconds. */
  t: number;
  /** Average over the bucket; null where nothing was collected (a gap). */
  v: number | null;
  min?: number;
  max?: number;
}

export interface MetricSeries {
  metric: string;
  dimensions: Record<string, string>;
  resolutionSeconds: number;
  points: MetricPoint[];
}
