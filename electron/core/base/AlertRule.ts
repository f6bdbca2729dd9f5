// The contract every alert rule meets (issue #12), in base so any area can author rules on its own
// verdicts: views (newly slow), and later batches (#10: SLA, failed jobs) and loads (#11: feeds) export
// AlertRule values and the composition root hands them to core/alerts, which never imports them.
import type Database from 'better-sqlite3';
import type { AlertSeverity } from '../../../shared/model/alert.ts';

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
}

export interface AlertRule {
  /** Stable id, stored with every incident ("disk-used"). */
  id: string;
  /** The rule and its thresholds in words. */
  description: string;
  /** Reads the store only; what holds at ctx.nowUs. */
  evaluate(ctx: AlertRuleContext): AlertFinding[];
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
