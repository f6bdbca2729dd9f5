// Cluster health: CloudWatch HealthStatus (1 healthy, 0 not, REFERENCE 5) at 0 for every point of the
// last `minutes` pages; a recent DescribeClusters status other than "available" (modifying, rebooting,
// resizing) is a warning for the digest. One subject: a cluster has one health.
import type { AlertFinding, AlertRule } from '../../base/AlertRule.ts';
import { viewLink } from '../../base/AlertRule.ts';
import { latestClusterPoints } from './latestClusterPoints.ts';

export interface ClusterHealthOptions {
  /** HealthStatus 0 this long (every minute point) before it pages. */
  minutes: number;
}

const SNAPSHOT_FRESH_US = 30 * 60 * 1e6;

export function clusterHealthRule(o: ClusterHealthOptions = { minutes: 10 }): AlertRule {
  const description = `HealthStatus 0 for ${o.minutes} min (critical); cluster status not "available" (warning)`;
  return {
    id: 'cluster-health',
    description,
    evaluate({ db, connectionId, nowUs }) {
      const nowS = Math.floor(nowUs / 1e6);
      const points = latestClusterPoints(
        db,
        connectionId,
        'HealthStatus',
        nowS - o.minutes * 60,
        nowS,
        10_000,
      );
      // A point a minute: most of the window must be there, and every one of them unhealthy.
      const unhealthy =
        points.length >= Math.max(1, Math.floor(o.minutes * 0.8)) && points.every((p) => p.value < 1);
      const link = viewLink('overview', connectionId);
      if (unhealthy)
        return [
          {
            subject: 'cluster',
            severity: 'critical',
            message: `The cluster reports unhealthy (HealthStatus 0) at every one of the last ${points.length} minute points (rule: ${description}).`,
            link,
          },
        ];
      const snapshot = db
        .prepare(
          `SELECT status, at_us FROM cluster_snapshots WHERE connection_id = ? AND at_us <= ?
           ORDER BY at_us DESC LIMIT 1`,
        )
        .get(connectionId, nowUs) as { status: string | null; at_us: number } | undefined;
      const found: AlertFinding[] = [];
      if (snapshot?.status && snapshot.status !== 'available' && nowUs - snapshot.at_us <= SNAPSHOT_FRESH_US)
        found.push({
          subject: 'cluster',
          severity: 'warning',
          message: `The cluster's status is "${snapshot.status}", not "available" (rule: ${description}).`,
          link,
        });
      return found;
    },
  };
}
