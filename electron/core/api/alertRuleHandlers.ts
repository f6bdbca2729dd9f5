// alerts.* of the rules panel (issue #12): rules and their versions, exemptions and snoozes, what they
// held back, and the replay (in a worker thread: progress events, cancel); answered by the AlertRuleService the core runs.
import type { AlertRuleService } from '../alerts/AlertRuleService.ts';
import type { ApiHandlers } from './dispatch.ts';

type AlertRuleMethods =
  | 'alerts.rules'
  | 'alerts.saveRule'
  | 'alerts.ruleHistory'
  | 'alerts.exemptions'
  | 'alerts.addExemption'
  | 'alerts.endExemption'
  | 'alerts.suppressed'
  | 'alerts.replay'
  | 'alerts.cancelReplay';

export function alertRuleHandlers(deps: { rules: AlertRuleService }): Pick<ApiHandlers, AlertRuleMethods> {
  const { rules } = deps;
  return {
    'alerts.rules': async ({ connectionId }) => rules.rules(connectionId),
    'alerts.saveRule': async (args) => rules.saveRule(args),
    'alerts.ruleHistory': async ({ connectionId, ruleId }) => rules.ruleHistory(connectionId, ruleId),
    'alerts.exemptions': async ({ connectionId }) => rules.exemptions(connectionId),
    'alerts.addExemption': async (args) => rules.addExemption(args),
    'alerts.endExemption': async (args) => rules.endExemption(args),
    'alerts.suppressed': async ({ connectionId, limit }) => rules.suppressed(connectionId, limit ?? 200),
    'alerts.replay': async (args) => rules.replay(args),
    'alerts.cancelReplay': async (args) => rules.cancelReplay(args),
  };
}
