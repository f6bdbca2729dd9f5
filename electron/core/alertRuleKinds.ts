// Every area's alert rules as kinds a team tunes in the app (issue #12): the core's alert service and
// the replay's worker thread build their rules from this one list.
import type { AlertRuleKind } from './base/AlertRule.ts';
import { STORE_RULE_KINDS } from './alerts/storeRuleKinds.ts';
import { BATCH_RULE_KINDS } from './batches/batchAlertRules.ts';
import { FEED_RULE_KINDS } from './loads/feedAlertRules.ts';
import { newlySlowRuleKind } from './views/newlySlowRule.ts';

export const ALERT_RULE_KINDS: readonly AlertRuleKind[] = [
  ...STORE_RULE_KINDS,
  newlySlowRuleKind,
  ...BATCH_RULE_KINDS,
  ...FEED_RULE_KINDS,
];
