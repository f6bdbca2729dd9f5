// Alert rules as a team tunes them (issue #12): each rule's settings (threshold, duration, severity,
// enabled, scope), saved as versions with who and why; exemptions and snoozes that hold back findings
// of a rule, job, feed or queue until they end by themselves; and the replay of a rule set over stored
// history, night by night.
import type { AlertSeverity } from './alert.ts';

export type AlertScopeKind = 'queue' | 'job' | 'feed';

/** What a rule's findings are limited to: the queue, job or feed whose name contains `value`. */
export interface AlertScope {
  kind: AlertScopeKind;
  value: string;
}

export interface AlertRuleSettings {
  enabled: boolean;
  /** The severity of the rule's top level (a two-level rule's lower level never rises above it). */
  severity: AlertSeverity;
  /** In the rule's unit (see AlertRuleInfo.threshold); null for a rule without one. */
  threshold: number | null;
  durationMinutes: number | null;
  /** null: every subject. */
  scope: AlertScope | null;
}

export interface AlertRuleBound {
  label: string;
  unit: string;
  min: number;
  max: number;
}

/** A rule as the rules panel shows it: what it is, what can be set, and its settings in force. */
export interface AlertRuleInfo {
  ruleId: string;
  title: string;
  /** The rule in words with the settings in force. */
  description: string;
  threshold: AlertRuleBound | null;
  duration: AlertRuleBound | null;
  scopes: AlertScopeKind[];
  defaults: AlertRuleSettings;
  settings: AlertRuleSettings;
  /** 0: the defaults (never saved). */
  version: number;
  /** '' when the version in force applies to every connection. */
  versionConnectionId: string;
}

export interface AlertRuleVersion {
  ruleId: string;
  connectionId: string;
  version: number;
  settings: AlertRuleSettings;
  author: string;
  note: string;
  createdAt: string;
  /** What changed against the version before, in words. */
  changes: string[];
}

export interface SaveAlertRuleArgs {
  connectionId: string;
  ruleId: string;
  settings: AlertRuleSettings;
  /** Save for every connection instead of this one. */
  allConnections?: boolean;
  author: string;
  note: string;
}

export type ExemptionKind = 'rule' | 'job' | 'feed' | 'queue';

export interface AlertExemption {
  id: number;
  connectionId: string;
  kind: ExemptionKind;
  /** The rule id, job label, feed (table or source prefix) or queue name. */
  target: string;
  /** Only this rule's findings about the target; null: every rule's. */
  ruleId: string | null;
  /** Recurring on these local weekdays (0 = Sunday); null: a snooze from `from` to `until`. */
  weekdays: number[] | null;
  timeZone: string;
  from: string;
  until: string;
  author: string;
  reason: string;
  createdAt: string;
  endedAt: string | null;
  endedBy: string | null;
  /** In force at this instant. */
  activeNow: boolean;
  /** Findings it held back (recorded as suppressed incidents). */
  suppressed: number;
}

export interface AddExemptionArgs {
  connectionId: string;
  kind: ExemptionKind;
  target: string;
  ruleId?: string | null;
  weekdays?: number[] | null;
  /** Default: the connection's alert time zone. */
  timeZone?: string;
  /** Default: now. */
  from?: string;
  until: string;
  author: string;
  reason: string;
}

export interface EndExemptionArgs {
  exemptionId: number;
  by: string;
}

/** A suppressed finding, recorded: which exemption held it back. */
export interface SuppressedIncident {
  incidentId: number;
  exemptionId: number;
  ruleId: string;
  subject: string;
  severity: AlertSeverity;
  message: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
}

export interface ReplayArgs {
  connectionId: string;
  /** Nights back from now (1-90). */
  nights: number;
  /** An edited (unsaved) rule set: rule id -> settings; rules not named keep the settings in force. */
  rules?: Record<string, AlertRuleSettings> | null;
  /** Chosen by the caller to follow the 'alerts.replay' progress events and to cancel the run. */
  replayId?: string | null;
}

/** A replay running in its worker moved on (pushed as 'alerts.replay'); done counts judged steps. */
export interface ReplayProgressEvent {
  replayId: string;
  connectionId: string;
  done: number;
  total: number;
  finished: boolean;
}

export interface CancelReplayArgs {
  replayId: string;
}

export interface ReplayNight {
  /** Local date of the digest that closes the night. */
  digestDate: string;
  pages: number;
  digestItems: number;
  suppressed: number;
  paged: string[];
  digest: string[];
}

export interface ReplaySide {
  pages: number;
  digestItems: number;
  suppressed: number;
  nights: ReplayNight[];
}

/** The rules in force and, when an edited set was given, the edited set, over the same nights. */
export interface ReplayComparison {
  connectionId: string;
  from: string;
  to: string;
  nights: number;
  current: ReplaySide;
  edited: ReplaySide | null;
  /** "Last 30 nights: 41 pages with the current rules, 3 with these." */
  summary: string;
}
