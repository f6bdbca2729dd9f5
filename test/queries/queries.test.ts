// Every named block in queries/ runs against the Redshift double's catalog (installCatalog + the live
// relations, through the Redshift-dialect proxy), as the app's own monitoring login and as a superuser,
// with plausible parameters: a misspelt column, a PostgreSQL-only construct the proxy does not take, or
// a wrong parameter type fails here. History rows are recorded first so that every join and predicate
// really evaluates.
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { SqlRegistry } from '../../electron/core/redshift/sqlRegistry.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../support/doubleDatabase.ts';
import { seedDoubleHistory, seedLoadsAndAlerts } from '../core/collector/support/seedDouble.ts';

const QUERIES_DIR = fileURLToPath(new URL('../../queries', import.meta.url));
const OWN_LABEL = 'nightshift_monitor';
const SINCE = '2000-01-01 00:00:00';
const UNTIL = '2100-01-01 00:00:00';
const PAGE = 100;

/** An idle session of the same login, whose pid cancel_own_statement may signal. */
type Params = unknown[] | ((sameLogin: () => Promise<pg.Client>) => Promise<unknown[]>);

/** The pid of a second connection of the same login: own sessions may always be signalled (REFERENCE 2.2). */
async function otherPidOfSameLogin(sameLogin: () => Promise<pg.Client>): Promise<unknown[]> {
  const other = await sameLogin();
  const pid = await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return [pid.rows[0]!.pid];
}

/** The incremental reads: one page of rows recorded after a time. */
const SINCE_PAGES = [
  'load_commits_since',
  'query_metrics_since',
  'sys_query_metrics_since',
  'table_access_since',
  'sys_table_access_since',
  'load_errors_since',
  'sys_load_history_since',
  'sys_load_detail_since',
  'sys_load_errors_since',
  'alert_events_since',
  'rule_actions_since',
  'sys_alerts_since',
];

/** Plausible parameters per block; a block missing here fails the test (so new blocks get covered). */
const PARAMS: Record<string, Params> = {
  probe_stl_query: [],
  probe_stv_recents: [],
  probe_sys_query_history: [],
  server_identity: [],
  cancel_own_statement: otherPidOfSameLogin,
  live_wlm_statements: [OWN_LABEL],
  live_recents: ['/* nightshift */%'],
  live_sessions: [],
  live_sys_statements: [OWN_LABEL],
  live_sys_sessions: [],
  query_history_page: [SINCE, -1, OWN_LABEL, PAGE],
  query_history_remaining: [SINCE, -1, OWN_LABEL],
  query_history_text: [SINCE, -1, UNTIL, 2147483647, 0, 2147483647],
  sys_query_history_page: [SINCE, -1, OWN_LABEL, PAGE],
  sys_query_history_remaining: [SINCE, -1, OWN_LABEL],
  sys_query_history_text: [SINCE, -1, UNTIL, 2147483647, 0, 2147483647],
  wlm_service_classes: [],
  wlm_service_class_state: [],
  wlm_query_counts: [],
  ...Object.fromEntries(SINCE_PAGES.map((name) => [name, [SINCE, PAGE]])),
  table_schemas: [],
  query_steps: [1],
  sys_query_steps: [1],
  live_statement_text: [1],
  live_recent_text: [0],
  live_sys_statement_text: [1],
  live_sys_history_text: [1],
  'actions/acting_user': [],
  'actions/statement_in_wlm': [1],
  'actions/statements_on_pid': [0],
  'actions/recent_running_on_pid': [0],
  'actions/statement_in_history': [1],
  'actions/sys_statement': [1],
  'actions/sys_statements_on_session': [0],
  'actions/cancel_backend': otherPidOfSameLogin,
  'actions/session_by_pid': [0],
  'actions/sys_session_by_pid': [0],
  'actions/terminate_backend': otherPidOfSameLogin,
};

let bed: DoubleDatabase;
let monitor: pg.Client;
let superuser: pg.Client;
const registry = SqlRegistry.load(QUERIES_DIR);

beforeAll(async () => {
  bed = await createDoubleDatabase(inject('pg'));
  superuser = await bed.superuser();
  await seedDoubleHistory(superuser, { count: 30, endBase: new Date(Date.now() - 3_600_000) });
  await seedLoadsAndAlerts(superuser, new Date(Date.now() - 1_800_000));
  monitor = await bed.connectAs('nightshift_monitor');
  // A statement running in a WLM queue while the live blocks read, so STV_INFLIGHT has a row.
  const sleeper = await bed.connectAs('etl_user');
  void sleeper.query('SELECT pg_sleep(3)').catch(() => undefined);
});

afterAll(async () => {
  await bed?.destroy();
});

describe('queries/', () => {
  it('has parameters planned for every block', () => {
    expect(registry.names().filter((n) => !(n in PARAMS))).toEqual([]);
  });

  for (const name of Object.keys(PARAMS)) {
    it(`runs ${name} unchanged on the double (monitoring login and superuser)`, async () => {
      const q = registry.get(name);
      const logins: [pg.Client, () => Promise<pg.Client>][] = [
        [monitor, () => bed.connectAs('nightshift_monitor')],
        [superuser, () => bed.superuser()],
      ];
      for (const [client, sameLogin] of logins) {
        const planned = PARAMS[name]!;
        const params = typeof planned === 'function' ? await planned(sameLogin) : planned;
        expect(params).toHaveLength(q.params.length);
        await client.query("SET query_group TO 'nightshift_monitor'");
        const result = await client.query(q.sql, params);
        if (q.kind === 'one') expect(result.rows).toHaveLength(1);
      }
    });
  }

  it('reads what was recorded: history rows, text pieces and load errors come back', async () => {
    const run = (name: string) => monitor.query(registry.get(name).sql, PARAMS[name] as unknown[]);
    const page = await run('query_history_page');
    expect(page.rows.length).toBeGreaterThanOrEqual(30);
    const text = await run('query_history_text');
    expect(text.rows.length).toBeGreaterThanOrEqual(30);
    const errors = await run('load_errors_since');
    expect(errors.rows.length).toBeGreaterThan(0);
    const alerts = await run('alert_events_since');
    expect(alerts.rows.length).toBeGreaterThan(0);
  });
});
