import { describe, expect, it } from 'vitest';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import { formatWlmProblems, validateWlmConfiguration } from '../../../shared/wlm/validateWlmConfiguration.ts';
import type { WlmProblem } from '../../../shared/wlm/types.ts';
import { DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';
import { AUTO_EXAMPLE, MANUAL_EXAMPLE, copy } from './wlmExamples.ts';

function validate(value: unknown): WlmProblem[] {
  const json = JSON.stringify(value);
  const parsed = parseWlmConfiguration(json);
  if (!parsed.ok) throw new Error(`parse failed: ${formatWlmProblems(parsed.problems)}`);
  return validateWlmConfiguration(parsed.config, json);
}

function errors(value: unknown): string[] {
  return validate(value)
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.path}: ${p.message}`);
}

function warnings(value: unknown): string[] {
  return validate(value)
    .filter((p) => p.severity === 'warning')
    .map((p) => `${p.path}: ${p.message}`);
}

describe('validateWlmConfiguration', () => {
  it('finds nothing wrong with the REFERENCE examples, the demo and the engine default', () => {
    expect(validate(MANUAL_EXAMPLE)).toEqual([]);
    expect(validate(AUTO_EXAMPLE)).toEqual([]);
    expect(validate(JSON.parse(DEMO_WLM_JSON))).toEqual([]);
    expect(validate([{ auto_wlm: true }])).toEqual([]);
    expect(validate([{ query_concurrency: 5 }])).toEqual([]);
  });

  it('refuses concurrency 60 on one queue and more than 50 slots in total', () => {
    const config = copy(MANUAL_EXAMPLE);
    config[1]!.query_concurrency = 60;
    const found = errors(config);
    expect(found).toContain(
      '[1].query_concurrency: concurrency must be a whole number from 1 to 50 (got 60)',
    );
    expect(found).toContain(': the queues have 67 slots in total; the limit is 50');
  });

  it('counts the default concurrency of 5 for queues that do not set one', () => {
    const queues = Array.from({ length: 8 }, (_, i) => ({
      name: `q${i}`,
      query_concurrency: i < 7 ? 6 : undefined,
    }));
    expect(errors(queues)).toEqual([]);
    queues[0]!.query_concurrency = 9; // 9 + 6*6 + 5 = 50: still allowed
    expect(errors(queues)).toEqual([]);
    queues[1]!.query_concurrency = 7;
    expect(errors(queues)).toEqual([': the queues have 51 slots in total; the limit is 50']);
  });

  it('refuses memory over 100% and memory set on only some queues', () => {
    const over = copy(MANUAL_EXAMPLE);
    over[0]!.memory_percent_to_use = 120;
    expect(errors(over)).toEqual([
      '[0].memory_percent_to_use: memory must be a whole percentage from 1 to 100 (got 120)',
      ': memory_percent_to_use adds up to 170%; the limit is 100%',
    ]);
    const partial = copy(MANUAL_EXAMPLE) as Record<string, unknown>[];
    delete partial[2]!.memory_percent_to_use;
    expect(errors(partial)).toEqual([': memory_percent_to_use must be set on every queue or on none']);
  });

  it('allows at most 8 queues', () => {
    const nine = Array.from({ length: 9 }, (_, i) => ({ name: `q${i}`, query_concurrency: 1 }));
    expect(errors(nine)).toEqual([': at most 8 queues are allowed, this configuration has 9']);
    expect(errors([])).toEqual([
      ': the configuration needs at least one queue (the last queue is the default queue)',
    ]);
  });

  it('keeps user and query groups off the last (default) queue', () => {
    const config = copy(MANUAL_EXAMPLE) as Record<string, unknown>[];
    config[2]!.query_group = ['adhoc'];
    expect(errors(config)).toEqual([
      '[2].query_group: the last queue is the default queue and cannot have a query group list',
    ]);
  });

  it('wants unique queue names of letters, digits, underscores and spaces up to 64 characters', () => {
    const config = copy(MANUAL_EXAMPLE);
    config[1]!.name = 'etl_nightly';
    config[0]!.name = 'etl-nightly';
    expect(errors(config)).toEqual([
      '[0].name: queue name "etl-nightly" may only contain letters, digits, underscores and spaces',
    ]);
    config[0]!.name = 'etl_nightly';
    expect(errors(config)).toEqual(['[1].name: queue name "etl_nightly" is already used by queue [0]']);
    config[0]!.name = 'x'.repeat(65);
    expect(errors(config)).toEqual(['[0].name: queue name is 65 characters long; the limit is 64']);
  });

  it('treats an unnamed queue as "Queue n" so a clash with that name is found', () => {
    expect(errors([{ query_concurrency: 2 }, { name: 'Queue 1', query_concurrency: 2 }, {}])).toEqual([
      '[1].name: queue name "Queue 1" is already used by queue [0]',
    ]);
  });

  it('enforces the 8000-character limit on the value as sent', () => {
    const config = copy(MANUAL_EXAMPLE);
    // Whitespace counts: AWS measures the string as sent.
    const json = JSON.stringify(config, null, 2) + ' '.repeat(7000);
    const parsed = parseWlmConfiguration(json);
    if (!parsed.ok) throw new Error('parse failed');
    expect(json.length).toBeGreaterThan(8000);
    expect(formatWlmProblems(validateWlmConfiguration(parsed.config, json))).toBe(
      `the value is ${json.length} characters long; the limit is 8000`,
    );
    expect(validateWlmConfiguration(parsed.config)).toEqual([]);
  });

  it('checks rule names, predicate count, metric names and value ranges', () => {
    const config = copy(MANUAL_EXAMPLE);
    config[0]!.rules = [
      {
        rule_name: 'too long name with spaces',
        predicate: [
          { metric_name: 'query_execution_time', operator: '>', value: 90000 },
          { metric_name: 'query_cpu_time', operator: '>', value: 1 },
          { metric_name: 'return_row_count', operator: '>', value: 1 },
          { metric_name: 'wall_clock', operator: '>', value: 1 },
        ],
        action: 'log',
      },
      {
        rule_name: 'bi_hop_cartesian',
        predicate: [{ metric_name: 'cpu_skew', operator: '>', value: 100 }],
        action: 'log',
      },
    ];
    expect(errors(config)).toEqual([
      '[0].rules[0].rule_name: rule name "too long name with spaces" must be 1 to 32 letters, digits or underscores (no spaces or quotes)',
      '[0].rules[0].predicate: a rule can have at most 3 predicates, this one has 4',
      '[0].rules[0].predicate[0].value: query_execution_time must be between 0 and 86,399 seconds (got 90000)',
      '[0].rules[0].predicate[3].metric_name: "wall_clock" is not a query monitoring metric',
      '[0].rules[1].predicate[0].value: cpu_skew must be between 0 and 99 ratio (got 100)',
      '[1].rules[0].rule_name: rule name "bi_hop_cartesian" is already used at [0].rules[1]',
    ]);
  });

  it('compares query_priority with priority words', () => {
    const config = copy(AUTO_EXAMPLE) as Record<string, unknown>[];
    config[0]!.rules = [
      {
        rule_name: 'p1',
        predicate: [{ metric_name: 'query_priority', operator: '<', value: 'NORMAL' }],
        action: 'log',
      },
      {
        rule_name: 'p2',
        predicate: [{ metric_name: 'query_priority', operator: '<', value: 3 }],
        action: 'log',
      },
    ];
    expect(errors(config)).toEqual([
      '[0].rules[1].predicate[0].value: query_priority must be compared with one of HIGHEST, HIGH, NORMAL, LOW, LOWEST (got "3")',
    ]);
  });

  it('allows at most 25 rules per queue and in total', () => {
    const rule = (i: number) => ({
      rule_name: `r${i}`,
      predicate: [{ metric_name: 'query_execution_time', operator: '>', value: 60 }],
      action: 'log',
    });
    const config = copy(MANUAL_EXAMPLE);
    config[0]!.rules = Array.from({ length: 25 }, (_, i) => rule(i)); // + 1 rule on queue [1]
    expect(errors(config)).toEqual([
      ': a configuration can have at most 25 query monitoring rules in total, this one has 26',
    ]);
    config[0]!.rules = Array.from({ length: 26 }, (_, i) => rule(i));
    config[1]!.rules = [];
    expect(errors(config)).toEqual([
      '[0].rules: a queue can have at most 25 rules, this one has 26',
      ': a configuration can have at most 25 query monitoring rules in total, this one has 26',
    ]);
  });

  it('allows hop only under manual WLM and change_query_priority only under automatic WLM', () => {
    const auto = copy(AUTO_EXAMPLE);
    auto[0]!.rules![0]!.action = 'hop';
    expect(errors(auto)).toEqual(['[0].rules[0].action: the hop action is only available under manual WLM']);
    const manual = copy(MANUAL_EXAMPLE) as Record<string, unknown>[];
    manual[0]!.rules = [
      {
        rule_name: 'demote',
        predicate: [{ metric_name: 'query_execution_time', operator: '>', value: 60 }],
        action: 'change_query_priority',
        value: 'low',
      },
    ];
    expect(errors(manual)).toEqual([
      '[0].rules[0].action: the change_query_priority action is only available under automatic WLM',
    ]);
  });

  it('wants a valid new priority for change_query_priority and no value on other actions', () => {
    const auto = copy(AUTO_EXAMPLE) as Record<string, unknown>[];
    (auto[1]!.rules as Record<string, unknown>[])[0]!.value = 'critical';
    (auto[0]!.rules as Record<string, unknown>[])[0]!.value = 'low';
    expect(errors(auto)).toEqual([
      '[0].rules[0].value: only change_query_priority takes a value, not log',
      '[1].rules[0].value: change_query_priority needs a new priority: one of highest, high, normal, low, lowest (got "critical")',
    ]);
  });

  it('refuses mixing manual and automatic queues', () => {
    const config = copy(AUTO_EXAMPLE) as Record<string, unknown>[];
    config[1] = { name: 'bi_dashboards', queue_type: 'manual', query_concurrency: 3 };
    expect(errors(config)).toEqual([
      '[1]: all queues must use the same WLM mode: this queue is manual while another one is automatic',
    ]);
  });

  it('checks the SQA maximum runtime: 0 or 1 to 20 seconds in milliseconds', () => {
    const config = copy(MANUAL_EXAMPLE) as Record<string, unknown>[];
    config[3] = { short_query_queue: true, max_execution_time: 30000 };
    expect(errors(config)).toEqual([
      '[3].max_execution_time: the SQA maximum runtime is 0 (dynamic) or 1000 to 20000 milliseconds (1 to 20 seconds), got 30000',
    ]);
    config[3] = { short_query_queue: true, max_execution_time: 5000 };
    expect(errors(config)).toEqual([]);
  });

  it('warns about settings Redshift ignores or advises against', () => {
    const auto = copy(AUTO_EXAMPLE) as Record<string, unknown>[];
    auto[0]!.query_concurrency = 5;
    expect(warnings(auto)).toEqual([
      '[0].query_concurrency: query_concurrency is ignored under automatic WLM (Redshift manages it)',
    ]);
    expect(errors(auto)).toEqual([]);
    const busy = copy(MANUAL_EXAMPLE);
    busy[1]!.query_concurrency = 20;
    expect(warnings(busy)).toEqual([
      ': AWS recommends at most 15 slots in total when short query acceleration is on (this has 27)',
    ]);
    busy[1]!.rules![0]!.predicate = [{ metric_name: 'query_queue_time', operator: '>', value: 60 }];
    expect(warnings(busy)).toContain(
      '[1].rules[0].action: Redshift ignores a hop rule that has a query_queue_time predicate',
    );
  });

  it('formats problems as one line for an API error', () => {
    expect(
      formatWlmProblems([
        { path: '[1].query_concurrency', message: 'too many', severity: 'error' },
        { path: '', message: 'too long', severity: 'error' },
      ]),
    ).toBe('[1].query_concurrency: too many; too long');
  });
});
