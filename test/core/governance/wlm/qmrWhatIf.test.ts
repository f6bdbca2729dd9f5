// What-if of QMR rules over the cached history, through the core's dispatch: a rule on execution time
// lists exactly the queries of its queue above the threshold in the window (with the batch jobs among
// them), predicates are ANDed, and a metric the store does not keep says it cannot be previewed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WLM_CONFIGURATION } from '../../../../electron/demo/defaultWlmConfiguration.ts';
import type { QmrWhatIf } from '../../../../shared/model/governance.ts';
import { startWlmBed, type WlmBed } from './wlmEditorBed.ts';

const S = 1_000_000;
const HOUR_US = 3600 * S;

interface Seed {
  query: number;
  hoursAgo: number;
  queue: string | null;
  serviceClass: number;
  execS: number;
  queueS?: number;
  label?: string;
  text?: string;
}

// etl_nightly is service class 6, bi_dashboards 7, Default queue 8.
const HISTORY: Seed[] = [
  {
    query: 101,
    hoursAgo: 5,
    queue: 'etl_nightly',
    serviceClass: 6,
    execS: 100,
    label: 'nightly_load_orders',
  },
  {
    query: 102,
    hoursAgo: 6,
    queue: 'etl_nightly',
    serviceClass: 6,
    execS: 400,
    label: 'nightly_load_orders',
  },
  {
    query: 103,
    hoursAgo: 7,
    queue: 'etl_nightly',
    serviceClass: 6,
    execS: 700,
    label: 'nightly_build_marts',
  },
  {
    query: 104,
    hoursAgo: 8,
    queue: 'etl_nightly',
    serviceClass: 6,
    execS: 650,
    label: 'nightly_load_orders',
  },
  { query: 105, hoursAgo: 9, queue: 'etl_nightly', serviceClass: 6, execS: 350, label: 'default' },
  // No queue name recorded: attributed by service class.
  { query: 106, hoursAgo: 10, queue: null, serviceClass: 6, execS: 500, label: 'default' },
  { query: 107, hoursAgo: 11, queue: null, serviceClass: 7, execS: 900, label: 'default' },
  // Another queue, and one outside the 7-day window.
  {
    query: 108,
    hoursAgo: 12,
    queue: 'bi_dashboards',
    serviceClass: 7,
    execS: 1200,
    label: 'dashboard_sales',
  },
  { query: 109, hoursAgo: 24 * 10, queue: 'etl_nightly', serviceClass: 6, execS: 5000, label: 'nightly_old' },
  // Exactly at the threshold: not above it.
  { query: 110, hoursAgo: 13, queue: 'etl_nightly', serviceClass: 6, execS: 300, label: 'nightly_x' },
  // An abort rule never stops COPY (REFERENCE 3.4): not listed for abort.
  {
    query: 114,
    hoursAgo: 14,
    queue: 'etl_nightly',
    serviceClass: 6,
    execS: 800,
    label: 'nightly_load_orders',
    text: "COPY orders FROM 's3://bucket/orders/' IAM_ROLE default",
  },
  // Long queue wait in the default queue.
  {
    query: 111,
    hoursAgo: 2,
    queue: 'Default queue',
    serviceClass: 8,
    execS: 30,
    queueS: 120,
    label: 'default',
  },
  {
    query: 112,
    hoursAgo: 3,
    queue: 'Default queue',
    serviceClass: 8,
    execS: 5,
    queueS: 200,
    label: 'default',
  },
  {
    query: 113,
    hoursAgo: 4,
    queue: 'Default queue',
    serviceClass: 8,
    execS: 40,
    queueS: 2,
    label: 'default',
  },
];

let bed: WlmBed;

beforeAll(async () => {
  bed = await startWlmBed();
  const db = bed.openStore();
  const nowUs = Date.now() * 1000;
  const insert = db.prepare(
    `INSERT INTO queries (connection_id, query, start_us, end_us, user_id, user_name, pid, xid, label, database,
       service_class, queue_name, slot_count, queue_us, exec_us, elapsed_us, aborted, fingerprint, text,
       text_complete, source)
     VALUES (?, ?, ?, ?, 100, 'etl_user', 4242, ?, ?, 'dev', ?, ?, 1, ?, ?, ?, 0, 'fp', ?, 1, 'sys')`,
  );
  for (const s of HISTORY) {
    const start = nowUs - s.hoursAgo * HOUR_US;
    const queueUs = (s.queueS ?? 0) * S;
    const execUs = s.execS * S;
    insert.run(
      bed.connectionId,
      s.query,
      start,
      start + queueUs + execUs,
      s.query + 1000,
      s.label ?? 'default',
      s.serviceClass,
      s.queue,
      queueUs,
      execUs,
      queueUs + execUs,
      s.text ?? `select * from big_table /* ${s.query} */`,
    );
  }
  db.close();
});

afterAll(async () => {
  await bed?.close();
});

function configWithRules(rules: { queue: number; rule: Record<string, unknown> }[]): string {
  const elements = structuredClone(DEMO_WLM_CONFIGURATION) as Record<string, unknown>[];
  for (const e of elements) delete e.rules;
  for (const { queue, rule } of rules) {
    const q = elements[queue];
    if (q === undefined) throw new Error(`no queue ${queue}`);
    q.rules = [...((q.rules as unknown[] | undefined) ?? []), rule];
  }
  return JSON.stringify(elements);
}

describe('wlm.whatIf', () => {
  it('lists exactly the queries above the threshold in the rule’s queue, with the batch jobs', async () => {
    const json = configWithRules([
      {
        queue: 0,
        rule: {
          rule_name: 'etl_abort_slow',
          predicate: [{ metric_name: 'query_execution_time', operator: '>', value: 300 }],
          action: 'abort',
        },
      },
      {
        queue: 1,
        rule: {
          rule_name: 'bi_log_nested',
          predicate: [{ metric_name: 'nested_loop_join_row_count', operator: '>', value: 1000000 }],
          action: 'log',
        },
      },
    ]);
    const whatIf = await bed.call<QmrWhatIf>('wlm.whatIf', { connectionId: bed.connectionId, json, days: 7 });
    expect(whatIf.queriesConsidered).toBe(HISTORY.length - 1);

    const etl = whatIf.rules.find((r) => r.ruleName === 'etl_abort_slow');
    expect(etl?.queueName).toBe('etl_nightly');
    expect(etl?.serviceClass).toBe(6);
    expect(etl?.notEvaluated).toBeNull();
    expect(etl?.matchCount).toBe(5);
    // Slowest first.
    expect(etl?.matches.map((m) => m.query)).toEqual([103, 104, 106, 102, 105]);
    expect(etl?.matches[0]?.values).toEqual({ query_execution_time: 700 });
    expect(etl?.matches[0]?.elapsedMs).toBe(700_000);
    expect(etl?.batchJobs).toEqual([
      { label: 'nightly_load_orders', count: 2 },
      { label: 'nightly_build_marts', count: 1 },
    ]);

    const bi = whatIf.rules.find((r) => r.ruleName === 'bi_log_nested');
    expect(bi?.notEvaluated).toBe(
      "nested_loop_join_row_count is not kept in Nightshift's history; this rule cannot be previewed",
    );
    expect(bi?.matchCount).toBe(0);
  });

  it('needs every predicate to hold, and reads queue time too', async () => {
    const json = configWithRules([
      {
        queue: 2,
        rule: {
          rule_name: 'default_waited_and_ran',
          predicate: [
            { metric_name: 'query_queue_time', operator: '>', value: 60 },
            { metric_name: 'query_execution_time', operator: '>', value: 10 },
          ],
          action: 'log',
        },
      },
    ]);
    const whatIf = await bed.call<QmrWhatIf>('wlm.whatIf', { connectionId: bed.connectionId, json });
    const rule = whatIf.rules[0];
    expect(rule?.queueName).toBe('Default queue');
    expect(rule?.matches.map((m) => m.query)).toEqual([111]);
    expect(rule?.matches[0]?.values).toEqual({ query_queue_time: 120, query_execution_time: 30 });
    expect(rule?.batchJobs).toEqual([]);
  });

  it('refuses JSON it cannot read', async () => {
    const r = await bed.raw('wlm.whatIf', {
      connectionId: bed.connectionId,
      json: '[{"query_concurrency": "x"}]',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_args');
      expect(r.error.message).toMatch(/query_concurrency: must be a number/);
    }
  });
});
