// The two example configurations of REFERENCE 3.6 (manual) and 3.7 (automatic), as JSON values the
// tests copy and bend. The manual one is the demo cluster's first configuration but for bi_dashboards,
// which 3.6 gives no query group and a rule that hops on two predicates.
import { DEMO_WLM_CONFIGURATION } from '../../../electron/demo/defaultWlmConfiguration.ts';

const [etlNightly, , defaultQueue, shortQueryQueue] = structuredClone(DEMO_WLM_CONFIGURATION);

export const MANUAL_EXAMPLE = [
  etlNightly,
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
  defaultQueue,
  shortQueryQueue,
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
