// The stored WLM configuration as table rows (wlm.pressure's currentConfig) and what changed between two
// recordings in words (its configChanges). Two sources (0002_history.sql): the parameter group's
// wlm_json_configuration (REFERENCE 3; parsed with shared/wlm) and the service classes the cluster
// reports (STV_WLM_SERVICE_CLASS_CONFIG rows as JSON, REFERENCE 1.8).
import type { QmrRuleRow, WlmQueueConfigRow } from '../../../shared/model/pressure.ts';
import { diffWlmConfigurations } from '../../../shared/wlm/diffWlmConfigurations.ts';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import { listServiceClasses, wlmModeOf } from '../../../shared/wlm/serviceClassOf.ts';
import type { WlmConfiguration } from '../../../shared/wlm/types.ts';
import { WLM_LIMITS } from '../../../shared/wlm/validateWlmConfiguration.ts';

export type ConfigSource = 'service_classes' | 'parameter_group';

export interface ConfigRows {
  rows: WlmQueueConfigRow[];
  shortQueryAcceleration: boolean | null;
}

/** A row of STV_WLM_SERVICE_CLASS_CONFIG as the wlm_config job stored it (queries/wlm.sql). */
interface ServiceClassRow {
  service_class: number;
  name: string;
  num_query_tasks: number;
  target_num_query_tasks?: number;
  query_working_mem?: number;
  max_execution_time?: number | string;
  user_group_wild_card?: boolean;
  query_group_wild_card?: boolean;
  concurrency_scaling?: string | null;
  query_priority?: string | null;
}

function parseServiceClasses(json: string): ServiceClassRow[] | null {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as ServiceClassRow[]) : null;
  } catch {
    return null;
  }
}

function parsed(json: string): WlmConfiguration | null {
  const r = parseWlmConfiguration(json);
  return r.ok ? r.config : null;
}

export function configRows(source: ConfigSource, json: string): ConfigRows | null {
  if (source === 'parameter_group') {
    const config = parsed(json);
    return config ? rowsFromConfiguration(config) : null;
  }
  const classes = parseServiceClasses(json);
  if (!classes) return null;
  return {
    rows: classes.map((c) => {
      const timeout = Number(c.max_execution_time ?? 0);
      return {
        serviceClass: c.service_class,
        name: c.name,
        concurrency: c.num_query_tasks === -1 ? 'auto' : c.num_query_tasks,
        // The view reports memory in MB per slot, not the configured percentage.
        memoryPercent: c.num_query_tasks === -1 ? 'auto' : null,
        timeoutMs: timeout > 0 ? timeout : null,
        userGroups: [],
        userGroupWildcard: c.user_group_wild_card === true,
        queryGroups: [],
        queryGroupWildcard: c.query_group_wild_card === true,
        priority: c.query_priority ?? null,
        concurrencyScaling: c.concurrency_scaling ?? null,
        rules: [],
      };
    }),
    // Service class 14 is listed only while short query acceleration is on (REFERENCE 1.2).
    shortQueryAcceleration: classes.some((c) => c.service_class === 14),
  };
}

function rowsFromConfiguration(config: WlmConfiguration): ConfigRows {
  const auto = wlmModeOf(config) === 'auto';
  const rows = listServiceClasses(config).map((sc): WlmQueueConfigRow => {
    const q = sc.queueIndex === null ? null : config.queues[sc.queueIndex];
    if (!q)
      return {
        serviceClass: sc.serviceClass,
        name: sc.name,
        concurrency: 'auto',
        memoryPercent: null,
        timeoutMs: config.shortQueryQueue?.max_execution_time || null,
        userGroups: [],
        userGroupWildcard: false,
        queryGroups: [],
        queryGroupWildcard: false,
        priority: null,
        concurrencyScaling: null,
        rules: [],
      };
    return {
      serviceClass: sc.serviceClass,
      name: sc.name,
      concurrency: auto ? 'auto' : (q.query_concurrency ?? WLM_LIMITS.defaultConcurrency),
      memoryPercent: auto ? 'auto' : (q.memory_percent_to_use ?? null),
      timeoutMs: !auto && q.max_execution_time ? q.max_execution_time : null,
      userGroups: q.user_group ?? [],
      userGroupWildcard: q.user_group_wild_card === 1,
      queryGroups: q.query_group ?? [],
      queryGroupWildcard: q.query_group_wild_card === 1,
      priority: auto ? (q.priority ?? 'normal') : null,
      concurrencyScaling: q.concurrency_scaling ?? 'off',
      rules: (q.rules ?? []).map((r): QmrRuleRow => ({
        name: r.rule_name,
        predicates: r.predicate.map((p) => `${p.metric_name} ${p.operator} ${p.value}`).join(' AND '),
        action: r.value === undefined ? r.action : `${r.action} ${r.value}`,
      })),
    };
  });
  return { rows, shortQueryAcceleration: config.shortQueryQueue?.short_query_queue === true };
}

/** One line per change from `before` to `after` (same source); empty when nothing effective changed. */
export function describeConfigChange(source: ConfigSource, before: string, after: string): string[] {
  if (source === 'parameter_group') {
    const a = parsed(before);
    const b = parsed(after);
    if (!a || !b) return ['The WLM configuration of the parameter group changed (it could not be parsed).'];
    return diffWlmConfigurations(a, b).changes.map((c) => c.description);
  }
  const a = parseServiceClasses(before);
  const b = parseServiceClasses(after);
  if (!a || !b) return ['The service classes the cluster reports changed.'];
  const lines: string[] = [];
  const byClass = new Map(a.map((c) => [c.service_class, c]));
  const label = (c: ServiceClassRow) => `queue "${c.name}" (service class ${c.service_class})`;
  for (const c of b) {
    const old = byClass.get(c.service_class);
    byClass.delete(c.service_class);
    if (!old) {
      lines.push(`${label(c)} is added`);
      continue;
    }
    const fields: [string, unknown, unknown][] = [
      ['name', old.name, c.name],
      ['slots', old.num_query_tasks, c.num_query_tasks],
      ['target slots', old.target_num_query_tasks, c.target_num_query_tasks],
      ['memory per slot (MB)', old.query_working_mem, c.query_working_mem],
      ['timeout (ms)', Number(old.max_execution_time ?? 0), Number(c.max_execution_time ?? 0)],
      ['concurrency scaling', old.concurrency_scaling, c.concurrency_scaling],
      ['priority', old.query_priority, c.query_priority],
    ];
    for (const [what, x, y] of fields)
      if (x !== y) lines.push(`${label(c)}: ${what} ${String(x ?? 'unset')} → ${String(y ?? 'unset')}`);
  }
  for (const gone of byClass.values()) lines.push(`${label(gone)} is removed`);
  return lines;
}
