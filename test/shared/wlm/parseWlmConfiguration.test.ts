import { describe, expect, it } from 'vitest';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import { serializeWlmConfiguration } from '../../../shared/wlm/serializeWlmConfiguration.ts';
import { DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';
import { AUTO_EXAMPLE, MANUAL_EXAMPLE } from './wlmExamples.ts';

function problemsOf(json: string): string[] {
  const result = parseWlmConfiguration(json);
  if (result.ok) throw new Error('expected a parse failure');
  return result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('parseWlmConfiguration', () => {
  it('reads the manual example: three queues and the SQA element', () => {
    const result = parseWlmConfiguration(JSON.stringify(MANUAL_EXAMPLE));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.queues.map((q) => q.name)).toEqual([
      'etl_nightly',
      'bi_dashboards',
      'Default queue',
    ]);
    expect(result.config.queues[1]?.rules?.[0]?.predicate).toHaveLength(2);
    expect(result.config.shortQueryQueue).toEqual({ short_query_queue: true, max_execution_time: 0 });
  });

  it('reads the automatic example and the demo configuration', () => {
    expect(parseWlmConfiguration(JSON.stringify(AUTO_EXAMPLE)).ok).toBe(true);
    expect(parseWlmConfiguration(DEMO_WLM_JSON).ok).toBe(true);
  });

  it('reads the engine default and treats a missing SQA element as none', () => {
    const result = parseWlmConfiguration('[{"auto_wlm":true}]');
    expect(result).toEqual({ ok: true, config: { queues: [{ auto_wlm: true }], shortQueryQueue: null } });
  });

  it('round-trips through serializeWlmConfiguration', () => {
    const result = parseWlmConfiguration(JSON.stringify(MANUAL_EXAMPLE));
    if (!result.ok) throw new Error('parse failed');
    expect(JSON.parse(serializeWlmConfiguration(result.config))).toEqual(MANUAL_EXAMPLE);
  });

  it('accepts a comma-separated user group list', () => {
    const result = parseWlmConfiguration('[{"user_group":"etl_users, loaders","query_concurrency":2},{}]');
    expect(result.ok && result.config.queues[0]?.user_group).toEqual(['etl_users', 'loaders']);
  });

  it('says what is wrong with broken JSON or a non-array', () => {
    expect(problemsOf('[{"name": }]')[0]).toMatch(/^: not valid JSON/);
    expect(problemsOf('{"query_concurrency":5}')).toEqual([
      ': must be a JSON array of queues, not an object',
    ]);
    expect(problemsOf('[5]')).toEqual(['[0]: each element must be an object, not a number']);
  });

  it('names the path of unknown properties and wrong types', () => {
    const problems = problemsOf(
      JSON.stringify([
        { name: 'a', query_concurency: 3 },
        { name: 'b', query_concurrency: '5', rules: [{ rule_name: 'r', predicate: [{ metric_name: 'x' }] }] },
      ]),
    );
    expect(problems).toContain('[0].query_concurency: unknown queue property "query_concurency"');
    expect(problems).toContain('[1].query_concurrency: must be a number, not a string');
    expect(problems).toContain('[1].rules[0]: action is missing');
    expect(problems).toContain('[1].rules[0].predicate[0]: operator is missing');
    expect(problems).toContain('[1].rules[0].predicate[0]: value is missing');
  });

  it('checks enumerated values', () => {
    const problems = problemsOf(
      JSON.stringify([
        {
          queue_type: 'fast',
          concurrency_scaling: 'on',
          rules: [
            {
              rule_name: 'r',
              predicate: [{ metric_name: 'scan_row_count', operator: '>=', value: 1 }],
              action: 'kill',
            },
          ],
        },
      ]),
    );
    expect(problems).toContain('[0].queue_type: must be one of "auto", "manual" (got "fast")');
    expect(problems).toContain('[0].concurrency_scaling: must be one of "auto", "off" (got "on")');
    expect(problems).toContain(
      '[0].rules[0].action: must be one of "log", "hop", "abort", "change_query_priority" (got "kill")',
    );
    expect(problems).toContain('[0].rules[0].predicate[0].operator: must be one of "=", "<", ">" (got ">=")');
  });

  it('refuses a second SQA element and queue properties on the SQA element', () => {
    expect(problemsOf('[{}, {"short_query_queue": true}, {"short_query_queue": false}]')).toEqual([
      '[2]: only one short query acceleration element is allowed',
    ]);
    expect(problemsOf('[{}, {"short_query_queue": true, "query_concurrency": 3}]')).toEqual([
      '[1]: the short query acceleration element cannot also carry queue properties (query_concurrency)',
    ]);
  });
});
