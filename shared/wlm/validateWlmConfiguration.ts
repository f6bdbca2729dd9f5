// The limits AWS enforces on a parsed WLM configuration (REFERENCE 3.3, 3.4), each problem in words
// with the path into the JSON array. Paths count queues from [0] and put the SQA element after the
// queues, which is where serializeWlmConfiguration writes it.
import { QMR_METRICS, QMR_PRIORITY_METRIC, QMR_PRIORITY_VALUES } from './qmrMetrics.ts';
import { serializeWlmConfiguration } from './serializeWlmConfiguration.ts';
import { queueNameOf, wlmModeOf } from './serviceClassOf.ts';
import type { WlmConfiguration, WlmProblem, WlmQueue } from './types.ts';

export const WLM_LIMITS = {
  maxQueues: 8,
  minConcurrency: 1,
  maxConcurrency: 50,
  maxTotalConcurrency: 50,
  maxTotalMemoryPercent: 100,
  maxSerializedLength: 8000,
  maxRulesPerQueue: 25,
  maxRulesTotal: 25,
  maxPredicatesPerRule: 3,
  maxQueueNameLength: 64,
  /** Redshift's manual default when `query_concurrency` is absent (the historical `[{"query_concurrency":5}]`). */
  defaultConcurrency: 5,
  /** AWS best practice: at most 15 slots in total when SQA is on (REFERENCE 3.3). */
  recommendedSlotsWithSqa: 15,
  sqaMaxExecutionTimeMs: { min: 1000, max: 20000 },
} as const;

const QUEUE_NAME = /^[A-Za-z0-9_ ]+$/;
const RULE_NAME = /^[A-Za-z0-9_]{1,32}$/;

class Problems {
  readonly list: WlmProblem[] = [];
  error(path: string, message: string): void {
    this.list.push({ path, message, severity: 'error' });
  }
  warning(path: string, message: string): void {
    this.list.push({ path, message, severity: 'warning' });
  }
}

function isInt(n: number): boolean {
  return Number.isInteger(n);
}

function checkWildCard(p: Problems, q: WlmQueue, key: keyof WlmQueue, path: string): void {
  const v = q[key];
  if (typeof v === 'number' && v !== 0 && v !== 1)
    p.error(`${path}.${key}`, `must be 0 (off) or 1 (on), got ${v}`);
}

function checkRules(p: Problems, config: WlmConfiguration, mode: 'auto' | 'manual'): void {
  const seen = new Map<string, string>();
  let total = 0;
  config.queues.forEach((q, qi) => {
    const rules = q.rules ?? [];
    total += rules.length;
    if (rules.length > WLM_LIMITS.maxRulesPerQueue) {
      p.error(
        `[${qi}].rules`,
        `a queue can have at most ${WLM_LIMITS.maxRulesPerQueue} rules, this one has ${rules.length}`,
      );
    }
    rules.forEach((rule, ri) => {
      const path = `[${qi}].rules[${ri}]`;
      if (!RULE_NAME.test(rule.rule_name)) {
        p.error(
          `${path}.rule_name`,
          `rule name "${rule.rule_name}" must be 1 to 32 letters, digits or underscores (no spaces or quotes)`,
        );
      }
      const other = seen.get(rule.rule_name);
      if (other !== undefined) {
        p.error(`${path}.rule_name`, `rule name "${rule.rule_name}" is already used at ${other}`);
      } else {
        seen.set(rule.rule_name, path);
      }
      if (rule.predicate.length === 0) p.error(`${path}.predicate`, 'a rule needs at least one predicate');
      if (rule.predicate.length > WLM_LIMITS.maxPredicatesPerRule) {
        p.error(
          `${path}.predicate`,
          `a rule can have at most ${WLM_LIMITS.maxPredicatesPerRule} predicates, this one has ${rule.predicate.length}`,
        );
      }
      rule.predicate.forEach((pred, pi) => {
        const ppath = `${path}.predicate[${pi}]`;
        if (pred.metric_name === QMR_PRIORITY_METRIC) {
          const word = String(pred.value).toLowerCase();
          if (!(QMR_PRIORITY_VALUES as readonly string[]).includes(word)) {
            p.error(
              `${ppath}.value`,
              `query_priority must be compared with one of ${QMR_PRIORITY_VALUES.map((v) => v.toUpperCase()).join(', ')} (got "${pred.value}")`,
            );
          }
          return;
        }
        const spec = QMR_METRICS[pred.metric_name];
        if (spec === undefined) {
          p.error(`${ppath}.metric_name`, `"${pred.metric_name}" is not a query monitoring metric`);
          return;
        }
        if (typeof pred.value !== 'number') {
          p.error(`${ppath}.value`, `${pred.metric_name} needs a number (${spec.unit}), got "${pred.value}"`);
          return;
        }
        if (pred.value < spec.min || pred.value > spec.max) {
          p.error(
            `${ppath}.value`,
            `${pred.metric_name} must be between ${spec.min} and ${spec.max.toLocaleString('en-US')} ${spec.unit} (got ${pred.value})`,
          );
        }
      });
      if (rule.action === 'hop' && mode === 'auto') {
        p.error(`${path}.action`, 'the hop action is only available under manual WLM');
      }
      if (rule.action === 'hop' && rule.predicate.some((x) => x.metric_name === 'query_queue_time')) {
        p.warning(`${path}.action`, 'Redshift ignores a hop rule that has a query_queue_time predicate');
      }
      if (rule.action === 'change_query_priority') {
        if (mode === 'manual') {
          p.error(`${path}.action`, 'the change_query_priority action is only available under automatic WLM');
        }
        const word = rule.value?.toLowerCase();
        if (word === undefined || !(QMR_PRIORITY_VALUES as readonly string[]).includes(word)) {
          p.error(
            `${path}.value`,
            `change_query_priority needs a new priority: one of ${QMR_PRIORITY_VALUES.join(', ')}${rule.value === undefined ? '' : ` (got "${rule.value}")`}`,
          );
        }
      } else if (rule.value !== undefined) {
        p.error(`${path}.value`, `only change_query_priority takes a value, not ${rule.action}`);
      }
    });
  });
  if (total > WLM_LIMITS.maxRulesTotal) {
    p.error(
      '',
      `a configuration can have at most ${WLM_LIMITS.maxRulesTotal} query monitoring rules in total, this one has ${total}`,
    );
  }
}

/**
 * Checks a parsed configuration against Redshift's limits. `rawJson` is the string as sent, used for the
 * 8000-character limit; without it the compact serialization is measured.
 */
export function validateWlmConfiguration(config: WlmConfiguration, rawJson?: string): WlmProblem[] {
  const p = new Problems();
  const mode = wlmModeOf(config);
  const n = config.queues.length;

  const length = (rawJson ?? serializeWlmConfiguration(config)).length;
  if (length > WLM_LIMITS.maxSerializedLength) {
    p.error('', `the value is ${length} characters long; the limit is ${WLM_LIMITS.maxSerializedLength}`);
  }
  if (n === 0)
    p.error('', 'the configuration needs at least one queue (the last queue is the default queue)');
  if (n > WLM_LIMITS.maxQueues) {
    p.error('', `at most ${WLM_LIMITS.maxQueues} queues are allowed, this configuration has ${n}`);
  }

  const names = new Map<string, number>();
  let totalConcurrency = 0;
  let memoryCount = 0;
  let totalMemory = 0;

  config.queues.forEach((q, i) => {
    const path = `[${i}]`;
    const name = queueNameOf(q, i, n);
    if (q.name !== undefined) {
      if (q.name === '' || !QUEUE_NAME.test(q.name)) {
        p.error(
          `${path}.name`,
          `queue name "${q.name}" may only contain letters, digits, underscores and spaces`,
        );
      }
      if (q.name.length > WLM_LIMITS.maxQueueNameLength) {
        p.error(
          `${path}.name`,
          `queue name is ${q.name.length} characters long; the limit is ${WLM_LIMITS.maxQueueNameLength}`,
        );
      }
    }
    const previous = names.get(name.toLowerCase());
    if (previous !== undefined) {
      p.error(`${path}.name`, `queue name "${name}" is already used by queue [${previous}]`);
    } else {
      names.set(name.toLowerCase(), i);
    }

    if (mode === 'auto') {
      if (q.queue_type === 'manual' || q.auto_wlm === false) {
        p.error(
          path,
          'all queues must use the same WLM mode: this queue is manual while another one is automatic',
        );
      }
      for (const key of ['query_concurrency', 'memory_percent_to_use', 'max_execution_time'] as const) {
        if (q[key] !== undefined) {
          p.warning(`${path}.${key}`, `${key} is ignored under automatic WLM (Redshift manages it)`);
        }
      }
    } else {
      const c = q.query_concurrency ?? WLM_LIMITS.defaultConcurrency;
      if (!isInt(c) || c < WLM_LIMITS.minConcurrency || c > WLM_LIMITS.maxConcurrency) {
        p.error(
          `${path}.query_concurrency`,
          `concurrency must be a whole number from ${WLM_LIMITS.minConcurrency} to ${WLM_LIMITS.maxConcurrency} (got ${c})`,
        );
      }
      totalConcurrency += c;
      if (q.memory_percent_to_use !== undefined) {
        const m = q.memory_percent_to_use;
        memoryCount += 1;
        totalMemory += m;
        if (!isInt(m) || m < 1 || m > 100) {
          p.error(
            `${path}.memory_percent_to_use`,
            `memory must be a whole percentage from 1 to 100 (got ${m})`,
          );
        }
      }
      if (q.max_execution_time !== undefined && (!isInt(q.max_execution_time) || q.max_execution_time < 0)) {
        p.error(
          `${path}.max_execution_time`,
          `the WLM timeout must be a whole number of milliseconds, 0 for none (got ${q.max_execution_time})`,
        );
      }
      if (q.priority !== undefined) {
        p.warning(`${path}.priority`, 'queue priority only applies under automatic WLM and is ignored here');
      }
    }

    checkWildCard(p, q, 'user_group_wild_card', path);
    checkWildCard(p, q, 'query_group_wild_card', path);
    checkWildCard(p, q, 'user_role_wild_card', path);

    if (i === n - 1) {
      for (const key of ['user_group', 'query_group', 'user_role'] as const) {
        if ((q[key]?.length ?? 0) > 0) {
          p.error(
            `${path}.${key}`,
            `the last queue is the default queue and cannot have a ${key.replace('_', ' ')} list`,
          );
        }
      }
    }
  });

  if (mode === 'manual') {
    if (totalConcurrency > WLM_LIMITS.maxTotalConcurrency) {
      p.error(
        '',
        `the queues have ${totalConcurrency} slots in total; the limit is ${WLM_LIMITS.maxTotalConcurrency}`,
      );
    }
    if (memoryCount > 0 && memoryCount < n) {
      p.error('', 'memory_percent_to_use must be set on every queue or on none');
    }
    if (totalMemory > WLM_LIMITS.maxTotalMemoryPercent) {
      p.error('', `memory_percent_to_use adds up to ${totalMemory}%; the limit is 100%`);
    }
    if (
      config.shortQueryQueue?.short_query_queue === true &&
      totalConcurrency > WLM_LIMITS.recommendedSlotsWithSqa
    ) {
      p.warning(
        '',
        `AWS recommends at most ${WLM_LIMITS.recommendedSlotsWithSqa} slots in total when short query acceleration is on (this has ${totalConcurrency})`,
      );
    }
  }

  const sqa = config.shortQueryQueue;
  if (sqa?.max_execution_time !== undefined) {
    const v = sqa.max_execution_time;
    const { min, max } = WLM_LIMITS.sqaMaxExecutionTimeMs;
    if (!isInt(v) || (v !== 0 && (v < min || v > max))) {
      p.error(
        `[${n}].max_execution_time`,
        `the SQA maximum runtime is 0 (dynamic) or ${min} to ${max} milliseconds (1 to 20 seconds), got ${v}`,
      );
    }
  }

  checkRules(p, config, mode);
  return p.list;
}

/** One line for an API error message or a log: `path: message; path: message`. */
export function formatWlmProblems(problems: readonly WlmProblem[]): string {
  return problems.map((x) => (x.path === '' ? x.message : `${x.path}: ${x.message}`)).join('; ');
}
