// Turns a `wlm_json_configuration` string into a typed WlmConfiguration, or says in words what is wrong
// with its shape: JSON syntax, element kinds, property names and property types (REFERENCE 3.2).
// Limits that need the whole configuration (counts, sums, uniqueness) are validateWlmConfiguration's job.
import type {
  QmrPredicate,
  QmrRule,
  WlmConfiguration,
  WlmParseResult,
  WlmProblem,
  WlmQueue,
  WlmShortQueryQueue,
} from './types.ts';

const QUEUE_TYPES = ['auto', 'manual'] as const;
const PRIORITIES = ['highest', 'high', 'normal', 'low', 'lowest'] as const;
const CONCURRENCY_SCALING = ['auto', 'off'] as const;
const OPERATORS = ['=', '<', '>'] as const;
const ACTIONS = ['log', 'hop', 'abort', 'change_query_priority'] as const;

const QUEUE_KEYS = new Set([
  'name',
  'queue_type',
  'auto_wlm',
  'user_group',
  'user_group_wild_card',
  'query_group',
  'query_group_wild_card',
  'user_role',
  'user_role_wild_card',
  'concurrency_scaling',
  'priority',
  'query_concurrency',
  'memory_percent_to_use',
  'max_execution_time',
  'rules',
]);
const SQA_KEYS = new Set(['short_query_queue', 'max_execution_time']);
const RULE_KEYS = new Set(['rule_name', 'predicate', 'action', 'value']);
const PREDICATE_KEYS = new Set(['metric_name', 'operator', 'value']);

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeType(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

class Reader {
  readonly problems: WlmProblem[] = [];

  error(path: string, message: string): void {
    this.problems.push({ path, message, severity: 'error' });
  }

  /** `raw` as an object with only `allowed` keys (others reported), or undefined (reported) if none. */
  object(raw: Json, allowed: Set<string>, path: string, what: string): Record<string, Json> | undefined {
    if (!isObject(raw)) {
      this.error(path, `a ${what} must be an object, not ${describeType(raw)}`);
      return undefined;
    }
    this.unknownKeys(raw, allowed, path, what);
    return raw;
  }

  unknownKeys(obj: Record<string, Json>, allowed: Set<string>, path: string, what: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.has(key)) this.error(`${path}.${key}`, `unknown ${what} property "${key}"`);
    }
  }

  string(obj: Record<string, Json>, key: string, path: string): string | undefined {
    return this.typed(obj, key, path, (v): v is string => typeof v === 'string', 'a string');
  }

  number(obj: Record<string, Json>, key: string, path: string): number | undefined {
    return this.typed(
      obj,
      key,
      path,
      (v): v is number => typeof v === 'number' && Number.isFinite(v),
      'a number',
    );
  }

  boolean(obj: Record<string, Json>, key: string, path: string): boolean | undefined {
    return this.typed(obj, key, path, (v): v is boolean => typeof v === 'boolean', 'true or false');
  }

  /** The property when it has the type `is` checks; otherwise undefined, with an error when present. */
  private typed<T extends Json>(
    obj: Record<string, Json>,
    key: string,
    path: string,
    is: (v: Json) => v is T,
    must: string,
  ): T | undefined {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (!is(v)) {
      this.error(`${path}.${key}`, `must be ${must}, not ${describeType(v)}`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(
    obj: Record<string, Json>,
    key: string,
    path: string,
    values: readonly T[],
  ): T | undefined {
    const s = this.string(obj, key, path);
    if (s === undefined) return undefined;
    const found = values.find((v) => v === s);
    if (found === undefined) {
      this.error(`${path}.${key}`, `must be one of ${values.map((v) => `"${v}"`).join(', ')} (got "${s}")`);
    }
    return found;
  }

  /** Group lists are arrays of names; a comma-separated string is accepted too (REFERENCE 3.2). */
  nameList(obj: Record<string, Json>, key: string, path: string): string[] | undefined {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string') {
      return v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    }
    if (!Array.isArray(v)) {
      this.error(`${path}.${key}`, `must be an array of names, not ${describeType(v)}`);
      return undefined;
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') {
        this.error(`${path}.${key}[${i}]`, 'must be a non-empty name');
      } else {
        out.push(item.trim());
      }
    });
    return out;
  }
}

function readPredicate(r: Reader, json: Json, path: string): QmrPredicate | undefined {
  const raw = r.object(json, PREDICATE_KEYS, path, 'predicate');
  if (raw === undefined) return undefined;
  const metric_name = r.string(raw, 'metric_name', path);
  const operator = r.oneOf(raw, 'operator', path, OPERATORS);
  const value = raw.value;
  if (metric_name === undefined && raw.metric_name === undefined) r.error(path, 'metric_name is missing');
  if (operator === undefined && raw.operator === undefined) r.error(path, 'operator is missing');
  if (value === undefined) r.error(path, 'value is missing');
  else if (typeof value !== 'number' && typeof value !== 'string') {
    r.error(`${path}.value`, `must be a number, not ${describeType(value)}`);
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    r.error(`${path}.value`, 'must be a finite number');
  }
  if (metric_name === undefined || operator === undefined) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  return { metric_name, operator, value };
}

function readRule(r: Reader, json: Json, path: string): QmrRule | undefined {
  const raw = r.object(json, RULE_KEYS, path, 'rule');
  if (raw === undefined) return undefined;
  const rule_name = r.string(raw, 'rule_name', path);
  if (raw.rule_name === undefined) r.error(path, 'rule_name is missing');
  const action = r.oneOf(raw, 'action', path, ACTIONS);
  if (raw.action === undefined) r.error(path, 'action is missing');
  const value = r.string(raw, 'value', path);
  const predicate: QmrPredicate[] = [];
  const rawPredicates = raw.predicate;
  if (rawPredicates === undefined) r.error(path, 'predicate is missing');
  else if (!Array.isArray(rawPredicates)) {
    r.error(`${path}.predicate`, `must be an array of predicates, not ${describeType(rawPredicates)}`);
  } else {
    rawPredicates.forEach((p, i) => {
      const parsed = readPredicate(r, p, `${path}.predicate[${i}]`);
      if (parsed) predicate.push(parsed);
    });
  }
  if (rule_name === undefined || action === undefined) return undefined;
  const rule: QmrRule = { rule_name, predicate, action };
  if (value !== undefined) rule.value = value;
  return rule;
}

function readQueue(r: Reader, raw: Record<string, Json>, path: string): WlmQueue {
  r.unknownKeys(raw, QUEUE_KEYS, path, 'queue');
  const q: WlmQueue = {};
  const name = r.string(raw, 'name', path);
  if (name !== undefined) q.name = name;
  const queueType = r.oneOf(raw, 'queue_type', path, QUEUE_TYPES);
  if (queueType !== undefined) q.queue_type = queueType;
  const autoWlm = r.boolean(raw, 'auto_wlm', path);
  if (autoWlm !== undefined) q.auto_wlm = autoWlm;
  for (const key of ['user_group', 'query_group', 'user_role'] as const) {
    const list = r.nameList(raw, key, path);
    if (list !== undefined) q[key] = list;
  }
  for (const key of [
    'user_group_wild_card',
    'query_group_wild_card',
    'user_role_wild_card',
    'query_concurrency',
    'memory_percent_to_use',
    'max_execution_time',
  ] as const) {
    const n = r.number(raw, key, path);
    if (n !== undefined) q[key] = n;
  }
  const scaling = r.oneOf(raw, 'concurrency_scaling', path, CONCURRENCY_SCALING);
  if (scaling !== undefined) q.concurrency_scaling = scaling;
  const priority = r.oneOf(raw, 'priority', path, PRIORITIES);
  if (priority !== undefined) q.priority = priority;
  if (raw.rules !== undefined) {
    if (!Array.isArray(raw.rules)) {
      r.error(`${path}.rules`, `must be an array of rules, not ${describeType(raw.rules)}`);
    } else {
      const rules: QmrRule[] = [];
      raw.rules.forEach((rule, i) => {
        const parsed = readRule(r, rule, `${path}.rules[${i}]`);
        if (parsed) rules.push(parsed);
      });
      q.rules = rules;
    }
  }
  return q;
}

function readShortQueryQueue(r: Reader, raw: Record<string, Json>, path: string): WlmShortQueryQueue {
  const queueOnly = Object.keys(raw).filter((k) => !SQA_KEYS.has(k) && QUEUE_KEYS.has(k));
  if (queueOnly.length > 0) {
    r.error(
      path,
      `the short query acceleration element cannot also carry queue properties (${queueOnly.join(', ')})`,
    );
  }
  r.unknownKeys(
    Object.fromEntries(Object.entries(raw).filter(([k]) => !QUEUE_KEYS.has(k))),
    SQA_KEYS,
    path,
    'short query acceleration',
  );
  const sqa: WlmShortQueryQueue = { short_query_queue: r.boolean(raw, 'short_query_queue', path) ?? false };
  const max = r.number(raw, 'max_execution_time', path);
  if (max !== undefined) sqa.max_execution_time = max;
  return sqa;
}

export function parseWlmConfiguration(json: string): WlmParseResult {
  let doc: Json;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [{ path: '', message: `not valid JSON: ${detail}`, severity: 'error' }] };
  }
  if (!Array.isArray(doc)) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          message: `must be a JSON array of queues, not ${describeType(doc)}`,
          severity: 'error',
        },
      ],
    };
  }
  const r = new Reader();
  const config: WlmConfiguration = { queues: [], shortQueryQueue: null };
  doc.forEach((element: Json, i) => {
    const path = `[${i}]`;
    if (!isObject(element)) {
      r.error(path, `each element must be an object, not ${describeType(element)}`);
      return;
    }
    if (Object.hasOwn(element, 'short_query_queue')) {
      if (config.shortQueryQueue !== null) {
        r.error(path, 'only one short query acceleration element is allowed');
        return;
      }
      config.shortQueryQueue = readShortQueryQueue(r, element, path);
      return;
    }
    config.queues.push(readQueue(r, element, path));
  });
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  return { ok: true, config };
}
