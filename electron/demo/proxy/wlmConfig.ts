// Reading a `wlm_json_configuration` value (REFERENCE 3.2) into the queues the proxy admits queries to,
// and routing a query to its service class (REFERENCE 1.2, 2.4).
//
// Emulation choices (comment-worthy because Redshift decides them internally):
// * Auto WLM (REFERENCE 3.7) manages concurrency itself and reports -1; the double admits
//   AUTO_WLM_EMULATED_SLOTS queries per auto queue so queueing still happens.
// * SQA (service class 14) gets a config row when enabled, but no query is routed there: the proxy
//   cannot know in advance that a query will be short. Documented limitation.
// * Memory per slot is derived from memory_percent_to_use (equal shares when absent) and a fixed WLM
//   memory per node; the superuser queue uses the DG sample value (REFERENCE 1.8).

import { formatWlmProblems } from '../../../shared/wlm/validateWlmConfiguration.ts';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import {
  queueNameOf,
  serviceClassOf,
  SQA_QUEUE_NAME,
  SQA_SERVICE_CLASS,
  SUPERUSER_SERVICE_CLASS,
  wlmModeOf,
} from '../../../shared/wlm/serviceClassOf.ts';

export { SQA_SERVICE_CLASS, SUPERUSER_SERVICE_CLASS };
export const AUTO_WLM_EMULATED_SLOTS = 5;
/** WLM memory per node of the demo cluster (ra3.xlplus, 32 GiB; ~75% to WLM). Assumed figure. */
export const WLM_MEMORY_MB_PER_NODE = 24576;
/** STV_WLM_SERVICE_CLASS_CONFIG sample values for the superuser queue (REFERENCE 1.8). */
const SUPERUSER_WORKING_MEM_MB = 535;
/** SQA's concurrency is managed by Redshift; shown as this many slots. [unverified] */
const SQA_REPORTED_SLOTS = 6;

export interface WlmQueue {
  serviceClass: number;
  name: string;
  auto: boolean;
  /** Slots the proxy admits at once. */
  slots: number;
  /** num_query_tasks as Redshift reports it (-1 under Auto WLM). */
  reportedSlots: number;
  /** query_working_mem in MB per slot per node (-1 under Auto WLM). */
  workingMemMb: number;
  userGroups: string[];
  userGroupWildcard: boolean;
  queryGroups: string[];
  queryGroupWildcard: boolean;
  /** WLM timeout in milliseconds, 0 = none (REFERENCE 3.2, 6.2). */
  maxExecutionTimeMs: number;
  concurrencyScaling: 'on' | 'off';
  /** Lowercase priority for the live tables (REFERENCE 6.1); 'normal' for manual queues. */
  priority: string;
  isDefault: boolean;
}

export interface WlmConfig {
  auto: boolean;
  /** User queues in array order; the last one is the default queue. */
  queues: WlmQueue[];
  superuser: WlmQueue;
  sqa: WlmQueue | null;
}

export class WlmConfigError extends Error {}

/**
 * The queues the proxy admits queries to, from a `wlm_json_configuration` value (the JSON string, or
 * the already parsed array). Read by the one parser in shared/wlm; throws WlmConfigError, with that
 * parser's words, when Redshift would refuse the value.
 */
export function wlmQueuesOf(value: string | readonly unknown[]): WlmConfig {
  const parsed = parseWlmConfiguration(typeof value === 'string' ? value : JSON.stringify(value));
  if (!parsed.ok) throw new WlmConfigError(`wlm_json_configuration: ${formatWlmProblems(parsed.problems)}`);
  const config = parsed.config;
  if (config.queues.length === 0) throw new WlmConfigError('wlm_json_configuration has no queue');
  const auto = wlmModeOf(config) === 'auto';
  const anyMemory = config.queues.some((q) => q.memory_percent_to_use !== undefined);
  const count = config.queues.length;
  const queues = config.queues.map((q, i): WlmQueue => {
    const isDefault = i === count - 1;
    const slots = auto ? AUTO_WLM_EMULATED_SLOTS : Math.min(50, Math.max(1, q.query_concurrency ?? 5));
    const memoryPercent = anyMemory ? (q.memory_percent_to_use ?? 0) : 100 / count;
    return {
      serviceClass: serviceClassOf(config, i),
      name: queueNameOf(q, i, count),
      auto,
      slots,
      reportedSlots: auto ? -1 : slots,
      workingMemMb: auto ? -1 : Math.floor((WLM_MEMORY_MB_PER_NODE * memoryPercent) / 100 / slots),
      // The default queue cannot have groups (REFERENCE 3.1); ignore any given.
      userGroups: isDefault ? [] : (q.user_group ?? []),
      userGroupWildcard: q.user_group_wild_card === 1,
      queryGroups: isDefault ? [] : (q.query_group ?? []),
      queryGroupWildcard: q.query_group_wild_card === 1,
      maxExecutionTimeMs: auto ? 0 : Math.max(0, q.max_execution_time ?? 0),
      concurrencyScaling: q.concurrency_scaling === 'auto' ? 'on' : 'off',
      priority: auto ? (q.priority ?? 'normal') : 'normal',
      isDefault,
    };
  });
  const superuser: WlmQueue = {
    serviceClass: SUPERUSER_SERVICE_CLASS,
    name: 'Service class for super user',
    auto: false,
    slots: 1,
    reportedSlots: 1,
    workingMemMb: SUPERUSER_WORKING_MEM_MB,
    userGroups: [],
    userGroupWildcard: false,
    queryGroups: [],
    queryGroupWildcard: false,
    maxExecutionTimeMs: 0,
    concurrencyScaling: 'off',
    priority: 'normal',
    isDefault: false,
  };
  const sqaElement = config.shortQueryQueue;
  const sqa: WlmQueue | null =
    sqaElement?.short_query_queue === true
      ? {
          ...superuser,
          serviceClass: SQA_SERVICE_CLASS,
          name: SQA_QUEUE_NAME,
          slots: SQA_REPORTED_SLOTS,
          reportedSlots: SQA_REPORTED_SLOTS,
          workingMemMb: auto ? -1 : Math.floor(WLM_MEMORY_MB_PER_NODE / 100 / SQA_REPORTED_SLOTS),
          maxExecutionTimeMs: Math.max(0, sqaElement.max_execution_time ?? 0),
        }
      : null;
  return { auto, queues, superuser, sqa };
}

/** `*` any run of characters, `?` one character, case-insensitive (REFERENCE 3.2). */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(value);
}

function matches(patterns: string[], wildcard: boolean, values: string[]): boolean {
  return patterns.some((p) =>
    values.some((v) => (wildcard ? wildcardMatch(p, v) : p.toLowerCase() === v.toLowerCase())),
  );
}

export interface RouteInput {
  superuser: boolean;
  /** The session's query_group, null when unset. */
  queryGroup: string | null;
  /** PostgreSQL roles the user is a member of (= Redshift user groups). */
  userGroups: string[];
}

/**
 * REFERENCE 2.4: (1) superuser with query group 'superuser' -> service class 5; (2) the first queue whose
 * user group or query group matches; (3) otherwise the default (last) queue.
 */
export function routeQuery(config: WlmConfig, input: RouteInput): WlmQueue {
  if (input.superuser && input.queryGroup?.toLowerCase() === 'superuser') return config.superuser;
  const groups = input.queryGroup === null ? [] : [input.queryGroup];
  for (const q of config.queues) {
    if (q.isDefault) continue;
    if (matches(q.userGroups, q.userGroupWildcard, input.userGroups)) return q;
    if (matches(q.queryGroups, q.queryGroupWildcard, groups)) return q;
  }
  return config.queues[config.queues.length - 1] as WlmQueue;
}

/** All service classes of a configuration, in service-class order (superuser, user queues, SQA). */
export function allServiceClasses(config: WlmConfig): WlmQueue[] {
  return [config.superuser, ...config.queues, ...(config.sqa === null ? [] : [config.sqa])];
}
