// The demo cluster's WLM configuration at first start: manual WLM with three user queues and SQA
// (REFERENCE 3.6 shape). Service classes follow the order of the array (REFERENCE 1.2): etl_nightly = 6,
// bi_dashboards = 7, Default queue = 8 (the last queue is the default), SQA = 14.
// etl_nightly has only 3 slots so that the nightly batch really fills it and later statements queue.

export const DEMO_WLM_CONFIGURATION = [
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
    query_group: ['dashboard_*'],
    query_group_wild_card: 1,
    query_concurrency: 8,
    memory_percent_to_use: 30,
    concurrency_scaling: 'auto',
    rules: [
      {
        rule_name: 'bi_log_nested_loop',
        predicate: [{ metric_name: 'nested_loop_join_row_count', operator: '>', value: 1000000 }],
        action: 'log',
      },
    ],
  },
  { name: 'Default queue', queue_type: 'manual', query_concurrency: 4, memory_percent_to_use: 20 },
  { short_query_queue: true, max_execution_time: 0 },
];

export const DEMO_WLM_JSON = JSON.stringify(DEMO_WLM_CONFIGURATION);

/** Identity of the demo cluster, shared by the catalog, the AWS stand-in and CloudWatch dimensions. */
export const DEMO_CLUSTER = {
  clusterIdentifier: 'nightshift-demo',
  region: 'eu-west-1',
  database: 'dev',
  nodeType: 'ra3.xlplus',
  numberOfNodes: 2,
  parameterGroupName: 'nightshift-demo-params',
} as const;
