// The contract every alert rule meets (issue #12), in base so any area can author rules on its own
// verdicts: views (newly slow), and later batches (#10: SLA, failed jobs) and loads (#11: feeds) export
// AlertRule values and the composition root hands them to core/alerts, which never imports them.
import type Database from 'better-sqlite3';
import type { AlertSeverity } from '../../../shared/model/alert.ts';
import type { AlertRuleBound, AlertScopeKind } from '../../../shared/model/alertRule.ts';

export interface AlertRuleContext {
  db: Database.Database;
  connectionId: string;
  /** The instant the rule judges (now, or a past instant when history is replayed). */
  nowUs: number;
}

/** A condition that holds now: one per subject (the same subject on the next pass is the same incident). */
export interface AlertFinding {
  /** Stable for the thing it is about: "queue:6", "statement:1234", "disk". */
  subject: string;
  severity: AlertSeverity;
  /** Plain words with the numbers and the rule. */
  message: string;
  /** Hash URL of the view that explains it (#/wlm?c=...). */
  link: string;
  /** The queue, job or feed it is about, for a rule's scope and for exemptions ("nightly_dq_checks"). */
  about?: Partial<Record<AlertScopeKind, string>>;
}

export interface AlertRule {
  /** Stable id, stored with every incident ("disk-used"). */
  id: string;
  /** The rule and its thresholds in words. */
  description: string;
  /** Reads the store only; what holds at ctx.nowUs. */
  evaluate(ctx: AlertRuleContext): AlertFinding[];
}

/**
 * A rule a team can tune in the app: what can be set and how to build the rule from it. Enabled,
 * severity and scope are applied to any rule's findings by core/alerts; threshold and duration mean
 * what the kind says (its unit), so only the kind builds with them.
 */
export interface AlertRuleKind {
  id: string;
  title: string;
  threshold: (AlertRuleBound & { default: number }) | null;
  duration: (AlertRuleBound & { default: number }) | null;
  /** The severity of the rule's top level as it ships. */
  severity: AlertSeverity;
  /** Off by default (a rule a team opts into). */
  disabled?: boolean;
  scopes: AlertScopeKind[];
  /** A slow-moving verdict may be reused this long between passes (core/alerts/cachedRule.ts). */
  cacheMs?: number;
  build(s: { threshold: number | null; durationMinutes: number | null }): AlertRule;
}

/** `#/page?c=connection&...`, the renderer's route format (renderer/src/app/route.ts). */
export function viewLink(
  page: string,
  connectionId: string,
  params: Record<string, string | number> = {},
): string {
  const search = new URLSearchParams({ c: connectionId });
  for (const [k, v] of Object.entries(params)) search.set(k, String(v));
  return `#/${page}?${search.toString()}`;
}
