// Who sees which rows (REFERENCE 1.1, 6.4): regular users their own rows, SYSLOG ACCESS UNRESTRICTED /
// sys:monitor / sys:operator everyone's, superuser-only relations nothing unless granted.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogDatabase, nextIds, recordQuery, type CatalogDatabase } from './catalogDatabase.ts';

// User-visible relations and the column holding the producing user.
const USER_VISIBLE: Array<[relation: string, column: 'userid' | 'user_id']> = [
  ['stl_query', 'userid'],
  ['stl_querytext', 'userid'],
  ['stl_wlm_query', 'userid'],
  ['stl_load_errors', 'userid'],
  ['stl_loaderror_detail', 'userid'],
  ['stl_load_commits', 'userid'],
  ['stl_file_scan', 'userid'],
  ['stl_scan', 'userid'],
  ['stl_insert', 'userid'],
  ['stl_delete', 'userid'],
  ['svl_query_metrics_summary', 'userid'],
  ['stl_alert_event_log', 'userid'],
  ['stl_wlm_rule_action', 'userid'],
  ['svl_query_summary', 'userid'],
  ['svl_qlog', 'userid'],
  ['stl_utilitytext', 'userid'],
  ['stl_ddltext', 'userid'],
  ['sys_query_history', 'user_id'],
  ['sys_query_text', 'user_id'],
  ['sys_query_detail', 'user_id'],
  ['sys_load_history', 'user_id'],
  ['sys_load_detail', 'user_id'],
  ['sys_load_error_detail', 'user_id'],
  ['sys_session_history', 'user_id'],
];
const SUPERUSER_ONLY = ['stl_commit_stats', 'svv_table_info'];

let db: CatalogDatabase;
let anna: number;
let ben: number;
const queries: Record<'anna' | 'ben' | 'system', number> = { anna: 0, ben: 0, system: 0 };

async function record(userid: number, label: string | null): Promise<number> {
  const ids = await nextIds(db.admin);
  await recordQuery(db.admin, {
    ...ids,
    userid,
    pid: 1073741824 + ids.query,
    label,
    serviceClass: 8,
    slotCount: 1,
    querytxt: `select ${ids.query}`,
    starttime: '2024-03-01 02:00:00',
    execStart: '2024-03-01 02:00:01',
    endtime: '2024-03-01 02:00:03',
    aborted: 0,
  });
  return ids.query;
}

beforeAll(async () => {
  db = await createCatalogDatabase();
  anna = await db.userid('analyst_anna');
  ben = await db.userid('analyst_ben');
  queries.anna = await record(anna, null);
  queries.ben = await record(ben, 'dashboard_sales');
  // system health probe: userid 1 = rdsdb (REFERENCE 1.4)
  queries.system = await record(1, 'health');
  // one extra row for anna and for ben in every user-visible relation
  for (const [relation, column] of USER_VISIBLE) {
    const cast = column === 'user_id' && relation === 'sys_session_history' ? '::text' : '';
    await db.admin.query(`INSERT INTO rs_internal.${relation} (${column}) VALUES ($1${cast}), ($2${cast})`, [
      anna,
      ben,
    ]);
  }
  await db.admin.query(`INSERT INTO rs_internal.stl_commit_stats (xid, node) VALUES (1000, -1), (1000, 0)`);
  await db.admin.query(
    `INSERT INTO rs_internal.svv_table_info (database, schema, table_id, "table", tbl_rows)
     VALUES (current_database(), 'public', 100500, 'sales', 42)`,
  );
});

afterAll(async () => {
  await db?.destroy();
});

/** Rows of each user-visible relation the client sees, split into own and other users' rows. */
async function ownAndOthers(
  client: pg.Client,
  userid: number,
): Promise<Map<string, { own: number; others: number }>> {
  const seen = new Map<string, { own: number; others: number }>();
  for (const [relation, column] of USER_VISIBLE) {
    const id =
      column === 'user_id' && relation === 'sys_session_history' ? `rtrim(${column})::integer` : column;
    const result = await client.query<{ own: number; others: number }>(
      `SELECT count(*) FILTER (WHERE ${id} = $1)::integer AS own,
              count(*) FILTER (WHERE ${id} IS DISTINCT FROM $1)::integer AS others
         FROM ${relation}`,
      [userid],
    );
    seen.set(relation, result.rows[0] ?? { own: 0, others: 0 });
  }
  return seen;
}

async function queryIds(client: pg.Client): Promise<number[]> {
  const result = await client.query<{ query: number }>(
    'SELECT query FROM stl_query WHERE query IS NOT NULL ORDER BY query',
  );
  return result.rows.map((r) => r.query);
}

async function rowCount(client: pg.Client, relation: string): Promise<number> {
  const result = await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${relation}`);
  return result.rows[0]?.n ?? -1;
}

describe('row visibility', () => {
  it('shows a regular user only the rows they produced, in every user-visible relation', async () => {
    const client = await db.connectAs('analyst_anna');
    expect(await queryIds(client)).toEqual([queries.anna]);
    for (const [relation, counts] of await ownAndOthers(client, anna)) {
      expect({ relation, ...counts }).toEqual({ relation, own: counts.own, others: 0 });
      expect(counts.own, relation).toBeGreaterThan(0);
    }
  });

  it("shows nightshift_monitor (SYSLOG ACCESS UNRESTRICTED) every user's rows, system rows included", async () => {
    const client = await db.connectAs('nightshift_monitor');
    const monitor = await db.userid('nightshift_monitor');
    expect(await queryIds(client)).toEqual([queries.anna, queries.ben, queries.system].sort((a, b) => a - b));
    for (const [relation, counts] of await ownAndOthers(client, monitor)) {
      expect(counts.others, relation).toBeGreaterThanOrEqual(2);
    }
  });

  it("shows members of sys:monitor and sys:operator every user's rows", async () => {
    for (const role of ['sys:monitor', 'sys:operator']) {
      const user = await db.createUser(role === 'sys:monitor' ? 'monitor' : 'operator', [role]);
      const client = await db.connectAs(user);
      expect(await queryIds(client)).toHaveLength(3);
    }
  });

  it('shows the superuser everything', async () => {
    expect(await queryIds(db.admin)).toHaveLength(3);
    for (const relation of SUPERUSER_ONLY)
      expect(await rowCount(db.admin, relation), relation).toBeGreaterThan(0);
  });
});

describe('superuser-only relations', () => {
  it('return no rows to a regular user nor to nightshift_monitor', async () => {
    for (const user of ['analyst_anna', 'nightshift_monitor']) {
      const client = await db.connectAs(user);
      for (const relation of SUPERUSER_ONLY)
        expect(await rowCount(client, relation), `${user} ${relation}`).toBe(0);
    }
  });

  it('stay closed to sys:monitor members (REFERENCE 7.10, stricter reading)', async () => {
    const user = await db.createUser('monitor_su', ['sys:monitor']);
    const client = await db.connectAs(user);
    for (const relation of SUPERUSER_ONLY) expect(await rowCount(client, relation), relation).toBe(0);
  });

  it('open to a user granted SELECT on that relation, and only that relation', async () => {
    const user = await db.createUser('granted', []);
    await db.admin.query(`GRANT SELECT ON svv_table_info TO ${user}`);
    const client = await db.connectAs(user);
    expect(await rowCount(client, 'svv_table_info')).toBe(1);
    expect(await rowCount(client, 'stl_commit_stats')).toBe(0);
  });
});

describe('names and privileges', () => {
  it('resolves Redshift names unqualified for a freshly connected regular user', async () => {
    const client = await db.connectAs('analyst_ben');
    const result = await client.query<{ n: number; now_type: string; len: number }>(
      `SELECT (SELECT count(*)::integer FROM stl_query WHERE query IS NOT NULL) AS n,
              pg_typeof(getdate())::text AS now_type,
              len('abc'::char(10)) AS len`,
    );
    expect(result.rows[0]).toEqual({ n: 1, now_type: 'timestamp without time zone', len: 3 });
  });

  it('keeps rs_internal out of reach of regular users, monitoring login included', async () => {
    for (const user of ['analyst_anna', 'nightshift_monitor']) {
      const client = await db.connectAs(user);
      await expect(client.query('SELECT * FROM rs_internal.stl_query')).rejects.toThrow(
        /permission denied for schema rs_internal/,
      );
      await expect(
        client.query(`SELECT rs_internal.record_query(1, 1, 1, 1, null, 6, 1, 'x', now()::timestamp,
                        now()::timestamp, now()::timestamp, 0)`),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('grants nothing on rs_internal tables, and SELECT to PUBLIC on superuser-owned rs_system views', async () => {
    const internal = await db.admin.query<{ relname: string }>(
      `SELECT c.relname
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'rs_internal' AND c.relkind IN ('r', 'v', 'S')
          AND EXISTS (SELECT 1 FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner)`,
    );
    expect(internal.rows).toEqual([]);
    const views = await db.admin.query<{
      relname: string;
      relkind: string;
      super: boolean;
      public_select: boolean;
    }>(
      `SELECT c.relname, c.relkind, r.rolsuper AS super,
              EXISTS (SELECT 1 FROM aclexplode(c.relacl) a
                       WHERE a.grantee = 0 AND a.privilege_type = 'SELECT') AS public_select
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_roles r ON r.oid = c.relowner
        WHERE n.nspname = 'rs_system' AND c.relkind IN ('r', 'v', 'm')`,
    );
    expect(views.rows.length).toBe(USER_VISIBLE.length + SUPERUSER_ONLY.length);
    for (const view of views.rows) {
      expect(view, view.relname).toEqual({
        relname: view.relname,
        relkind: 'v',
        super: true,
        public_select: true,
      });
    }
  });
});
