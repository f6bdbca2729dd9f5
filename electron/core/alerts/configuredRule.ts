// A rule kind with a team's settings applied (issue #12): off when disabled; its thresholds built in;
// findings outside its scope (a queue, job or feed) dropped; its top level raised or lowered to the
// chosen severity and a lower level never above it (a disk rule set to "warning" never pages).
import type { AlertSeverity } from '../../../shared/model/alert.ts';
import { SEVERITY_ORDER } from '../../../shared/model/alert.ts';
import type { AlertRuleSettings } from '../../../shared/model/alertRule.ts';
import type { AlertFinding, AlertRule, AlertRuleContext, AlertRuleKind } from '../base/AlertRule.ts';
import { cachedRule } from './cachedRule.ts';

export function defaultSettings(kind: AlertRuleKind): AlertRuleSettings {
  return {
    enabled: kind.disabled !== true,
    severity: kind.severity,
    threshold: kind.threshold?.default ?? null,
    durationMinutes: kind.duration?.default ?? null,
    scope: null,
  };
}

/** Why settings cannot be used for a kind, in words; null when they can. */
export function settingsProblem(kind: AlertRuleKind, s: AlertRuleSettings): string | null {
  for (const [name, bound, value] of [
    ['threshold', kind.threshold, s.threshold],
    ['duration', kind.duration, s.durationMinutes],
  ] as const) {
    if (bound === null && value !== null) return `The rule "${kind.title}" has no ${name}.`;
    if (bound !== null && value === null) return `The rule "${kind.title}" needs a ${name}.`;
    if (bound !== null && value !== null && (value < bound.min || value > bound.max))
      return `The ${name} of "${kind.title}" must be between ${bound.min} and ${bound.max} ${bound.unit}.`;
  }
  if (s.scope !== null && !kind.scopes.includes(s.scope.kind))
    return kind.scopes.length === 0
      ? `The rule "${kind.title}" cannot be limited to a queue, job or feed.`
      : `The rule "${kind.title}" can be limited to a ${kind.scopes.join(' or ')}, not a ${s.scope.kind}.`;
  if (s.scope !== null && s.scope.value.trim() === '') return 'Name the queue, job or feed of the scope.';
  return null;
}

const lowest = (a: AlertSeverity, b: AlertSeverity): AlertSeverity =>
  SEVERITY_ORDER[a] >= SEVERITY_ORDER[b] ? a : b;

/**
 * `slowCacheMs`: how long a slow-moving rule's verdict is reused (the replay reuses it longer);
 * `judgedSince`: which history a verdict was judged on (cachedRule.ts).
 */
export function configuredRule(
  kind: AlertRuleKind,
  s: AlertRuleSettings,
  slowCacheMs = kind.cacheMs,
  judgedSince?: (ctx: AlertRuleContext) => number | null,
): AlertRule | null {
  if (!s.enabled) return null;
  let rule = kind.build({ threshold: s.threshold, durationMinutes: s.durationMinutes });
  if (kind.cacheMs !== undefined && slowCacheMs !== undefined)
    rule = cachedRule(rule, slowCacheMs, judgedSince);
  const scope = s.scope;
  const value = scope?.value.trim().toLowerCase() ?? '';
  const inScope = (f: AlertFinding) => {
    if (scope === null) return true;
    const about = f.about?.[scope.kind];
    return about !== undefined && about.toLowerCase().includes(value);
  };
  const severityOf = (f: AlertFinding): AlertSeverity =>
    f.severity === kind.severity ? s.severity : lowest(f.severity, s.severity);
  const inner = rule;
  return {
    id: kind.id,
    description:
      scope === null ? inner.description : `${inner.description}; only ${scope.kind} "${scope.value}"`,
    evaluate(ctx) {
      return inner
        .evaluate(ctx)
        .filter(inScope)
        .map((f) => (severityOf(f) === f.severity ? f : { ...f, severity: severityOf(f) }));
    },
  };
}
