// A rule whose verdict moves slowly (newly slow compares 36 hours with 14 days) need not be read again
// after every collector pass: its findings are kept per connection for `ms` of the judged clock, so a
// pass costs nothing between refreshes (live data rules stay uncached). The replay, stepping further
// than `ms`, recomputes at every step.
import type { AlertFinding, AlertRule } from '../base/AlertRule.ts';

export function cachedRule(rule: AlertRule, ms: number): AlertRule {
  const kept = new Map<string, { atUs: number; findings: AlertFinding[] }>();
  return {
    id: rule.id,
    description: rule.description,
    evaluate(ctx) {
      const hit = kept.get(ctx.connectionId);
      if (hit && ctx.nowUs >= hit.atUs && ctx.nowUs - hit.atUs < ms * 1000) return hit.findings;
      const findings = rule.evaluate(ctx);
      kept.set(ctx.connectionId, { atUs: ctx.nowUs, findings });
      return findings;
    },
  };
}
