// The parameters of the `redshift-1.0` family with their engine defaults, as in the AWS
// DescribeClusterParameters sample (REFERENCE 4.4). Descriptions are our own words.
// ApplyType: the sample shows wlm_json_configuration as `static` (whether a WLM change really needs a
// reboot is decided per property, REFERENCE 3.5); max_concurrency_scaling_clusters is `dynamic`, the
// rest `static` – our reading where the sample is silent.

export interface ParameterDefinition {
  name: string;
  defaultValue: string;
  description: string;
  dataType: 'boolean' | 'string' | 'integer';
  allowedValues?: string;
  applyType: 'static' | 'dynamic';
}

export const WLM_PARAMETER = 'wlm_json_configuration';
export const ENGINE_DEFAULT_WLM_JSON = '[{"auto_wlm":true}]';
export const PARAMETER_GROUP_FAMILY = 'redshift-1.0';
export const DEFAULT_PARAMETER_GROUP = 'default.redshift-1.0';

export const ENGINE_DEFAULT_PARAMETERS: readonly ParameterDefinition[] = [
  {
    name: 'auto_analyze',
    defaultValue: 'true',
    description: 'Runs ANALYZE automatically on tables whose statistics are stale.',
    dataType: 'boolean',
    allowedValues: 'true,false',
    applyType: 'static',
  },
  {
    name: 'datestyle',
    defaultValue: 'ISO, MDY',
    description: 'Display format for date and time values.',
    dataType: 'string',
    applyType: 'static',
  },
  {
    name: 'enable_user_activity_logging',
    defaultValue: 'false',
    description: 'Logs every query before it runs (user activity log).',
    dataType: 'boolean',
    allowedValues: 'true,false',
    applyType: 'static',
  },
  {
    name: 'extra_float_digits',
    defaultValue: '0',
    description: 'Extra digits shown for floating-point values.',
    dataType: 'integer',
    allowedValues: '-15-2',
    applyType: 'static',
  },
  {
    name: 'max_concurrency_scaling_clusters',
    defaultValue: '1',
    description: 'Most concurrency-scaling clusters that may run at once.',
    dataType: 'integer',
    allowedValues: '0-10',
    applyType: 'dynamic',
  },
  {
    name: 'max_cursor_result_set_size',
    defaultValue: 'default',
    description: 'Largest cursor result set per individual cursor, in MB.',
    dataType: 'integer',
    allowedValues: '0-14400000',
    applyType: 'static',
  },
  {
    name: 'query_group',
    defaultValue: 'default',
    description: 'Label for the queries of a session, used to route them to WLM queues.',
    dataType: 'string',
    applyType: 'static',
  },
  {
    name: 'require_ssl',
    defaultValue: 'false',
    description: 'Requires SSL for client connections.',
    dataType: 'boolean',
    allowedValues: 'true,false',
    applyType: 'static',
  },
  {
    name: 'search_path',
    defaultValue: '$user, public',
    description: 'Schemas searched for unqualified names.',
    dataType: 'string',
    applyType: 'static',
  },
  {
    name: 'statement_timeout',
    defaultValue: '0',
    description: 'Cancels statements that run longer than this many milliseconds (0 = no limit).',
    dataType: 'integer',
    allowedValues: '0,100-2147483647',
    applyType: 'static',
  },
  {
    name: 'use_fips_ssl',
    defaultValue: 'false',
    description: 'Uses FIPS-compliant SSL mode only.',
    dataType: 'boolean',
    allowedValues: 'true,false',
    applyType: 'static',
  },
  {
    name: WLM_PARAMETER,
    defaultValue: ENGINE_DEFAULT_WLM_JSON,
    description:
      'Workload management configuration: queues, short query acceleration and query monitoring rules.',
    dataType: 'string',
    applyType: 'static',
  },
];

/** Checks a new value against the parameter's type and allowed values; returns the problem or null. */
export function checkParameterValue(def: ParameterDefinition, value: string): string | null {
  if (def.dataType === 'boolean') {
    return value === 'true' || value === 'false' ? null : `${def.name} must be true or false`;
  }
  if (def.dataType === 'integer') {
    if (value === def.defaultValue) return null;
    if (!/^-?\d+$/.test(value)) return `${def.name} must be a whole number`;
    const n = Number(value);
    const ranges = (def.allowedValues ?? '').split(',').filter((r) => r !== '');
    if (ranges.length === 0) return null;
    const ok = ranges.some((range) => {
      const m = /^(-?\d+)(?:-(-?\d+))?$/.exec(range);
      if (m === null) return false;
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      return n >= lo && n <= hi;
    });
    return ok ? null : `${def.name} must be in ${def.allowedValues}`;
  }
  return null;
}
