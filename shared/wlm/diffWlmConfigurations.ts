// What changes between two WLM configurations, each change classified dynamic (applies without a
// reboot) or static (waits for a reboot) per REFERENCE 3.5, and the overall verdict: any static change
// – or switching between automatic and manual WLM – makes the whole change wait for a reboot.
//
// Queues are matched by name, so a reordered queue is seen as moved (its service class changes). A queue
// whose name changed at the same position is a rename; AWS does not classify renames, so we treat them
// like adding/removing a queue (dynamic under auto, static under manual) – our choice.
import { QMR_PRIORITY_METRIC } from './qmrMetrics.ts';
import { queueNameOf, serviceClassOf, wlmModeOf } from './serviceClassOf.ts';
import type { QmrRule, WlmConfiguration, WlmMode, WlmQueue } from './types.ts';
import { WLM_LIMITS } from './validateWlmConfiguration.ts';

export type WlmApplyKind = 'dynamic' | 'static';

export interface WlmChange {
  /** Where in the *after* configuration (or the before one, for removals), e.g. `[1].query_concurrency`. */
  path: string;
  description: string;
  kind: WlmApplyKind;
}

export interface WlmDiff {
  changes: WlmChange[];
  /** `applies-at-once` when every change is dynamic; `needs-reboot` as soon as one is static. */
  verdict: 'no-change' | 'applies-at-once' | 'needs-reboot';
}

interface Effective {
  name: string;
  userGroups: string;
  userGroupWildCard: number;
  queryGroups: string;
  queryGroupWildCard: number;
  userRoles: string;
  userRoleWildCard: number;
  concurrencyScaling: string;
  priority: string;
  concurrency: number | null;
  memory: number | null;
  timeout: number;
  rules: QmrRule[];
}

function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`no element at ${i}`);
  return item;
}

function list(v: string[] | undefined): string {
  return [...(v ?? [])].sort().join(', ');
}

function effective(q: WlmQueue, index: number, count: number, mode: WlmMode): Effective {
  return {
    name: queueNameOf(q, index, count),
    userGroups: list(q.user_group),
    userGroupWildCard: q.user_group_wild_card ?? 0,
    queryGroups: list(q.query_group),
    queryGroupWildCard: q.query_group_wild_card ?? 0,
    userRoles: list(q.user_role),
    userRoleWildCard: q.user_role_wild_card ?? 0,
    concurrencyScaling: q.concurrency_scaling ?? 'off',
    priority: mode === 'auto' ? (q.priority ?? 'normal') : 'n/a',
    concurrency: mode === 'manual' ? (q.query_concurrency ?? WLM_LIMITS.defaultConcurrency) : null,
    memory: mode === 'manual' ? (q.memory_percent_to_use ?? null) : null,
    timeout: mode === 'manual' ? (q.max_execution_time ?? 0) : 0,
    rules: q.rules ?? [],
  };
}

function shown(v: string | number | null): string {
  if (v === null) return 'unset';
  if (v === '') return 'none';
  return typeof v === 'number' ? String(v) : `"${v}"`;
}

function ruleText(r: QmrRule): string {
  const preds = r.predicate
    .map(
      (p) =>
        `${p.metric_name} ${p.operator} ${p.metric_name === QMR_PRIORITY_METRIC ? String(p.value) : p.value}`,
    )
    .join(' and ');
  return `${preds} → ${r.action}${r.value === undefined ? '' : ` ${r.value}`}`;
}

export function diffWlmConfigurations(before: WlmConfiguration, after: WlmConfiguration): WlmDiff {
  const changes: WlmChange[] = [];
  const modeBefore = wlmModeOf(before);
  const modeAfter = wlmModeOf(after);
  const mode = modeAfter;
  // Kinds per REFERENCE 3.5, by the mode the cluster ends up in.
  const groupsKind: WlmApplyKind = mode === 'auto' ? 'dynamic' : 'static';
  const queuesKind: WlmApplyKind = mode === 'auto' ? 'dynamic' : 'static';

  if (modeBefore !== modeAfter) {
    changes.push({
      path: '',
      description: `WLM switches from ${modeBefore === 'auto' ? 'automatic' : 'manual'} to ${modeAfter === 'auto' ? 'automatic' : 'manual'}`,
      kind: 'static',
    });
  }

  const nb = before.queues.length;
  const na = after.queues.length;
  const eb = before.queues.map((q, i) => effective(q, i, nb, modeBefore));
  const ea = after.queues.map((q, i) => effective(q, i, na, modeAfter));
  const afterByName = new Map(ea.map((e, i) => [e.name.toLowerCase(), i]));
  const beforeByName = new Map(eb.map((e, i) => [e.name.toLowerCase(), i]));

  // Pair queues: same name first, then same position for renames.
  const pairs: [number, number][] = [];
  const unmatchedBefore = new Set<number>();
  eb.forEach((e, i) => {
    const j = afterByName.get(e.name.toLowerCase());
    if (j === undefined) unmatchedBefore.add(i);
    else pairs.push([i, j]);
  });
  const unmatchedAfter = new Set(
    ea.map((_, j) => j).filter((j) => !beforeByName.has(at(ea, j).name.toLowerCase())),
  );
  for (const i of [...unmatchedBefore]) {
    if (unmatchedAfter.has(i)) {
      pairs.push([i, i]);
      unmatchedBefore.delete(i);
      unmatchedAfter.delete(i);
      changes.push({
        path: `[${i}].name`,
        description: `queue "${at(eb, i).name}" is renamed to "${at(ea, i).name}" (its CloudWatch QueueName changes)`,
        kind: queuesKind,
      });
    }
  }
  for (const i of unmatchedBefore) {
    changes.push({ path: `[${i}]`, description: `queue "${at(eb, i).name}" is removed`, kind: queuesKind });
  }
  for (const j of unmatchedAfter) {
    changes.push({ path: `[${j}]`, description: `queue "${at(ea, j).name}" is added`, kind: queuesKind });
  }

  pairs.sort((x, y) => x[1] - y[1]);
  for (const [i, j] of pairs) {
    const b = at(eb, i);
    const a = at(ea, j);
    const path = `[${j}]`;
    const label = `queue "${a.name}"`;
    if (i !== j && b.name.toLowerCase() === a.name.toLowerCase()) {
      changes.push({
        path,
        description: `${label} moves from position ${i + 1} to ${j + 1} (service class ${serviceClassOf(before, i)} → ${serviceClassOf(after, j)})`,
        kind: queuesKind,
      });
    }
    const prop = (
      key: string,
      what: string,
      x: string | number | null,
      y: string | number | null,
      kind: WlmApplyKind,
    ) => {
      if (x !== y) {
        changes.push({
          path: `${path}.${key}`,
          description: `${label}: ${what} ${shown(x)} → ${shown(y)}`,
          kind,
        });
      }
    };
    prop('user_group', 'user groups', b.userGroups, a.userGroups, groupsKind);
    prop('user_group_wild_card', 'user group wildcard', b.userGroupWildCard, a.userGroupWildCard, groupsKind);
    prop('query_group', 'query groups', b.queryGroups, a.queryGroups, groupsKind);
    prop(
      'query_group_wild_card',
      'query group wildcard',
      b.queryGroupWildCard,
      a.queryGroupWildCard,
      groupsKind,
    );
    prop('user_role', 'user roles', b.userRoles, a.userRoles, groupsKind);
    prop('user_role_wild_card', 'user role wildcard', b.userRoleWildCard, a.userRoleWildCard, groupsKind);
    prop('concurrency_scaling', 'concurrency scaling', b.concurrencyScaling, a.concurrencyScaling, 'dynamic');
    if (modeBefore === modeAfter) {
      prop('priority', 'priority', b.priority, a.priority, 'dynamic');
      prop('query_concurrency', 'concurrency', b.concurrency, a.concurrency, 'dynamic');
      prop('memory_percent_to_use', 'memory %', b.memory, a.memory, 'dynamic');
      prop('max_execution_time', 'timeout (ms)', b.timeout, a.timeout, 'dynamic');
    }
    // Query monitoring rules apply without modify/reboot in both modes (REFERENCE 3.5).
    const rb = new Map(b.rules.map((r) => [r.rule_name, r]));
    const ra = new Map(a.rules.map((r) => [r.rule_name, r]));
    for (const [name, r] of rb) {
      const other = ra.get(name);
      if (other === undefined) {
        changes.push({
          path: `${path}.rules`,
          description: `${label}: rule ${name} is removed`,
          kind: 'dynamic',
        });
      } else if (ruleText(other) !== ruleText(r)) {
        changes.push({
          path: `${path}.rules`,
          description: `${label}: rule ${name} changes from ${ruleText(r)} to ${ruleText(other)}`,
          kind: 'dynamic',
        });
      }
    }
    for (const [name, r] of ra) {
      if (!rb.has(name)) {
        changes.push({
          path: `${path}.rules`,
          description: `${label}: rule ${name} is added (${ruleText(r)})`,
          kind: 'dynamic',
        });
      }
    }
  }

  const sqaBefore = before.shortQueryQueue?.short_query_queue === true;
  const sqaAfter = after.shortQueryQueue?.short_query_queue === true;
  if (sqaBefore !== sqaAfter) {
    changes.push({
      path: `[${na}].short_query_queue`,
      description: `short query acceleration is turned ${sqaAfter ? 'on' : 'off'}`,
      kind: 'dynamic',
    });
  }
  const maxBefore = sqaBefore ? (before.shortQueryQueue?.max_execution_time ?? 0) : null;
  const maxAfter = sqaAfter ? (after.shortQueryQueue?.max_execution_time ?? 0) : null;
  if (sqaBefore && sqaAfter && maxBefore !== maxAfter) {
    changes.push({
      path: `[${na}].max_execution_time`,
      description: `SQA maximum runtime ${maxBefore === 0 ? 'dynamic' : `${maxBefore} ms`} → ${maxAfter === 0 ? 'dynamic' : `${maxAfter} ms`}`,
      kind: 'dynamic',
    });
  }

  const verdict =
    changes.length === 0
      ? 'no-change'
      : changes.some((c) => c.kind === 'static')
        ? 'needs-reboot'
        : 'applies-at-once';
  return { changes, verdict };
}
