import { describe, expect, it } from 'vitest';
import { DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';
import {
  addPredicate,
  addQueue,
  addRule,
  canMove,
  checkDraft,
  compactJson,
  errorCount,
  listFromText,
  moveQueue,
  numberFromText,
  problemsAt,
  readDoc,
  removeQueue,
  setPredicateField,
  setQueueField,
  setRuleField,
  setSqa,
  writeDoc,
  type WlmDoc,
} from '../../../renderer/src/features/governance/wlmDraft.ts';

function demo(): WlmDoc {
  const read = readDoc(DEMO_WLM_JSON);
  if (!read.ok) throw new Error(read.message);
  return read.doc;
}

describe('WLM draft', () => {
  it('reads the demo configuration into queues and the SQA element, and writes it back unchanged', () => {
    const doc = demo();
    expect(doc.queues.map((q) => q.name)).toEqual(['etl_nightly', 'bi_dashboards', 'Default queue']);
    expect(doc.sqa).toEqual({ short_query_queue: true, max_execution_time: 0 });
    expect(compactJson(writeDoc(doc))).toBe(DEMO_WLM_JSON);
    expect(checkDraft(writeDoc(doc))).toEqual([]);
  });

  it('says why the form cannot show a text that is not an array of objects', () => {
    expect(readDoc('{').ok).toBe(false);
    expect(readDoc('{}')).toEqual({ ok: false, message: 'The JSON must be an array of queues.' });
    expect(readDoc('[1]').ok).toBe(false);
  });

  it('finds concurrency 60 and memory 120 % with the paths of their fields', () => {
    let doc = setQueueField(demo(), 0, 'query_concurrency', 60);
    doc = setQueueField(doc, 0, 'memory_percent_to_use', 120);
    const problems = checkDraft(writeDoc(doc));
    expect(errorCount(problems)).toBeGreaterThanOrEqual(2);
    expect(
      problemsAt(problems, '[0].query_concurrency')
        .map((p) => p.message)
        .join(),
    ).toMatch(/1 to 50/);
    expect(
      problemsAt(problems, '[0].memory_percent_to_use')
        .map((p) => p.message)
        .join(),
    ).toMatch(/1 to 100/);
  });

  it('keeps a mistyped number as typed so the problem shows at the field', () => {
    expect(numberFromText(' 12 ')).toBe(12);
    expect(numberFromText('')).toBeUndefined();
    expect(numberFromText('6a')).toBe('6a');
    const problems = checkDraft(writeDoc(setQueueField(demo(), 1, 'query_concurrency', '6a')));
    expect(problemsAt(problems, '[1].query_concurrency')[0]?.message).toMatch(/must be a number/);
  });

  it('adds a queue before the default queue, with memory when the others have it', () => {
    const doc = addQueue(demo());
    expect(doc.queues.map((q) => q.name)).toEqual([
      'etl_nightly',
      'bi_dashboards',
      'new_queue',
      'Default queue',
    ]);
    expect(doc.queues[2]?.memory_percent_to_use).toBe(1);
    expect(addQueue(doc).queues[3]?.name).toBe('new_queue_2');
  });

  it('moves user queues but never the default queue', () => {
    const doc = demo();
    expect(canMove(doc, 0, 1)).toBe(true);
    expect(canMove(doc, 1, 1)).toBe(false);
    expect(canMove(doc, 2, -1)).toBe(false);
    expect(moveQueue(doc, 0, 1).queues.map((q) => q.name)).toEqual([
      'bi_dashboards',
      'etl_nightly',
      'Default queue',
    ]);
    expect(moveQueue(doc, 2, -1)).toBe(doc);
    expect(removeQueue(doc, 1).queues).toHaveLength(2);
  });

  it('edits rules and predicates, at most three predicates', () => {
    let doc = addRule(demo(), 1);
    expect(doc.queues[1]?.rules).toHaveLength(2);
    doc = addPredicate(addPredicate(doc, 1, 1), 1, 1);
    const three = doc;
    expect((three.queues[1]?.rules as { predicate: unknown[] }[])[1]?.predicate).toHaveLength(3);
    expect(addPredicate(three, 1, 1)).toBe(three);
    doc = setPredicateField(doc, 1, 1, 0, 'value', 999_999_999);
    expect(problemsAt(checkDraft(writeDoc(doc)), '[1].rules[1].predicate[0].value')[0]?.message).toMatch(
      /query_execution_time must be between 0 and 86,399 seconds/,
    );
    doc = setRuleField(doc, 1, 1, 'action', 'change_query_priority');
    expect((doc.queues[1]?.rules as { value?: string }[])[1]?.value).toBe('low');
    doc = setRuleField(doc, 1, 1, 'action', 'log');
    expect((doc.queues[1]?.rules as { value?: string }[])[1]?.value).toBeUndefined();
  });

  it('removes a property when its field is emptied (the default applies)', () => {
    const doc = setQueueField(demo(), 0, 'query_concurrency', undefined);
    expect(Object.hasOwn(doc.queues[0] ?? {}, 'query_concurrency')).toBe(false);
  });

  it('writes SQA last and checks its runtime range', () => {
    const doc = setSqa(demo(), true, 500);
    const text = writeDoc(doc);
    expect(JSON.parse(text).at(-1)).toEqual({ short_query_queue: true, max_execution_time: 500 });
    expect(problemsAt(checkDraft(text), '[3].max_execution_time')[0]?.message).toMatch(/1000 to 20000/);
  });

  it('splits group lists typed with commas', () => {
    expect(listFromText(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
  });
});
