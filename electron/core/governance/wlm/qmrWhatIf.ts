// What the proposed query monitoring rules would have done over the cached history (issue #6 what-if):
// for each rule, the queries that ran in its queue in the look-back window and satisfy every predicate
// (QMR predicates are ANDed, REFERENCE 3.3/3.4), with the batch jobs (nightly_* query groups) among them.
//
// The store keeps per query only its execution and queue time (queries.exec_us / queue_us, microseconds),
// so rules on other metrics cannot be previewed and say so. Queries are attributed to a queue by the
// queue name they ran in; rows without a recorded name fall back to the service class.
import type Database from 'better-sqlite3';
import type { QmrRuleWhatIf, QmrWhatIf, QmrWhatIfMatch } from '../../../../shared/model/governance.ts';
import { queueNameOf, serviceClassOf } from '../../../../shared/wlm/serviceClassOf.ts';
import type { QmrPredicate, QmrRule, WlmConfiguration } from '../../../../shared/wlm/types.ts';

const MAX_MATCHES = 200;
const DAY_US = 86_400_000_000;
const SECOND_US = 1_000_000;
const TEXT_PREVIEW = 160;

/** The store's column for each metric it holds, in microseconds (QMR values are seconds). */
const METRIC_COLUMNS: Readonly<Record<string, 'exec_us' | 'queue_us'>> = {
  query_execution_time: 'exec_us',
  query_queue_time: 'queue_us',
};

/** Statements an abort rule never stops (REFERENCE 3.4): COPY and maintenance. */
const NEVER_ABORTED = ['COPY', 'ALTER', 'ANALYZE', 'VACUUM'];

interface MatchRow {
  query: number;
  start_us: number;
  user_name: string | null;
  label: string;
  elapsed_us: number;
  exec_us: number;
  queue_us: number;
  text: string;
}

function predicateText(rule: QmrRule): string {
  return rule.predicate.map((p) => `${p.metric_name} ${p.operator} ${String(p.value)}`).join(' and ');
}

/** SQL for one predicate on a store column; '=' means the same whole second. */
function predicateSql(p: QmrPredicate, column: string, params: number[]): string {
  const us = Number(p.value) * SECOND_US;
  if (p.operator === '>') {
    params.push(us);
    return `${column} > ?`;
  }
  if (p.operator === '<') {
    params.push(us);
    return `${column} < ?`;
  }
  params.push(us, us + SECOND_US);
  return `(${column} >= ? AND ${column} < ?)`;
}

function notEvaluatedReason(rule: QmrRule): string | null {
  const missing = rule.predicate.find((p) => METRIC_COLUMNS[p.metric_name] === undefined);
  if (missing !== undefined) {
    return `${missing.metric_name} is not kept in Nightshift's history; this rule cannot be previewed`;
  }
  if (rule.predicate.some((p) => typeof p.value !== 'number' || !Number.isFinite(p.value))) {
    return 'a predicate value is not a number; this rule cannot be previewed';
  }
  if (rule.predicate.length === 0) return 'the rule has no predicate; it would never fire';
  return null;
}

function textPreview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > TEXT_PREVIEW ? `${flat.slice(0, TEXT_PREVIEW - 1)}…` : flat;
}

export interface QmrWhatIfOptions {
  db: Database.Database;
  connectionId: string;
  config: WlmConfiguration;
  days: number;
  now: Date;
}

export function qmrWhatIf(o: QmrWhatIfOptions): QmrWhatIf {
  const toUs = o.now.getTime() * 1000;
  const fromUs = toUs - o.days * DAY_US;
  const window = 'connection_id = ? AND start_us >= ? AND start_us < ?';
  const considered = o.db
    .prepare(`SELECT count(*) AS n FROM queries WHERE ${window}`)
    .get(o.connectionId, fromUs, toUs) as { n: number };

  const rules: QmrRuleWhatIf[] = [];
  const n = o.config.queues.length;
  o.config.queues.forEach((queue, index) => {
    const serviceClass = serviceClassOf(o.config, index);
    const queueName = queueNameOf(queue, index, n);
    for (const rule of queue.rules ?? []) {
      const result: QmrRuleWhatIf = {
        serviceClass,
        queueName,
        ruleName: rule.rule_name,
        action:
          rule.action === 'change_query_priority' && rule.value
            ? `${rule.action} ${rule.value}`
            : rule.action,
        predicates: predicateText(rule),
        matchCount: 0,
        matches: [],
        batchJobs: [],
        notEvaluated: notEvaluatedReason(rule),
      };
      if (
        result.notEvaluated === null &&
        rule.action === 'hop' &&
        rule.predicate.some((p) => p.metric_name === 'query_queue_time')
      ) {
        result.notEvaluated =
          'Redshift ignores a hop rule that has a query_queue_time predicate: it would have done nothing';
      }
      if (result.notEvaluated === null)
        Object.assign(result, evaluate(o, rule, fromUs, toUs, queueName, serviceClass));
      rules.push(result);
    }
  });
  return {
    from: new Date(fromUs / 1000).toISOString(),
    to: o.now.toISOString(),
    queriesConsidered: considered.n,
    rules,
  };
}

function evaluate(
  o: QmrWhatIfOptions,
  rule: QmrRule,
  fromUs: number,
  toUs: number,
  queueName: string,
  serviceClass: number,
): Pick<QmrRuleWhatIf, 'matchCount' | 'matches' | 'batchJobs'> {
  const params: (string | number)[] = [o.connectionId, fromUs, toUs, queueName, serviceClass];
  const numeric: number[] = [];
  const conditions = rule.predicate.map((p) =>
    predicateSql(p, METRIC_COLUMNS[p.metric_name] ?? 'exec_us', numeric),
  );
  params.push(...numeric);
  if (rule.action === 'abort') {
    conditions.push(NEVER_ABORTED.map(() => `upper(ltrim(text)) NOT LIKE ?`).join(' AND '));
    params.push(...NEVER_ABORTED.map((w) => `${w}%`));
  }
  const where =
    'connection_id = ? AND start_us >= ? AND start_us < ?' +
    ' AND ((queue_name IS NOT NULL AND lower(trim(queue_name)) = lower(?)) OR (queue_name IS NULL AND service_class = ?))' +
    conditions.map((c) => ` AND ${c}`).join('');
  const count = o.db.prepare(`SELECT count(*) AS n FROM queries WHERE ${where}`).get(...params) as {
    n: number;
  };
  const rows = o.db
    .prepare(
      `SELECT query, start_us, user_name, label, elapsed_us, exec_us, queue_us, text FROM queries
       WHERE ${where} ORDER BY elapsed_us DESC, start_us DESC LIMIT ${MAX_MATCHES}`,
    )
    .all(...params) as MatchRow[];
  const batchJobs = o.db
    .prepare(
      `SELECT label, count(*) AS count FROM queries WHERE ${where} AND label LIKE 'nightly\\_%' ESCAPE '\\'
       GROUP BY label ORDER BY count DESC, label`,
    )
    .all(...params) as { label: string; count: number }[];
  const matches: QmrWhatIfMatch[] = rows.map((r) => {
    const values: Record<string, number> = {};
    for (const p of rule.predicate) {
      const column = METRIC_COLUMNS[p.metric_name];
      if (column !== undefined) values[p.metric_name] = r[column] / SECOND_US;
    }
    return {
      query: r.query,
      startTime: new Date(Math.floor(r.start_us / 1000)).toISOString(),
      userName: r.user_name,
      label: r.label,
      elapsedMs: Math.round(r.elapsed_us / 1000),
      values,
      textPreview: textPreview(r.text),
    };
  });
  return { matchCount: count.n, matches, batchJobs };
}
