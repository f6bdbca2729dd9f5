// The default rules on data the store holds today (issue #12), kept conservative: only a full disk, an
// unhealthy cluster and a collector blind for two hours page; the rest waits for the digest. Rules of
// other areas (views' newly slow, later batches and feeds) are added by the composition root.
import type { AlertRule } from '../base/AlertRule.ts';
import { clusterHealthRule } from './rules/clusterHealthRule.ts';
import { collectorRule } from './rules/collectorRule.ts';
import { diskUsedRule } from './rules/diskUsedRule.ts';
import { longRunningRule } from './rules/longRunningRule.ts';
import { queueWaitRule } from './rules/queueWaitRule.ts';

export function defaultStoreRules(): AlertRule[] {
  return [diskUsedRule(), clusterHealthRule(), collectorRule(), queueWaitRule(), longRunningRule()];
}
