// The two example configurations of REFERENCE 3.6 (manual) and 3.7 (automatic), as JSON values the
// tests copy and bend.

export const MANUAL_EXAMPLE = [
  {
    name: 'etl_nightly',
    queue_type: 'manual',
    user_group: ['etl_users'],
    user_group_wild_card: 0,
    query_group: ['nightly_*'],
    query_group_wild_card: 1,
    query_concurrency: 3,
    memory_percent_to_use: 50,
    concurrency_scaling: 'off',
    rules: [
      {
        rule_name: 'etl_kill_after_2h',
        predicate: [{ metric_name: 'query_execution_time', operator: '>', value: 7200 }],
        action: 'abort',
      },
    ],
  },
  {
    name: 'bi_dashboards',
    queue_type: 'manual',
    user_group: ['analysts'],
    query_concurrency: 8,
    memory_percent_to_use: 30,
    concurrency_scaling: 'auto',
    rules: [
      {
        rule_name: 'bi_hop_cartesian',
        predicate: [
          { metric_name: 'nested_loop_join_row_count', operator: '>', value: 1000000 },
          { metric_name: 'segment_execution_time', operator: '>', value: 10 },
        ],
        action: 'hop',
      },
    ],
  },
  { name: 'Default queue', queue_type: 'manual', query_concurrency: 4, memory_percent_to_use: 20 },
  { short_query_queue: true, max_execution_time: 0 },
];

export const AUTO_EXAMPLE = [
  {
    name: 'etl_nightly',
    queue_type: 'auto',
    auto_wlm: true,
    user_group: ['etl_users'],
    query_group: ['nightly_*'],
    query_group_wild_card: 1,
    priority: 'highest',
    concurrency_scaling: 'off',
    rules: [
      {
        rule_name: 'etl_log_big_spill',
        predicate: [{ metric_name: 'query_temp_blocks_to_disk', operator: '>', value: 100000 }],
        action: 'log',
      },
    ],
  },
  {
    name: 'bi_dashboards',
    queue_type: 'auto',
    auto_wlm: true,
    user_group: ['analysts'],
    priority: 'normal',
    concurrency_scaling: 'auto',
    rules: [
      {
        rule_name: 'bi_demote_slow',
        predicate: [{ metric_name: 'query_execution_time', operator: '>', value: 600 }],
        action: 'change_query_priority',
        value: 'low',
      },
    ],
  },
  { name: 'Default queue', queue_type: 'auto', auto_wlm: true, priority: 'low' },
  { short_query_queue: true },
];

/** A deep copy to bend without touching the originals. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
