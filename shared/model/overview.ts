// The on-call overview of one connection: health, load, queues now, recent alerts and the slowest
// queries of the last hour. Every part names the view it links to in the renderer.
import type { QueryRow } from './query.ts';

export interface OverviewMetric {
  /** AWS/Redshift metric name (CPUUtilization, PercentageDiskSpaceUsed, DatabaseConnections, HealthStatus). */
  metric: string;
  /** The latest collected value; null when nothing was collected yet. */
  value: number | null;
  at: string | null;
}

export interface QueueNow {
  serviceClass: number;
  queueName: string;
  /** Configured slots; -1 under automatic WLM. */
  slots: number;
  running: number;
  queued: number;
  at: string;
}

export interface OverviewAlert {
  query: number;
  eventTime: string;
  event: string;
  solution: string;
  /** The query's text preview when it is in the stored history. */
  textPreview: string | null;
  userName: string | null;
}

export interface Overview {
  connectionId: string;
  /** DescribeClusters' ClusterStatus from the last cluster snapshot; null when the API is not reachable. */
  clusterStatus: string | null;
  /** Dimensions for metrics.series (cluster-level); null when this connection has no CloudWatch. */
  cloudWatchDimensions: Record<string, string> | null;
  metrics: OverviewMetric[];
  queues: QueueNow[];
  /** Running and queued statements at the last live poll. */
  liveRunning: number;
  liveQueued: number;
  livePolledAt: string | null;
  /** Sessions open at the last live poll (what CloudWatch's DatabaseConnections counts, minutes later). */
  liveSessions: number;
  /** Live statements live activity leaves out by the connection's hidden patterns (counted above). */
  liveHidden: number;
  /** The most recent optimizer alerts (last 24 hours, newest first, at most 10). */
  alerts: OverviewAlert[];
  /** The slowest queries that started in the last hour (at most 10, slowest first). */
  slowest: QueryRow[];
  /** Queries of the last hour left out of `slowest` by the connection's hidden patterns. */
  slowestHidden: number;
}
