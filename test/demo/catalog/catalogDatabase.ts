// A fresh database on the shared test server with the emulated catalog installed, for one test file.
import pg from 'pg';
import { inject } from 'vitest';
import { installCatalog } from '../../../electron/demo/catalog/installCatalog.ts';

export interface CatalogDatabase {
  name: string;
  /** Connected to the database as the PostgreSQL superuser, after the install. */
  admin: pg.Client;
  /** Opens a new connection as `user` (password: `<user>_pw` unless given), like a fresh login. */
  connectAs(user: string, password?: string): Promise<pg.Client>;
  /** The pg_user.usesysid of a role: the value of `userid` columns for its rows. */
  userid(user: string): Promise<number>;
  /**
   * Creates a LOGIN role private to this database's tests (roles are cluster-wide, so granting system
   * roles to the shared users would leak into other test files), member of `memberOf`. Password:
   * `<name>_pw`. Dropped by destroy().
   */
  createUser(suffix: string, memberOf: string[]): Promise<string>;
  /** Closes every connection it opened, drops the database and the roles made by createUser. */
  destroy(): Promise<void>;
}

async function connect(database: string, user?: string, password?: string): Promise<pg.Client> {
  const address = inject('pg');
  const client = new pg.Client({
    host: address.host,
    port: address.port,
    user: user ?? address.user,
    password: password ?? address.password,
    database,
  });
  // A dropped connection must not crash the test process; the next query reports it instead.
  client.on('error', () => {});
  await client.connect();
  return client;
}

export async function createCatalogDatabase(): Promise<CatalogDatabase> {
  const name = `cat_${Math.random().toString(36).slice(2, 10)}`;
  const maintenance = await connect('postgres');
  try {
    await maintenance.query(`CREATE DATABASE ${name}`);
  } finally {
    await maintenance.end();
  }
  const installer = await connect(name);
  try {
    await installCatalog(installer);
  } finally {
    await installer.end();
  }
  // Opened after the install so that the database's search_path and TimeZone apply, as for any user.
  const admin = await connect(name);
  const opened: pg.Client[] = [admin];
  const roles: string[] = [];
  return {
    name,
    admin,
    async connectAs(user, password) {
      const client = await connect(name, user, password ?? `${user}_pw`);
      opened.push(client);
      return client;
    },
    async userid(user) {
      const result = await admin.query<{ usesysid: number }>(
        'SELECT usesysid::integer AS usesysid FROM pg_user WHERE usename = $1',
        [user],
      );
      const row = result.rows[0];
      if (row === undefined) throw new Error(`no such user ${user}`);
      return row.usesysid;
    },
    async createUser(suffix, memberOf) {
      const role = `${name}_${suffix}`;
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${role}_pw'`);
      roles.push(role);
      for (const group of memberOf) await admin.query(`GRANT "${group}" TO ${role}`);
      return role;
    },
    async destroy() {
      await Promise.all(opened.map((client) => client.end().catch(() => undefined)));
      const cleanup = await connect('postgres');
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        for (const role of roles) await cleanup.query(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Arguments of rs_internal.record_query, named. */
export interface RecordedQuery {
  query: number;
  userid: number;
  pid: number;
  xid: number;
  label: string | null;
  serviceClass: number;
  slotCount: number;
  querytxt: string;
  starttime: string;
  execStart: string;
  endtime: string;
  aborted: 0 | 1;
}

export async function recordQuery(client: pg.ClientBase, q: RecordedQuery): Promise<void> {
  await client.query(
    `SELECT rs_internal.record_query($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamp, $10::timestamp,
       $11::timestamp, $12)`,
    [
      q.query,
      q.userid,
      q.pid,
      q.xid,
      q.label,
      q.serviceClass,
      q.slotCount,
      q.querytxt,
      q.starttime,
      q.execStart,
      q.endtime,
      q.aborted,
    ],
  );
}

/** Next ids from the catalog's sequences, as the live mode would draw them. */
export async function nextIds(client: pg.ClientBase): Promise<{ query: number; xid: number }> {
  const result = await client.query<{ query: number; xid: string }>(
    `SELECT nextval('rs_internal.query_id_seq')::integer AS query, nextval('rs_internal.xid_seq') AS xid`,
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('no ids');
  return { query: row.query, xid: Number(row.xid) };
}
