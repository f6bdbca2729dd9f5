// Admin actions (DESIGN.md §3 governance): cancel a statement, end a session, retune WLM. Each call
// names exactly what the user saw (the target is re-read and must still match), carries a reason and
// an idempotency key, and ends as one audit record whatever the outcome.
import type { WlmChange } from '../wlm/diffWlmConfigurations.ts';
import type { WlmConfiguration, WlmProblem } from '../wlm/types.ts';

/** The statement as the user saw it; all fields must still match when the action runs. */
export interface StatementTarget {
  pid: number;
  query: number;
  userName: string;
  /** When WLM received it (live view) or when it started (history): tells a reused query id apart. */
  startTime?: string;
  xid?: number;
}

/** The session as the user saw it. */
export interface SessionTarget {
  pid: number;
  userName: string;
  /** Session start (STV_SESSIONS.starttime): tells a reused pid apart. */
  sessionStart?: string;
  /** The statement the user saw it running, if any (recorded for the audit). */
  query?: number;
}

export interface CancelArgs {
  connectionId: string;
  target: StatementTarget;
  reason: string;
  /**
   * One key per intent. The renderer derives it from the action and the target, so a double click, a
   * retry after a timeout and a second window acting on the same statement share it: one call to
   * Redshift, one audit record.
   */
  idempotencyKey: string;
}

export interface TerminateArgs {
  connectionId: string;
  target: SessionTarget;
  reason: string;
  idempotencyKey: string;
}

export type ActionOutcome = 'done' | 'refused' | 'failed';

export interface ActionResult {
  requestId: string;
  outcome: ActionOutcome;
  /** What happened, in words: why it was refused (what changed), or the failure. */
  message: string;
  /** What reading again showed afterwards, e.g. "gone from live activity; history shows it aborted". */
  confirmation: string | null;
  auditSeq: number;
  /** True when this is the stored result of an earlier call with the same idempotency key. */
  replayed: boolean;
}

export type WlmApplyState = 'in-sync' | 'applying' | 'pending-reboot' | 'unknown';

export interface WlmApplyStatus {
  parameterGroup: string;
  state: WlmApplyState;
  clusterStatus: string | null;
  /** In words, e.g. "pending reboot: the change holds static properties". */
  detail: string;
}

export interface WlmEditorState {
  connectionId: string;
  clusterIdentifier: string;
  parameterGroup: string;
  /** Default parameter groups (default.*) cannot be modified (REFERENCE 3.1). */
  editable: boolean;
  notEditableReason: string | null;
  json: string;
  /** The parsed configuration; null when the current value does not parse (problems say why). */
  config: WlmConfiguration | null;
  problems: WlmProblem[];
  /** Hash of `json`: send it back with preview/apply (compare before write). */
  version: string;
  loadedAt: string;
  applyStatus: WlmApplyStatus;
}

export interface WlmPreviewArgs {
  connectionId: string;
  json: string;
  baseVersion: string;
}

export interface WlmPreview {
  /** Validation against REFERENCE 3.3 limits and metric ranges; non-empty means it cannot be applied. */
  problems: WlmProblem[];
  changes: WlmChange[];
  /** 'none' when nothing changed. */
  applyKind: 'none' | 'dynamic' | 'static';
  /** In words: applies without reboot / needs a reboot for all of it, and why. */
  applyNote: string;
  /** False when the cluster's configuration changed since `baseVersion` was loaded. */
  baseIsCurrent: boolean;
  /** The newer configuration when baseIsCurrent is false. */
  currentJson: string | null;
  currentVersion: string;
}

export interface WlmApplyArgs {
  connectionId: string;
  json: string;
  baseVersion: string;
  reason: string;
  idempotencyKey: string;
}

export interface WlmApplyResult extends ActionResult {
  applyStatus: WlmApplyStatus | null;
  /** The newer configuration when refused because it changed meanwhile. */
  currentJson: string | null;
}

export interface WlmWhatIfArgs {
  connectionId: string;
  json: string;
  /** Look-back in days (default 30). */
  days?: number;
}

export interface QmrWhatIfMatch {
  query: number;
  startTime: string;
  userName: string | null;
  label: string;
  elapsedMs: number;
  /** The metric values the rule compared, by metric name. */
  values: Record<string, number>;
  textPreview: string;
}

export interface QmrRuleWhatIf {
  serviceClass: number;
  queueName: string;
  ruleName: string;
  action: string;
  predicates: string;
  matchCount: number;
  /** The first 200 matches, slowest first. */
  matches: QmrWhatIfMatch[];
  /** Batch jobs (query_group labels) it would have hit, with counts. */
  batchJobs: { label: string; count: number }[];
  /** Set when the rule uses a metric the cached history does not hold: the rule cannot be evaluated. */
  notEvaluated: string | null;
}

export interface QmrWhatIf {
  from: string;
  to: string;
  queriesConsidered: number;
  rules: QmrRuleWhatIf[];
}
