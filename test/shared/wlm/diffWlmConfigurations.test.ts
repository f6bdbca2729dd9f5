import { describe, expect, it } from 'vitest';
import { diffWlmConfigurations } from '../../../shared/wlm/diffWlmConfigurations.ts';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import type { WlmConfiguration } from '../../../shared/wlm/types.ts';
import { AUTO_EXAMPLE, MANUAL_EXAMPLE, copy } from './wlmExamples.ts';

function config(value: unknown): WlmConfiguration {
  const parsed = parseWlmConfiguration(JSON.stringify(value));
  if (!parsed.ok) throw new Error('parse failed');
  return parsed.config;
}

function diff(before: unknown, after: unknown) {
  const d = diffWlmConfigurations(config(before), config(after));
  return { verdict: d.verdict, changes: d.changes.map((c) => `${c.kind} ${c.path}: ${c.description}`) };
}

describe('diffWlmConfigurations', () => {
  it('finds no change between equal configurations, even when defaults are spelled out', () => {
    expect(diff(MANUAL_EXAMPLE, MANUAL_EXAMPLE)).toEqual({ verdict: 'no-change', changes: [] });
    const spelled = copy(MANUAL_EXAMPLE) as Record<string, unknown>[];
    spelled[1]!.user_group_wild_card = 0;
    spelled[1]!.max_execution_time = 0;
    expect(diff(MANUAL_EXAMPLE, spelled).verdict).toBe('no-change');
    expect(diff([{ query_concurrency: 5 }], [{}]).verdict).toBe('no-change');
  });

  it('applies manual concurrency, memory, timeout, scaling and rule changes at once', () => {
    const after = copy(MANUAL_EXAMPLE);
    after[0]!.query_concurrency = 5;
    after[0]!.memory_percent_to_use = 40;
    after[2]!.memory_percent_to_use = 30;
    after[1]!.concurrency_scaling = 'off';
    after[0]!.rules![0]!.predicate[0]!.value = 3600;
    expect(diff(MANUAL_EXAMPLE, after)).toEqual({
      verdict: 'applies-at-once',
      changes: [
        'dynamic [0].query_concurrency: queue "etl_nightly": concurrency 3 → 5',
        'dynamic [0].memory_percent_to_use: queue "etl_nightly": memory % 50 → 40',
        'dynamic [0].rules: queue "etl_nightly": rule etl_kill_after_2h changes from query_execution_time > 7200 → abort to query_execution_time > 3600 → abort',
        'dynamic [1].concurrency_scaling: queue "bi_dashboards": concurrency scaling "auto" → "off"',
        'dynamic [2].memory_percent_to_use: queue "Default queue": memory % 20 → 30',
      ],
    });
  });

  it('needs a reboot for manual user/query group changes, and then for everything', () => {
    const after = copy(MANUAL_EXAMPLE);
    after[1]!.user_group = ['analysts', 'bi_users'];
    after[1]!.query_concurrency = 6;
    expect(diff(MANUAL_EXAMPLE, after)).toEqual({
      verdict: 'needs-reboot',
      changes: [
        'static [1].user_group: queue "bi_dashboards": user groups "analysts" → "analysts, bi_users"',
        'dynamic [1].query_concurrency: queue "bi_dashboards": concurrency 8 → 6',
      ],
    });
  });

  it('treats the same group change as dynamic under automatic WLM', () => {
    const after = copy(AUTO_EXAMPLE);
    after[1]!.user_group = ['analysts', 'bi_users'];
    after[1]!.priority = 'high';
    expect(diff(AUTO_EXAMPLE, after)).toEqual({
      verdict: 'applies-at-once',
      changes: [
        'dynamic [1].user_group: queue "bi_dashboards": user groups "analysts" → "analysts, bi_users"',
        'dynamic [1].priority: queue "bi_dashboards": priority "normal" → "high"',
      ],
    });
  });

  it('adding or removing a queue is static under manual WLM and dynamic under automatic WLM', () => {
    const manual = copy(MANUAL_EXAMPLE) as Record<string, unknown>[];
    manual.splice(1, 1);
    expect(diff(MANUAL_EXAMPLE, manual).changes[0]).toBe('static [1]: queue "bi_dashboards" is removed');
    expect(diff(MANUAL_EXAMPLE, manual).verdict).toBe('needs-reboot');
    const auto = copy(AUTO_EXAMPLE) as Record<string, unknown>[];
    auto.splice(1, 0, { name: 'loads', queue_type: 'auto', auto_wlm: true, user_group: ['loaders'] });
    expect(diff(AUTO_EXAMPLE, auto)).toEqual({
      verdict: 'applies-at-once',
      changes: [
        'dynamic [1]: queue "loads" is added',
        'dynamic [2]: queue "bi_dashboards" moves from position 2 to 3 (service class 101 → 102)',
        'dynamic [3]: queue "Default queue" moves from position 3 to 4 (service class 102 → 103)',
      ],
    });
  });

  it('sees a new name at the same position as a rename', () => {
    const after = copy(MANUAL_EXAMPLE);
    after[1]!.name = 'dashboards';
    expect(diff(MANUAL_EXAMPLE, after)).toEqual({
      verdict: 'needs-reboot',
      changes: [
        'static [1].name: queue "bi_dashboards" is renamed to "dashboards" (its CloudWatch QueueName changes)',
      ],
    });
  });

  it('switching between manual and automatic WLM is static', () => {
    const d = diff(MANUAL_EXAMPLE, AUTO_EXAMPLE);
    expect(d.verdict).toBe('needs-reboot');
    expect(d.changes[0]).toBe('static : WLM switches from manual to automatic');
  });

  it('SQA on/off and its maximum runtime are dynamic', () => {
    const off = copy(MANUAL_EXAMPLE) as Record<string, unknown>[];
    off.pop();
    expect(diff(MANUAL_EXAMPLE, off)).toEqual({
      verdict: 'applies-at-once',
      changes: ['dynamic [3].short_query_queue: short query acceleration is turned off'],
    });
    const slower = copy(MANUAL_EXAMPLE) as Record<string, unknown>[];
    slower[3] = { short_query_queue: true, max_execution_time: 8000 };
    expect(diff(MANUAL_EXAMPLE, slower).changes).toEqual([
      'dynamic [3].max_execution_time: SQA maximum runtime dynamic → 8000 ms',
    ]);
  });

  it('lists added and removed rules', () => {
    const after = copy(MANUAL_EXAMPLE);
    after[0]!.rules = [
      {
        rule_name: 'etl_log_spill',
        predicate: [{ metric_name: 'query_temp_blocks_to_disk', operator: '>', value: 1000 }],
        action: 'log',
      },
    ];
    expect(diff(MANUAL_EXAMPLE, after)).toEqual({
      verdict: 'applies-at-once',
      changes: [
        'dynamic [0].rules: queue "etl_nightly": rule etl_kill_after_2h is removed',
        'dynamic [0].rules: queue "etl_nightly": rule etl_log_spill is added (query_temp_blocks_to_disk > 1000 → log)',
      ],
    });
  });
});
