// The overview's figures in words: CloudWatch values with their units (REFERENCE 5.1), the health probe,
// and which queues are full. Pure, so it is unit-tested apart from the tiles.
import type { OverviewMetric, QueueNow } from '../../../../shared/model/overview.ts';

export interface MetricTileDef {
  metric: string;
  title: string;
  /** The page the tile opens. */
  target: 'live' | 'connections';
  format(value: number): string;
}

/** The load tiles, in the order they are shown. HealthStatus is part of the health tile. */
export const METRIC_TILES: readonly MetricTileDef[] = [
  { metric: 'CPUUtilization', title: 'CPU', target: 'live', format: percent },
  { metric: 'PercentageDiskSpaceUsed', title: 'Disk used', target: 'connections', format: percent },
  { metric: 'DatabaseConnections', title: 'Connections', target: 'live', format: count },
];

function percent(v: number): string {
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)} %`;
}

function count(v: number): string {
  return String(Math.round(v));
}

export function metricOf(metrics: readonly OverviewMetric[], name: string): OverviewMetric | undefined {
  return metrics.find((m) => m.metric === name);
}

export type HealthTone = 'ok' | 'warn' | 'error' | 'idle';

/**
 * HealthStatus is 1 healthy, 0 unhealthy; sampled averages can be fractions and anything below 1 is what
 * the console calls UNHEALTHY (REFERENCE 5.1). The cluster status ("available", "modifying", …) comes
 * from DescribeClusters.
 */
export function healthOf(
  clusterStatus: string | null,
  health: number | null,
): { tone: HealthTone; text: string } {
  const probe = health === null ? null : health >= 1 ? 'healthy' : 'unhealthy';
  if (probe === 'unhealthy') return { tone: 'error', text: 'Unhealthy' };
  if (clusterStatus !== null && clusterStatus !== 'available') return { tone: 'warn', text: clusterStatus };
  if (probe === 'healthy') return { tone: 'ok', text: 'Healthy' };
  if (clusterStatus === 'available') return { tone: 'ok', text: 'Available' };
  return { tone: 'idle', text: 'Unknown' };
}

/** A queue whose configured slots are all taken (automatic WLM has no fixed slots: never "full"). */
export function isFull(q: QueueNow): boolean {
  return q.slots > 0 && q.running >= q.slots;
}

export function slotsText(q: QueueNow): string {
  return q.slots < 0 ? `${q.running} running (auto)` : `${q.running} / ${q.slots}`;
}

/** The overview's queue rows: Redshift's own service classes (1-4, REFERENCE 1.2) are left out. */
export function userQueues(queues: readonly QueueNow[]): QueueNow[] {
  return queues.filter((q) => q.serviceClass >= 5);
}
