// A rule whose verdict moves slowly (newly slow compares 36 hours with 14 days) need not be read again
// after every collector pass: its findings are kept per connection for `ms` of the judged clock, so a
// pass costs nothing between refreshes (live data rules stay uncached). The replay, stepping further
// than `ms`, recomputes at every step.
// `since` says which history a verdict was judged on (the alert service passes when the query history
// last caught up, null while it is still arriving): a verdict is kept only for the history it was judged
// on. A first start's first pass judged a few pages of history, and keeping that verdict hid the rest's
// regressions for the whole interval.
import type { AlertFinding, AlertRule, AlertRuleContext } from '../base/AlertRule.ts';

export function cachedRule(
  rule: AlertRule,
  ms: number,
  since: (ctx: AlertRuleContext) => number | null = () => 0,
): AlertRule {
  const kept = new Map<string, { atUs: number; sinceUs: number; findings: AlertFinding[] }>();
  return {
    id: rule.id,
    description: rule.description,
    evaluate(ctx) {
      const sinceUs = since(ctx);
      const hit = kept.get(ctx.connectionId);
      if (hit && hit.sinceUs === sinceUs && ctx.nowUs >= hit.atUs && ctx.nowUs - hit.atUs < ms * 1000)
        return hit.findings;
      const findings = rule.evaluate(ctx);
      if (sinceUs === null) kept.delete(ctx.connectionId);
      else kept.set(ctx.connectionId, { atUs: ctx.nowUs, sinceUs, findings });
      return findings;
    },
  };
}
