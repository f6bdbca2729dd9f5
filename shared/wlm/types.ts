// Types for the `wlm_json_configuration` parameter value (REFERENCE 3). Property names keep the JSON
// spelling (snake_case) on purpose: this is the wire form the governance editor edits and the stand-in
// stores, so there is one name for each thing.

export type WlmMode = 'auto' | 'manual';
export type WlmQueueType = 'auto' | 'manual';
/** Queue priority under automatic WLM (REFERENCE 3.2), lowercase as in the JSON. */
export type WlmPriority = 'highest' | 'high' | 'normal' | 'low' | 'lowest';
export type WlmConcurrencyScaling = 'auto' | 'off';
export type QmrOperator = '=' | '<' | '>';
export type QmrAction = 'log' | 'hop' | 'abort' | 'change_query_priority';

export interface QmrPredicate {
  metric_name: string;
  operator: QmrOperator;
  /** A number for every metric except `query_priority`, whose value is a priority word (REFERENCE 3.4). */
  value: number | string;
}

export interface QmrRule {
  rule_name: string;
  predicate: QmrPredicate[];
  action: QmrAction;
  /** The new priority for `change_query_priority` (placement per public examples, REFERENCE 7.6). */
  value?: string;
}

/** One user-defined queue (REFERENCE 3.2). Absent properties take Redshift's defaults. */
export interface WlmQueue {
  name?: string;
  queue_type?: WlmQueueType;
  auto_wlm?: boolean;
  user_group?: string[];
  user_group_wild_card?: number;
  query_group?: string[];
  query_group_wild_card?: number;
  /** JSON names assumed (REFERENCE 7.6). */
  user_role?: string[];
  user_role_wild_card?: number;
  concurrency_scaling?: WlmConcurrencyScaling;
  priority?: WlmPriority;
  query_concurrency?: number;
  memory_percent_to_use?: number;
  /** WLM timeout in milliseconds (manual WLM only; ignored under auto). */
  max_execution_time?: number;
  rules?: QmrRule[];
}

/** The extra array element carrying the short query acceleration settings (REFERENCE 3.2). */
export interface WlmShortQueryQueue {
  short_query_queue: boolean;
  /** 0 = dynamic, otherwise 1000..20000 ms. */
  max_execution_time?: number;
}

export interface WlmConfiguration {
  /** User queues in order; the last one is the default queue. */
  queues: WlmQueue[];
  /** The SQA element, or null when the array has none (treated as SQA off, REFERENCE 3.2). */
  shortQueryQueue: WlmShortQueryQueue | null;
}

/**
 * One finding about a configuration. `path` points into the JSON array as the user wrote it, e.g.
 * `[1].rules[0].predicate[2].value`; `''` means the whole value. Errors make AWS refuse the value;
 * warnings describe settings Redshift accepts but ignores or advises against.
 */
export interface WlmProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export type WlmParseResult = { ok: true; config: WlmConfiguration } | { ok: false; problems: WlmProblem[] };
