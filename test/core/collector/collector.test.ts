// The collector against the Redshift double on the shared PostgreSQL test bed, through the Redshift
// proxy, logged in as the app's monitoring user: backfill with progress, incremental polls, exact
// storage of hostile text, live activity, WLM, loads and alerts, and the read API on top.
// Long because the collector's behaviours share one expensive bed (a seeded double behind the proxy).
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CollectorStatus, JobStatus } from '../../../shared/model/collector.ts';
import { collectorHandlers } from '../../../electron/core/api/collectorHandlers.ts';
import { loadHandlers } from '../../../electron/core/api/loadHandlers.ts';
import { viewHandlers } from '../../../electron/core/api/viewHandlers.ts';
import type { ClusterAccess } from '../../../electron/core/redshift/ClusterAccess.ts';
import { HOSTILE_STRINGS } from '../../../electron/demo/workload/hostileStrings.ts';
import { jobStatus, startCollectorBed, type CollectorBed } from './support/collectorBed.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';
import { waitFor } from '../../support/waitFor.ts';
import { seedDoubleHistory, seedLoadsAndAlerts, toTimestamp } from './support/seedDouble.ts';

/** The API over what the collector stored; these tests never reach the cluster on demand. */
const offline: ClusterAccess = {
  connection: () => undefined,
  withSession: () => Promise.reject(new Error('collector.test reads only the store')),
  aws: () => null,
};
const storeApi = (bed: CollectorBed) => ({
  ...collectorHandlers({ collector: bed.collector }),
  ...viewHandlers({ db: bed.db, access: offline }),
  ...loadHandlers({ db: bed.db, audit: new AuditLog(bed.db) }),
});

const admin = { door: 'ipc', admin: true } as const;
let double: DoubleDatabase;
const beds: CollectorBed[] = [];

beforeAll(async () => {
  double = await createDoubleDatabase(inject('pg'));
});

afterEach(async () => {
  await Promise.all(beds.splice(0).map((b) => b.stop().catch(() => undefined)));
});

afterAll(async () => {
  await double?.destroy();
});

const count = (bed: CollectorBed, table: string) =>
  (
    bed.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE connection_id = ?`).get(bed.connection.id) as {
      n: number;
    }
  ).n;

describe('collector: query history', () => {
  let bed: CollectorBed;
  const statuses: JobStatus[] = [];
  let seeded: Awaited<ReturnType<typeof seedDoubleHistory>>;

  beforeAll(async () => {
    const direct = await double.direct();
    seeded = await seedDoubleHistory(direct, { count: 2300, endBase: new Date(Date.now() - 3 * 3_600_000) });
    bed = startCollectorBed({ double, settings: { historyPageSize: 100, historyPagesPerRun: 1 } });
    bed.events.subscribe((e) => {
      if (e.name !== 'collector.status') return;
      const job = (e.payload as CollectorStatus).connections[0]?.jobs.find((j) => j.job === 'query_history');
      if (job) statuses.push(job);
    });
  });

  // Every bed polls several times a second: stop each one when its tests are done.
  afterAll(() => bed.stop());

  it('backfills everything the cluster holds, reporting progress on the way', async () => {
    await waitFor(
      () => count(bed, 'queries'),
      (n) => n === 2300,
      { what: 'backfill', timeoutMs: 60_000 },
    );
    const final = await waitFor(
      () => jobStatus(bed, 'query_history'),
      (j) => j.backfill?.done === true,
    );
    expect(final.backfill).toEqual({ rowsRead: 2300, remaining: 0, done: true });
    const partial = statuses.filter((s) => s.backfill && !s.backfill.done);
    expect(partial.length).toBeGreaterThan(0);
    for (const s of partial) {
      expect(s.backfill!.rowsRead + (s.backfill!.remaining ?? 0)).toBe(2300);
    }
  });

  it('stores every statement once, with its full text, timings and WLM queue', async () => {
    const stored = bed.db
      .prepare(
        'SELECT query, text, text_complete, service_class, queue_name, elapsed_us, queue_us, aborted, label, user_name FROM queries WHERE connection_id = ? ORDER BY query',
      )
      .all(bed.connection.id) as {
      query: number;
      text: string;
      text_complete: number;
      service_class: number;
      queue_name: string;
      elapsed_us: number;
      queue_us: number;
      aborted: number;
      label: string;
      user_name: string;
    }[];
    expect(stored.map((s) => s.query)).toEqual(seeded.map((s) => s.query));
    stored.forEach((s, i) => {
      expect(s.text).toBe(seeded[i]!.querytxt);
      expect(s.text_complete).toBe(1);
    });
    expect(stored[0]).toMatchObject({
      service_class: 6,
      queue_name: 'etl_nightly',
      elapsed_us: 2_000_000,
      queue_us: 1_000_000,
      label: 'nightly_load',
      user_name: 'etl_user',
    });
    expect(stored.filter((s) => s.aborted === 1)).toHaveLength(Math.floor(2300 / 7));
  });

  it('after the backfill, a poll reads only the new statements (plus the short overlap)', async () => {
    const readSoFar = bed.rowsByQuery.get('query_history_page') ?? 0;
    const pagesSoFar = bed.callsByQuery.get('query_history_page') ?? 0;
    const direct = await double.direct();
    await seedDoubleHistory(direct, { count: 40, endBase: new Date(Date.now() - 3_600_000) });
    await waitFor(
      () => count(bed, 'queries'),
      (n) => n === 2340,
      { what: 'the new rows' },
    );
    // Let a few more polls happen: each re-reads at most the overlap window before its cursor (1 s here,
    // one statement a second: at most 2 rows per poll).
    const pagesNow = bed.callsByQuery.get('query_history_page') ?? 0;
    await waitFor(
      () => bed.callsByQuery.get('query_history_page') ?? 0,
      (n) => n >= pagesNow + 3,
      { what: 'three more polls' },
    );
    const read = (bed.rowsByQuery.get('query_history_page') ?? 0) - readSoFar;
    const polls = (bed.callsByQuery.get('query_history_page') ?? 0) - pagesSoFar;
    expect(read).toBeGreaterThanOrEqual(40);
    expect(read).toBeLessThanOrEqual(40 + 2 * polls);
    expect(count(bed, 'queries')).toBe(2340);
  });

  it('answers queries.history: range, filters, sorting, paging and the total', async () => {
    const api = storeApi(bed);
    const from = new Date(Date.now() - 4 * 3_600_000).toISOString();
    const to = new Date().toISOString();
    const all = await api['queries.history']({ connectionId: bed.connection.id, from, to, limit: 50 }, admin);
    expect(all.total).toBe(2340);
    expect(all.rows).toHaveLength(50);
    expect(Date.parse(all.rows[0]!.startTime)).toBeGreaterThan(Date.parse(all.rows[49]!.startTime));
    const aborted = await api['queries.history'](
      {
        connectionId: bed.connection.id,
        from,
        to,
        aborted: true,
        sort: { by: 'elapsedMs', dir: 'asc' },
        limit: 1000,
      },
      admin,
    );
    expect(aborted.total).toBe(Math.floor(2300 / 7) + Math.floor(40 / 7));
    expect(
      aborted.rows.every((r) => r.aborted && r.elapsedMs === 2000 && r.queueMs === 1000 && r.execMs === 1000),
    ).toBe(true);
    const text = await api['queries.history'](
      { connectionId: bed.connection.id, from, to, text: 'WHERE ID = 1234', limit: 10 },
      admin,
    );
    expect(text.total).toBe(1);
    expect(text.rows[0]!.textPreview).toMatch(/^SELECT 1234 AS n,/);
    const page2 = await api['queries.history'](
      { connectionId: bed.connection.id, from, to, limit: 50, offset: 50 },
      admin,
    );
    expect(page2.rows[0]!.query).not.toBe(all.rows[0]!.query);
    const one = await api['queries.get']({ connectionId: bed.connection.id, query: seeded[3]!.query }, admin);
    expect(one).toMatchObject({ text: seeded[3]!.querytxt, textComplete: true, serviceClass: 6 });
    expect(one.wlm).toMatchObject({ finalState: 'Completed', queueStartTime: expect.any(String) });
    await expect(api['queries.get']({ connectionId: bed.connection.id, query: 1 }, admin)).rejects.toThrow(
      /not in the stored history/,
    );
  });
});

describe('collector: hostile input', () => {
  it('stores text and labels exactly as the cluster holds them', async () => {
    const direct = await double.direct();
    const userid = (
      (await direct.query("SELECT usesysid::integer AS id FROM pg_user WHERE usename = 'analyst_anna'"))
        .rows[0] as { id: number }
    ).id;
    const long = `SELECT '${'é\\\n\u{1F600}\t'.repeat(700)}' AS wide -- ${'<b>'.repeat(300)}`;
    const cases: { text: string; label: string | null; pid: number | null }[] = [
      ...HOSTILE_STRINGS.map((h, i) => ({
        text: `/* ${h.id} */ SELECT ${h.value}`,
        label: i % 3 === 0 ? h.value.slice(0, 300) : `adhoc_${i}`,
        pid: 5000 + i,
      })),
      { text: long, label: 'x'.repeat(4000).slice(0, 320), pid: null },
      { text: 'z'.repeat(4000), label: null, pid: 7 },
      {
        text: `SELECT '\u0001\u0002\u001b[31mred\u001b[0m\u007f' AS binaryish, '\u202E\u200Fעברית' AS rtl`,
        label: `<script>alert(1)</script>'; DROP TABLE stl_query; --`,
        pid: 8,
      },
    ];
    const base = Date.now() - 30 * 60_000;
    const recorded: { query: number; text: string; label: string | null }[] = [];
    for (const [i, c] of cases.entries()) {
      const ids = (await direct.query("SELECT nextval('rs_internal.query_id_seq')::integer AS q"))
        .rows[0] as { q: number };
      const end = new Date(base + i * 10);
      await direct.query(
        `SELECT rs_internal.record_query($1, $2, $3, NULL, $4, 8, 1, $5, $6::timestamp, $6::timestamp, $7::timestamp, 0)`,
        [ids.q, userid, c.pid, c.label, c.text, toTimestamp(new Date(end.getTime() - 5)), toTimestamp(end)],
      );
      recorded.push({ query: ids.q, text: c.text, label: c.label });
    }
    const bed = startCollectorBed({ double });
    beds.push(bed);
    const last = recorded.at(-1)!.query;
    await waitFor(
      () =>
        bed.db
          .prepare('SELECT 1 FROM queries WHERE connection_id = ? AND query = ?')
          .get(bed.connection.id, last),
      (r) => r !== undefined,
      { what: 'the hostile rows', timeoutMs: 60_000 },
    );
    const api = storeApi(bed);
    for (const r of recorded) {
      const stored = await api['queries.get']({ connectionId: bed.connection.id, query: r.query }, admin);
      // Trailing blanks of a statement cannot be told from the padding of character(n) (statementText.ts).
      expect(stored.text).toBe(r.text.replace(/ +$/, ''));
      expect(stored.textComplete).toBe(true);
      const label = r.label === null || r.label.trim() === '' ? 'default' : r.label.trim();
      expect(stored.label).toBe(label);
    }
    const nullPid = await api['queries.get'](
      { connectionId: bed.connection.id, query: recorded.at(-3)!.query },
      admin,
    );
    expect(nullPid.pid).toBe(-1);
  });
});

describe('collector: live activity, WLM, loads and alerts', () => {
  it('shows what runs right now and who is connected', async () => {
    const bed = startCollectorBed({ double });
    beds.push(bed);
    const etl = await double.connectAs('etl_user');
    await etl.query("SET query_group TO 'nightly_marker'");
    // Long enough to outlast a first poll on a busy machine; ended below once seen.
    const sleeping = etl.query('SELECT pg_sleep(120)').catch(() => undefined);
    const live = await waitFor(
      () =>
        bed.db
          .prepare("SELECT * FROM live_statements WHERE connection_id = ? AND label = 'nightly_marker'")
          .get(bed.connection.id) as Record<string, unknown> | undefined,
      (r) => r !== undefined,
      { what: 'the sleeping statement in the live snapshot' },
    );
    expect(live).toMatchObject({
      state: 'Running',
      service_class: 6,
      user_name: 'etl_user',
      text_preview: 'SELECT pg_sleep(120)',
    });
    const sessions = bed.db
      .prepare('SELECT user_name FROM sessions WHERE connection_id = ?')
      .all(bed.connection.id) as { user_name: string }[];
    expect(sessions.map((s) => s.user_name)).toContain('etl_user');
    // The monitoring login's own polls never show up as activity.
    expect(
      bed.db.prepare("SELECT count(*) AS n FROM live_statements WHERE label = 'nightshift_monitor'").get(),
    ).toEqual({ n: 0 });
    const sample = await waitFor(
      () =>
        bed.db
          .prepare(
            'SELECT running FROM wlm_samples WHERE connection_id = ? AND service_class = 6 ORDER BY at_us DESC LIMIT 1',
          )
          .get(bed.connection.id) as { running: number } | undefined,
      (r) => r !== undefined && r.running >= 1,
    );
    expect(sample!.running).toBeGreaterThanOrEqual(1);
    // A client that goes away mid-statement: the proxy stops the statement in the engine too.
    await etl.end();
    await sleeping;
  });

  it('records the WLM configuration and its changes, and samples every queue (superuser login)', async () => {
    const pgAddress = inject('pg');
    const bed = startCollectorBed({ double, user: pgAddress.user, password: pgAddress.password });
    beds.push(bed);
    await waitFor(
      () => count(bed, 'wlm_config_history'),
      (n) => n === 1,
    );
    const config = JSON.parse(
      (
        bed.db
          .prepare('SELECT json FROM wlm_config_history WHERE connection_id = ?')
          .get(bed.connection.id) as { json: string }
      ).json,
    ) as { service_class: number; name: string; num_query_tasks: number }[];
    expect(config.map((c) => [c.service_class, c.name, c.num_query_tasks])).toEqual([
      [5, 'Service class for super user', 1],
      [6, 'etl_nightly', 3],
      [7, 'bi_dashboards', 8],
      [8, 'Default queue', 4],
      [14, 'Short query queue', 6],
    ]);
    const changed = JSON.stringify([
      { name: 'etl_nightly', user_group: ['etl_users'], query_concurrency: 5 },
      { name: 'Default queue', query_concurrency: 2 },
    ]);
    await double.proxy.applyWlmConfiguration(changed, 'static');
    await waitFor(
      () => count(bed, 'wlm_config_history'),
      (n) => n === 2,
    );
    const api = storeApi(bed);
    const result = await waitFor(
      () =>
        api['wlm.samples'](
          {
            connectionId: bed.connection.id,
            from: new Date(Date.now() - 60_000).toISOString(),
            to: new Date().toISOString(),
          },
          admin,
        ),
      (r) => r.samples.some((s) => s.serviceClass === 6 && s.slots === 5),
    );
    expect(result.configChanges).toHaveLength(2);
    expect(new Set(result.samples.map((s) => s.serviceClass))).toEqual(new Set([5, 6, 7, 8, 14]));
    expect(result.gaps).toEqual([]);
  });

  it('stores COPY errors with their raw lines exactly, and alerts and rule actions', async () => {
    const direct = await double.direct();
    const { copyQuery } = await seedLoadsAndAlerts(direct, new Date(Date.now() - 10 * 60_000));
    const bed = startCollectorBed({ double });
    beds.push(bed);
    const api = storeApi(bed);
    const args = {
      connectionId: bed.connection.id,
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date().toISOString(),
    };
    const page = await waitFor(
      () => api['loads.errors'](args, admin),
      (p) => p.total === 2,
      { what: 'load errors' },
    );
    const byLine = new Map(page.rows.map((r) => [r.lineNumber, r]));
    expect(byLine.get(17)).toMatchObject({
      query: copyQuery,
      errCode: 1206,
      columnName: 'played_at',
      rawLine: '42\t<b>bad</b>\t2024-13-45 25:61:00',
      rawFieldValue: '2024-13-45 25:61:00',
      fileName: 's3://feeds/plays/part-0001.tsv',
      position: 0,
    });
    expect(byLine.get(3)).toMatchObject({
      rawLine: '  x\t\u263A emoji \u200F rtl',
      rawFieldValue: '  x',
      errReason: "Invalid digit, Value 'x', Pos 0, Type: Integer",
    });
    const filtered = await api['loads.errors']({ ...args, errCode: 1207 }, admin);
    expect(filtered.rows.map((r) => r.lineNumber)).toEqual([3]);
    await waitFor(
      () => count(bed, 'alert_events') + count(bed, 'rule_actions') + count(bed, 'load_commits'),
      (n) => n === 3,
    );
  });
});

describe('collector: a plain PostgreSQL server', () => {
  it('connects, says which jobs it cannot run and why, and never crashes', async () => {
    const pgAddress = inject('pg');
    const plain = {
      ...double,
      database: 'postgres',
      proxy: { ...double.proxy, host: pgAddress.host, port: pgAddress.port },
    } as DoubleDatabase;
    const bed = startCollectorBed({ double: plain, user: pgAddress.user, password: pgAddress.password });
    beds.push(bed);
    const status = await waitFor(
      () => bed.collector.status().connections[0]!,
      (c) => c.state === 'connected',
    );
    expect(status.capabilities).toEqual([]);
    expect(status.serverVersion).toMatch(/PostgreSQL/);
    for (const job of status.jobs) {
      expect(job.state).toEqual({ kind: 'skipped', reason: expect.stringMatching(/^needs /) as unknown });
    }
  });
});
