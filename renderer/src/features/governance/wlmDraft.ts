// The WLM editor's draft: the JSON text is the one source of truth (the raw JSON tab edits it
// directly); the form reads it as a document — an array of plain objects, queues first and the SQA
// element last — and every form edit writes the whole text again. Values are kept as typed even when
// wrong (a concurrency of "6a" stays a string) so parse/validate (shared/wlm) can say what is wrong
// next to the field, with the same paths (`[1].query_concurrency`).
import { parseWlmConfiguration } from '../../../../shared/wlm/parseWlmConfiguration.ts';
import type { WlmProblem } from '../../../../shared/wlm/types.ts';
import { validateWlmConfiguration, WLM_LIMITS } from '../../../../shared/wlm/validateWlmConfiguration.ts';

export type JsonObject = Record<string, unknown>;

export interface WlmDoc {
  queues: JsonObject[];
  /** The short query acceleration element, or null when there is none. */
  sqa: JsonObject | null;
}

export type DocRead = { ok: true; doc: WlmDoc } | { ok: false; message: string };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The form can show the text when it is a JSON array of objects (other mistakes show at fields). */
export function readDoc(text: string): DocRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `The JSON cannot be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!Array.isArray(value)) return { ok: false, message: 'The JSON must be an array of queues.' };
  const doc: WlmDoc = { queues: [], sqa: null };
  for (const element of value) {
    if (!isObject(element)) return { ok: false, message: 'Every element of the array must be an object.' };
    if (Object.hasOwn(element, 'short_query_queue')) {
      if (doc.sqa !== null) return { ok: false, message: 'There are two short query acceleration elements.' };
      doc.sqa = element;
    } else {
      doc.queues.push(element);
    }
  }
  return { ok: true, doc };
}

/** The text the form writes: queues in order, then SQA, indented for the JSON tab. */
export function writeDoc(doc: WlmDoc): string {
  return JSON.stringify(doc.sqa === null ? doc.queues : [...doc.queues, doc.sqa], null, 2);
}

/** Compact form of a JSON text (what is sent and measured against the 8,000 characters); the text itself when it does not parse. */
export function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Shape problems first; when the shape is right, Redshift's limits (REFERENCE 3.3, 3.4). */
export function checkDraft(text: string): WlmProblem[] {
  const compact = compactJson(text);
  const parsed = parseWlmConfiguration(compact);
  if (!parsed.ok) return parsed.problems;
  return validateWlmConfiguration(parsed.config, compact);
}

export function errorCount(problems: readonly WlmProblem[]): number {
  return problems.filter((p) => p.severity === 'error').length;
}

/** Problems at exactly this path or inside it (`[0].user_group` also takes `[0].user_group[2]`). */
export function problemsAt(problems: readonly WlmProblem[], path: string): WlmProblem[] {
  return problems.filter(
    (p) => p.path === path || p.path.startsWith(`${path}[`) || p.path.startsWith(`${path}.`),
  );
}

/** Problems whose path is exactly this one (a queue's or a rule's own problems, not its fields'). */
export function problemsExactly(problems: readonly WlmProblem[], path: string): WlmProblem[] {
  return problems.filter((p) => p.path === path);
}

export function docModeOf(doc: WlmDoc): 'auto' | 'manual' {
  return doc.queues.some((q) => q.auto_wlm === true || q.queue_type === 'auto') ? 'auto' : 'manual';
}

// ---- edits: each returns a new document ----------------------------------------------------------

/** Sets a property, or removes it when the value is undefined (Redshift's default then applies). */
function put(obj: JsonObject, key: string, value: unknown): void {
  if (value === undefined) Reflect.deleteProperty(obj, key);
  else obj[key] = value;
}

function clone(doc: WlmDoc): WlmDoc {
  return structuredClone(doc);
}

function at<T>(items: T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`no element at ${i}`);
  return item;
}

export function setQueueField(doc: WlmDoc, qi: number, key: string, value: unknown): WlmDoc {
  const next = clone(doc);
  put(at(next.queues, qi), key, value);
  return next;
}

function freeName(doc: WlmDoc): string {
  const taken = new Set(doc.queues.map((q) => (typeof q.name === 'string' ? q.name.toLowerCase() : '')));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'new_queue' : `new_queue_${n}`;
    if (!taken.has(name)) return name;
  }
}

/** A new queue goes just before the default queue (which must stay last). */
export function addQueue(doc: WlmDoc): WlmDoc {
  const next = clone(doc);
  const mode = docModeOf(doc);
  const queue: JsonObject =
    mode === 'auto'
      ? { name: freeName(doc), queue_type: 'auto', priority: 'normal', user_group: [], query_group: [] }
      : { name: freeName(doc), queue_type: 'manual', query_concurrency: 1, user_group: [], query_group: [] };
  if (mode === 'manual' && next.queues.some((q) => q.memory_percent_to_use !== undefined)) {
    // All or none (REFERENCE 3.3): start at 1 % so the user only has to rebalance.
    queue.memory_percent_to_use = 1;
  }
  next.queues.splice(Math.max(0, next.queues.length - 1), 0, queue);
  return next;
}

export function removeQueue(doc: WlmDoc, qi: number): WlmDoc {
  const next = clone(doc);
  next.queues.splice(qi, 1);
  return next;
}

/** Moves a user queue up or down among the user queues; the default queue (last) stays last. */
export function moveQueue(doc: WlmDoc, qi: number, delta: -1 | 1): WlmDoc {
  const last = doc.queues.length - 1;
  const to = qi + delta;
  if (qi >= last || to < 0 || to >= last) return doc;
  const next = clone(doc);
  const [q] = next.queues.splice(qi, 1);
  if (q !== undefined) next.queues.splice(to, 0, q);
  return next;
}

export function canMove(doc: WlmDoc, qi: number, delta: -1 | 1): boolean {
  const last = doc.queues.length - 1;
  const to = qi + delta;
  return qi < last && to >= 0 && to < last;
}

function rulesOf(q: JsonObject): JsonObject[] {
  if (!Array.isArray(q.rules)) q.rules = [];
  return q.rules as JsonObject[];
}

function freeRuleName(doc: WlmDoc): string {
  const taken = new Set(
    doc.queues.flatMap((q) =>
      Array.isArray(q.rules) ? q.rules.map((r) => (isObject(r) ? String(r.rule_name) : '')) : [],
    ),
  );
  for (let n = 1; ; n++) {
    const name = `rule_${n}`;
    if (!taken.has(name)) return name;
  }
}

export function addRule(doc: WlmDoc, qi: number): WlmDoc {
  const next = clone(doc);
  rulesOf(at(next.queues, qi)).push({
    rule_name: freeRuleName(doc),
    predicate: [{ metric_name: 'query_execution_time', operator: '>', value: 3600 }],
    action: 'log',
  });
  return next;
}

export function removeRule(doc: WlmDoc, qi: number, ri: number): WlmDoc {
  const next = clone(doc);
  const rules = rulesOf(at(next.queues, qi));
  rules.splice(ri, 1);
  if (rules.length === 0) delete at(next.queues, qi).rules;
  return next;
}

export function setRuleField(doc: WlmDoc, qi: number, ri: number, key: string, value: unknown): WlmDoc {
  const next = clone(doc);
  const rule = at(rulesOf(at(next.queues, qi)), ri);
  put(rule, key, value);
  if (key === 'action' && value !== 'change_query_priority') delete rule.value;
  if (key === 'action' && value === 'change_query_priority' && rule.value === undefined) rule.value = 'low';
  return next;
}

function predicatesOf(rule: JsonObject): JsonObject[] {
  if (!Array.isArray(rule.predicate)) rule.predicate = [];
  return rule.predicate as JsonObject[];
}

export function addPredicate(doc: WlmDoc, qi: number, ri: number): WlmDoc {
  const next = clone(doc);
  const preds = predicatesOf(at(rulesOf(at(next.queues, qi)), ri));
  if (preds.length >= WLM_LIMITS.maxPredicatesPerRule) return doc;
  preds.push({ metric_name: 'query_cpu_time', operator: '>', value: 600 });
  return next;
}

export function removePredicate(doc: WlmDoc, qi: number, ri: number, pi: number): WlmDoc {
  const next = clone(doc);
  predicatesOf(at(rulesOf(at(next.queues, qi)), ri)).splice(pi, 1);
  return next;
}

export function setPredicateField(
  doc: WlmDoc,
  qi: number,
  ri: number,
  pi: number,
  key: 'metric_name' | 'operator' | 'value',
  value: unknown,
): WlmDoc {
  const next = clone(doc);
  put(at(predicatesOf(at(rulesOf(at(next.queues, qi)), ri)), pi), key, value);
  return next;
}

export function setSqa(doc: WlmDoc, enabled: boolean, maxExecutionTime: unknown): WlmDoc {
  const next = clone(doc);
  const sqa: JsonObject = { short_query_queue: enabled };
  if (maxExecutionTime !== undefined) sqa.max_execution_time = maxExecutionTime;
  next.sqa = sqa;
  return next;
}

/** Switches every queue to one mode (a static change: REFERENCE 3.5). */
export function setMode(doc: WlmDoc, mode: 'auto' | 'manual'): WlmDoc {
  const next = clone(doc);
  for (const q of next.queues) {
    q.queue_type = mode;
    if (q.auto_wlm !== undefined) q.auto_wlm = mode === 'auto';
  }
  return next;
}

// ---- field text <-> JSON value -------------------------------------------------------------------

/** A number field: empty → unset, a number → the number, anything else kept as typed (shown as a problem). */
export function numberFromText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  return t;
}

export function textOfValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

/** A group list typed as "a, b, c". */
export function listFromText(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function textOfList(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => textOfValue(v)).join(', ');
  return textOfValue(value);
}
