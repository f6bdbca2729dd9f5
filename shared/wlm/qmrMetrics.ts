// Query monitoring rule metrics for provisioned clusters with their units and valid ranges
// (REFERENCE 3.4). Serverless `max_*` names are out of scope.

export interface QmrMetricSpec {
  unit: string;
  min: number;
  max: number;
}

export const QMR_METRICS: Readonly<Record<string, QmrMetricSpec>> = {
  query_cpu_time: { unit: 'CPU seconds', min: 0, max: 999_999 },
  query_blocks_read: { unit: '1 MB blocks', min: 0, max: 1_048_575 },
  scan_row_count: { unit: 'rows', min: 0, max: 999_999_999_999_999 },
  query_execution_time: { unit: 'seconds', min: 0, max: 86_399 },
  query_queue_time: { unit: 'seconds', min: 0, max: 86_399 },
  query_cpu_usage_percent: { unit: 'percent', min: 0, max: 6_399 },
  query_temp_blocks_to_disk: { unit: '1 MB blocks', min: 0, max: 319_815_679 },
  cpu_skew: { unit: 'ratio', min: 0, max: 99 },
  io_skew: { unit: 'ratio', min: 0, max: 99 },
  join_row_count: { unit: 'rows', min: 0, max: 999_999_999_999_999 },
  nested_loop_join_row_count: { unit: 'rows', min: 0, max: 999_999_999_999_999 },
  return_row_count: { unit: 'rows', min: 0, max: 999_999_999_999_999 },
  segment_execution_time: { unit: 'seconds', min: 0, max: 86_388 },
  spectrum_scan_row_count: { unit: 'rows', min: 0, max: 999_999_999_999_999 },
  spectrum_scan_size_mb: { unit: 'MB', min: 0, max: 999_999_999_999_999 },
};

/** `query_priority` compares priority words instead of numbers (HIGHEST > … > LOWEST). */
export const QMR_PRIORITY_METRIC = 'query_priority';

export const QMR_PRIORITY_VALUES = ['highest', 'high', 'normal', 'low', 'lowest'] as const;

export function isQmrMetricName(name: string): boolean {
  return name === QMR_PRIORITY_METRIC || Object.hasOwn(QMR_METRICS, name);
}
