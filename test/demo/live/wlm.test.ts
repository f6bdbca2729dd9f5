// WLM configuration parsing, queue assignment (REFERENCE 2.4) and the admission controller, as pure code.
import { describe, expect, it } from 'vitest';
import { DEMO_WLM_CONFIGURATION, DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import { listServiceClasses } from '../../../shared/wlm/serviceClassOf.ts';
import { WlmController, type Admission, type Ticket } from '../../../electron/demo/proxy/Wlm.ts';
import {
  wlmQueuesOf,
  routeQuery,
  wildcardMatch,
  WlmConfigError,
  type RouteInput,
} from '../../../electron/demo/proxy/wlmConfig.ts';
import { AUTO_EXAMPLE } from '../../shared/wlm/wlmExamples.ts';

const demo = wlmQueuesOf(DEMO_WLM_JSON);
const user = (groups: string[], queryGroup: string | null = null, superuser = false): RouteInput => ({
  superuser,
  queryGroup,
  userGroups: groups,
});

describe('wlmQueuesOf', () => {
  it('agrees with the shared parser (the one the editor and the AWS stand-in use) on every service class', () => {
    for (const config of [DEMO_WLM_CONFIGURATION, AUTO_EXAMPLE]) {
      const shared = parseWlmConfiguration(JSON.stringify(config));
      if (!shared.ok) throw new Error('the examples are valid');
      const proxy = wlmQueuesOf(JSON.stringify(config));
      expect(
        [...proxy.queues, ...(proxy.sqa ? [proxy.sqa] : [])].map((q) => [q.serviceClass, q.name]),
      ).toEqual(listServiceClasses(shared.config).map((sc) => [sc.serviceClass, sc.name]));
    }
    // Refused in the shared parser's words, not a second opinion.
    expect(() => wlmQueuesOf('[{"query_concurrency": "five"}]')).toThrow(/\[0\]\.query_concurrency/);
  });

  it('numbers manual queues from service class 6, the last being the default queue (REFERENCE 1.2)', () => {
    expect(demo.auto).toBe(false);
    expect(demo.queues.map((q) => [q.serviceClass, q.name, q.slots, q.isDefault])).toEqual([
      [6, 'etl_nightly', 3, false],
      [7, 'bi_dashboards', 8, false],
      [8, 'Default queue', 4, true],
    ]);
    expect(demo.superuser).toMatchObject({ serviceClass: 5, slots: 1 });
    expect(demo.sqa?.serviceClass).toBe(14);
    // memory_percent_to_use 50% over 3 slots
    expect(demo.queues[0]?.workingMemMb).toBe(Math.floor((24576 * 50) / 100 / 3));
  });

  it('reads Auto WLM (REFERENCE 3.7): classes from 100, concurrency and memory reported as -1', () => {
    const auto = wlmQueuesOf(JSON.stringify(AUTO_EXAMPLE));
    expect(auto.auto).toBe(true);
    expect(auto.queues.map((q) => [q.serviceClass, q.reportedSlots, q.workingMemMb, q.priority])).toEqual([
      [100, -1, -1, 'highest'],
      [101, -1, -1, 'normal'],
      [102, -1, -1, 'low'],
    ]);
  });

  it('refuses values that are not a queue array', () => {
    expect(() => wlmQueuesOf('not json')).toThrow(WlmConfigError);
    expect(() => wlmQueuesOf('{"a":1}')).toThrow(WlmConfigError);
    expect(() => wlmQueuesOf('[{"short_query_queue":true}]')).toThrow(WlmConfigError);
  });
});

describe('routeQuery (REFERENCE 2.4)', () => {
  it('routes by user group, then query group, else to the default queue', () => {
    expect(routeQuery(demo, user(['etl_users'])).serviceClass).toBe(6);
    expect(routeQuery(demo, user(['analysts'])).serviceClass).toBe(7);
    expect(routeQuery(demo, user(['analysts'], 'nightly_fix')).serviceClass).toBe(6); // first matching queue
    expect(routeQuery(demo, user([], 'NIGHTLY_orders')).serviceClass).toBe(6); // case-insensitive
    expect(routeQuery(demo, user([], 'dashboard_sales')).serviceClass).toBe(7);
    expect(routeQuery(demo, user(['loaders'], 'adhoc')).serviceClass).toBe(8);
  });

  it("sends a superuser to class 5 only with query group 'superuser'", () => {
    expect(routeQuery(demo, user([], 'superuser', true)).serviceClass).toBe(5);
    expect(routeQuery(demo, user([], null, true)).serviceClass).toBe(8);
    expect(routeQuery(demo, user([], 'superuser', false)).serviceClass).toBe(8);
  });

  it('matches * and ? wildcards case-insensitively', () => {
    expect(wildcardMatch('nightly_*', 'Nightly_Orders')).toBe(true);
    expect(wildcardMatch('job_?', 'job_7')).toBe(true);
    expect(wildcardMatch('job_?', 'job_77')).toBe(false);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
  });
});

function ticket(a: Admission): Ticket {
  if (a.kind !== 'admitted') throw new Error(a.message);
  return a.ticket;
}

describe('WlmController', () => {
  const etl = user(['etl_users']);

  it('admits up to the concurrency, queues the rest in FIFO order and starts them as slots free', async () => {
    const wlm = new WlmController(demo);
    const [t1, , , t4, t5] = [1, 2, 3, 4, 5].map(() => ticket(wlm.request(etl, 1))) as [
      Ticket,
      Ticket,
      Ticket,
      Ticket,
      Ticket,
    ];
    expect([t1, t4, t5].map((t) => t.state)).toEqual(['running', 'queued', 'queued']);
    expect(wlm.queuedCount(6)).toBe(2);
    wlm.release(t1);
    expect(await t4.started).toBe(true);
    expect(t5.state).toBe('queued');
    expect(wlm.cancel(t5)).toBe(true);
    expect(await t5.started).toBe(false);
  });

  it('counts a slot count of n as n slots and refuses more than the queue has', () => {
    const wlm = new WlmController(demo);
    const big = wlm.request(etl, 2);
    expect(big.kind === 'admitted' && big.ticket.state).toBe('running');
    const one = wlm.request(etl, 1);
    expect(one.kind === 'admitted' && one.ticket.state).toBe('running');
    const two = wlm.request(etl, 1);
    expect(two.kind === 'admitted' && two.ticket.state).toBe('queued');
    expect(wlm.request(etl, 4)).toEqual({
      kind: 'rejected',
      message: 'wlm_query_slot_count 4 exceeds the concurrency of queue "etl_nightly" (3 slots)',
    });
  });

  it('applies a new concurrency at once and reports the old one until a dynamic change has drained', () => {
    const wlm = new WlmController(demo);
    const running = [1, 2, 3].map(() => wlm.request(etl, 1));
    const lower = structuredClone(DEMO_WLM_CONFIGURATION) as Record<string, unknown>[];
    (lower[0] as Record<string, unknown>)['query_concurrency'] = 1;
    const cfg = wlmQueuesOf(JSON.stringify(lower));
    wlm.applyConfig(cfg, 'dynamic');
    const etlQueue = cfg.queues[0];
    if (etlQueue === undefined) throw new Error('no queue');
    expect(wlm.transition(etlQueue)).toMatchObject({ numQueryTasks: 3, targetNumQueryTasks: 1 });
    expect((wlm.request(etl, 1) as { ticket: { state: string } }).ticket.state).toBe('queued');
    for (const a of running) if (a.kind === 'admitted') wlm.release(a.ticket);
    expect(wlm.transition(etlQueue)).toMatchObject({ numQueryTasks: 1, targetNumQueryTasks: 1 });
  });
});
