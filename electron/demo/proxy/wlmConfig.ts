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

export const SUPERUSER_SERVICE_CLASS = 5;
export const SQA_SERVICE_CLASS = 14;
export const FIRST_MANUAL_SERVICE_CLASS = 6;
export const FIRST_AUTO_SERVICE_CLASS = 100;
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

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').map((s) => s.trim());
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return [];
}

function flag(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

function int(v: unknown, fallback: number): number {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** Parses the JSON string (or the already parsed array). Throws WlmConfigError when it is not a queue array. */
export function parseWlmConfiguration(value: string | unknown[]): WlmConfig {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new WlmConfigError('wlm_json_configuration is not valid JSON');
    }
  }
  if (!Array.isArray(parsed)) throw new WlmConfigError('wlm_json_configuration must be a JSON array');
  const elements = parsed.filter(isObject);
  const sqaElement = elements.find(
    (e) => 'short_query_queue' in e && !('name' in e) && !('query_concurrency' in e),
  );
  const queueElements = elements.filter((e) => e !== sqaElement);
  if (queueElements.length === 0) throw new WlmConfigError('wlm_json_configuration has no queue');
  const auto = queueElements.some((e) => flag(e['auto_wlm']) || e['queue_type'] === 'auto');
  const anyMemory = queueElements.some((e) => e['memory_percent_to_use'] !== undefined);
  const queues = queueElements.map((e, i): WlmQueue => {
    const isDefault = i === queueElements.length - 1;
    const slots = auto ? AUTO_WLM_EMULATED_SLOTS : Math.min(50, Math.max(1, int(e['query_concurrency'], 5)));
    const memoryPercent = anyMemory ? int(e['memory_percent_to_use'], 0) : 100 / queueElements.length;
    const priority = typeof e['priority'] === 'string' ? e['priority'].toLowerCase() : 'normal';
    return {
      serviceClass: (auto ? FIRST_AUTO_SERVICE_CLASS : FIRST_MANUAL_SERVICE_CLASS) + i,
      name:
        typeof e['name'] === 'string' && e['name'] !== ''
          ? e['name']
          : isDefault
            ? 'Default queue'
            : `Queue ${i + 1}`,
      auto,
      slots,
      reportedSlots: auto ? -1 : slots,
      workingMemMb: auto ? -1 : Math.floor((WLM_MEMORY_MB_PER_NODE * memoryPercent) / 100 / slots),
      // The default queue cannot have groups (REFERENCE 3.1); ignore any given.
      userGroups: isDefault ? [] : names(e['user_group']),
      userGroupWildcard: flag(e['user_group_wild_card']),
      queryGroups: isDefault ? [] : names(e['query_group']),
      queryGroupWildcard: flag(e['query_group_wild_card']),
      maxExecutionTimeMs: auto ? 0 : Math.max(0, int(e['max_execution_time'], 0)),
      concurrencyScaling:
        e['concurrency_scaling'] === 'auto' || e['concurrency_scaling'] === 'on' ? 'on' : 'off',
      priority: auto ? priority : 'normal',
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
  const sqa: WlmQueue | null =
    sqaElement !== undefined && flag(sqaElement['short_query_queue'])
      ? {
          ...superuser,
          serviceClass: SQA_SERVICE_CLASS,
          name: 'Short query queue',
          slots: SQA_REPORTED_SLOTS,
          reportedSlots: SQA_REPORTED_SLOTS,
          workingMemMb: auto ? -1 : Math.floor(WLM_MEMORY_MB_PER_NODE / 100 / SQA_REPORTED_SLOTS),
          maxExecutionTimeMs: Math.max(0, int(sqaElement['max_execution_time'], 0)),
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
