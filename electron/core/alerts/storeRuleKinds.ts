// The rules on data every connection has (disk, health, collector, queues, live statements) as kinds a
// team can tune in the app: what each threshold and duration means, in its unit and within bounds, and
// the rule it builds. Their defaults are the values the rules shipped with.
import type { AlertRuleKind } from '../base/AlertRule.ts';
import { clusterHealthRule } from './rules/clusterHealthRule.ts';
import { collectorRule } from './rules/collectorRule.ts';
import { diskUsedRule } from './rules/diskUsedRule.ts';
import { longRunningRule } from './rules/longRunningRule.ts';
import { queueWaitRule } from './rules/queueWaitRule.ts';

/** The digest level of the disk rule sits this many points under its page level. */
const DISK_WARNING_GAP = 10;

export const STORE_RULE_KINDS: readonly AlertRuleKind[] = [
  {
    id: 'disk-used',
    title: 'Disk used',
    threshold: { label: 'Page at', unit: '% used (digest 10 points lower)', min: 50, max: 100, default: 95 },
    duration: null,
    severity: 'critical',
    scopes: [],
    build: ({ threshold }) => {
      const critical = threshold ?? 95;
      return diskUsedRule({ warningPercent: critical - DISK_WARNING_GAP, criticalPercent: critical });
    },
  },
  {
    id: 'cluster-health',
    title: 'Cluster health',
    threshold: null,
    duration: { label: 'Unhealthy for', unit: 'min', min: 2, max: 240, default: 10 },
    severity: 'critical',
    scopes: [],
    build: ({ durationMinutes }) => clusterHealthRule({ minutes: durationMinutes ?? 10 }),
  },
  {
    id: 'collector',
    title: 'Collector failing or a collection gap',
    threshold: null,
    duration: { label: 'Page after failing for', unit: 'min', min: 20, max: 1440, default: 120 },
    severity: 'critical',
    scopes: [],
    build: ({ durationMinutes }) =>
      collectorRule({ warnMinutes: 15, criticalMinutes: durationMinutes ?? 120 }),
  },
  {
    id: 'queue-wait',
    title: 'Queue wait p95',
    threshold: { label: 'p95 wait over', unit: 'min', min: 1, max: 720, default: 15 },
    duration: { label: 'Over the last', unit: 'min', min: 5, max: 720, default: 30 },
    severity: 'warning',
    scopes: ['queue'],
    build: ({ threshold, durationMinutes }) =>
      queueWaitRule({ thresholdMinutes: threshold ?? 15, minutes: durationMinutes ?? 30, minStatements: 5 }),
  },
  {
    id: 'long-running',
    title: 'Statement running long in a queue',
    threshold: { label: 'In its queue for more than', unit: 'min', min: 5, max: 2880, default: 150 },
    duration: null,
    severity: 'warning',
    scopes: ['queue', 'job'],
    build: ({ threshold }) => longRunningRule({ minutes: threshold ?? 150 }),
  },
];
