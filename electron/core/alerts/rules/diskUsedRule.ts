// Disk used (CloudWatch PercentageDiskSpaceUsed at cluster level, as the metrics store keeps it): over
// 85 % a warning for the digest, over 95 % a page. Only a recent point counts: an old one says nothing
// about now (the collector rule speaks for missing data).
import type { AlertRule } from '../../base/AlertRule.ts';
import { viewLink } from '../../base/AlertRule.ts';
import { latestClusterPoints } from './latestClusterPoints.ts';

export interface DiskUsedOptions {
  warningPercent: number;
  criticalPercent: number;
}

const FRESH_S = 30 * 60;

export function diskUsedRule(o: DiskUsedOptions = { warningPercent: 85, criticalPercent: 95 }): AlertRule {
  const description = `disk used over ${o.warningPercent} % (warning) / ${o.criticalPercent} % (critical)`;
  return {
    id: 'disk-used',
    description,
    evaluate({ db, connectionId, nowUs }) {
      const nowS = Math.floor(nowUs / 1e6);
      const [point] = latestClusterPoints(
        db,
        connectionId,
        'PercentageDiskSpaceUsed',
        nowS - FRESH_S,
        nowS,
        1,
      );
      if (!point || point.value <= o.warningPercent) return [];
      const critical = point.value > o.criticalPercent;
      return [
        {
          subject: 'disk',
          severity: critical ? 'critical' : 'warning',
          message: `Disk used is ${point.value.toFixed(1)} % (rule: ${description}).`,
          link: viewLink('overview', connectionId),
        },
      ];
    },
  };
}
