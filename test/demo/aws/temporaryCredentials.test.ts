// GetClusterCredentials end to end: the stand-in asks the injected callback for a password, the
// callback makes it a real PostgreSQL login that expires, and `pg` logs in with what the SDK returned.
//
// Expiry without waiting 15 minutes: the stand-in runs on a clock set 897 s behind the wall clock, so
// the shortest allowed duration (DurationSeconds 900) ends 3 s from now in real time. The callback
// honestly uses the expiresAt it is given (VALID UNTIL), so PostgreSQL itself refuses the login after.
import { randomBytes } from 'node:crypto';
import { GetClusterCredentialsCommand } from '@aws-sdk/client-redshift';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLUSTER_ID,
  redshiftClient,
  scratchDatabase,
  startStandIn,
  type ScratchDatabase,
} from './standInHarness.ts';

const SHIFT_MS = 897_000;
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const baseUser = `creds_user_${suffix}`;
let db: ScratchDatabase;
const createdRoles: string[] = [];

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** What the double's engine would do: a login role per prefixed user that acts as the plain user. */
async function issueTemporaryPassword(
  dbUser: string,
  autoCreate: boolean,
  dbGroups: string[],
  expiresAt: Date,
) {
  const plain = dbUser.replace(/^IAMA?:/, '');
  const password = randomBytes(18).toString('base64url');
  const exists = await db.pool.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [plain]);
  if (exists.rowCount === 0) {
    if (!autoCreate) throw new Error(`database user ${plain} does not exist`);
    await db.pool.query(`CREATE ROLE ${ident(plain)} NOLOGIN`);
    createdRoles.push(plain);
  }
  const login = await db.pool.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [dbUser]);
  if (login.rowCount === 0) {
    await db.pool.query(`CREATE ROLE ${ident(dbUser)} LOGIN`);
    createdRoles.unshift(dbUser);
  }
  await db.pool.query(`GRANT ${ident(plain)} TO ${ident(dbUser)}`);
  for (const group of dbGroups) await db.pool.query(`GRANT ${ident(group)} TO ${ident(plain)}`);
  // Sessions of the IAM login run as the plain user, as on Redshift.
  await db.pool.query(`ALTER ROLE ${ident(dbUser)} SET role = ${ident(plain)}`);
  await db.pool.query(
    `ALTER ROLE ${ident(dbUser)} PASSWORD '${password}' VALID UNTIL '${expiresAt.toISOString()}'`,
  );
  return password;
}

async function login(user: string, password: string): Promise<string> {
  const client = new pg.Client({
    host: db.address.host,
    port: db.address.port,
    database: db.name,
    user,
    password,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const r = await client.query<{ who: string; session: string }>(
      'SELECT current_user AS who, session_user AS session',
    );
    return `${r.rows[0]?.session} as ${r.rows[0]?.who}`;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await scratchDatabase('aws_creds');
  await db.pool.query(`CREATE ROLE ${ident(baseUser)} NOLOGIN`);
  createdRoles.push(baseUser);
});

afterAll(async () => {
  await db.drop();
  const admin = new pg.Client({ ...db.address, database: 'postgres' });
  admin.on('error', () => undefined);
  await admin.connect();
  for (const role of createdRoles) await admin.query(`DROP ROLE IF EXISTS ${ident(role)}`);
  await admin.end();
});

describe('GetClusterCredentials with a real PostgreSQL', () => {
  it('returns a password that logs in with pg and stops working when it expires', async () => {
    const asked: Date[] = [];
    const { standIn } = await startStandIn({
      now: () => new Date(Date.now() - SHIFT_MS),
      issueTemporaryPassword: (dbUser, autoCreate, dbGroups, expiresAt) => {
        asked.push(expiresAt);
        return issueTemporaryPassword(dbUser, autoCreate, dbGroups, expiresAt);
      },
    });
    const client = redshiftClient(standIn);
    try {
      const creds = await client.send(
        new GetClusterCredentialsCommand({
          ClusterIdentifier: CLUSTER_ID,
          DbUser: baseUser,
          DurationSeconds: 900,
        }),
      );
      expect(creds.DbUser).toBe(`IAM:${baseUser}`);
      const expiresAt = creds.Expiration?.getTime() ?? 0;
      expect(asked.map((d) => d.getTime())).toEqual([expiresAt]);
      expect(expiresAt).toBeGreaterThan(Date.now());

      expect(await login(creds.DbUser ?? '', creds.DbPassword ?? '')).toBe(`IAM:${baseUser} as ${baseUser}`);
      await expect(login(creds.DbUser ?? '', 'wrong-password')).rejects.toThrow(
        /password authentication failed/,
      );

      // Wait for PostgreSQL to refuse the same password once VALID UNTIL has passed.
      let refused: unknown = null;
      for (let i = 0; i < 40 && refused === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        refused = await login(creds.DbUser ?? '', creds.DbPassword ?? '').then(
          () => null,
          (error: unknown) => error,
        );
      }
      expect(String(refused)).toMatch(/password authentication failed for user "IAM:creds_user_/);
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);

      // A fresh request gives a fresh, working password.
      const again = await client.send(
        new GetClusterCredentialsCommand({
          ClusterIdentifier: CLUSTER_ID,
          DbUser: baseUser,
          DurationSeconds: 3600,
        }),
      );
      expect(await login(again.DbUser ?? '', again.DbPassword ?? '')).toBe(`IAM:${baseUser} as ${baseUser}`);
    } finally {
      client.destroy();
      await standIn.close();
    }
  });

  it('AutoCreate makes a new user (IAMA:) in the requested groups; without it the callback refuses', async () => {
    const { standIn } = await startStandIn({ issueTemporaryPassword });
    const client = redshiftClient(standIn, { maxAttempts: 1 });
    const newcomer = `creds_new_${suffix}`;
    try {
      const creds = await client.send(
        new GetClusterCredentialsCommand({
          ClusterIdentifier: CLUSTER_ID,
          DbUser: newcomer,
          AutoCreate: true,
          DbGroups: [baseUser],
        }),
      );
      expect(creds.DbUser).toBe(`IAMA:${newcomer}`);
      expect(await login(creds.DbUser ?? '', creds.DbPassword ?? '')).toBe(`IAMA:${newcomer} as ${newcomer}`);
      const member = await db.pool.query('SELECT pg_has_role($1, $2, $3) AS ok', [
        newcomer,
        baseUser,
        'MEMBER',
      ]);
      expect(member.rows[0]?.ok).toBe(true);

      const error = await client
        .send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER_ID, DbUser: `ghost_${suffix}` }))
        .catch((e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode: number } });
      expect(error).toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
      expect((error as { message: string }).message).toContain(
        `database user ghost_${suffix} does not exist`,
      );
    } finally {
      client.destroy();
      await standIn.close();
    }
  });
});
