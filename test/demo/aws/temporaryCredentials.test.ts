// GetClusterCredentials end to end: the stand-in asks createPgTemporaryPasswords for a password, which
// makes it a real PostgreSQL login that expires, and `pg` logs in with what the SDK returned.
//
// Expiry without waiting 15 minutes: the stand-in runs on a clock set 897 s behind the wall clock, so
// the shortest allowed duration (DurationSeconds 900) ends 3 s from now in real time. The callback uses
// the expiresAt it is given (VALID UNTIL) unchanged, so PostgreSQL itself refuses the login afterwards.
import { GetClusterCredentialsCommand, GetClusterCredentialsWithIAMCommand } from '@aws-sdk/client-redshift';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForValue } from '../../support/waitFor.ts';
import { createPgTemporaryPasswords } from '../../../electron/demo/aws/createPgTemporaryPasswords.ts';
import {
  CLUSTER_ID,
  failure,
  redshiftClient,
  scratchDatabase,
  startStandIn,
  type ScratchDatabase,
} from './standInHarness.ts';

const SHIFT_MS = 897_000;
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const baseUser = `creds_user_${suffix}`;
const group = `creds_group_${suffix}`;
let db: ScratchDatabase;

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function login(user: string, password: string): Promise<{ session: string; member: boolean }> {
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
    const r = await client.query<{ session: string; member: boolean }>(
      `SELECT session_user AS session, pg_has_role(session_user, $1, 'USAGE') AS member`,
      [baseUser],
    );
    return r.rows[0] ?? { session: '', member: false };
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await scratchDatabase('aws_creds');
  await db.pool.query(`CREATE ROLE ${ident(baseUser)} LOGIN`);
  await db.pool.query(`CREATE ROLE ${ident(group)} NOLOGIN`);
});

afterAll(async () => {
  const roles = await db.pool.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles WHERE rolname LIKE '%' || $1 ORDER BY rolname LIKE 'IAM%' DESC`,
    [suffix],
  );
  await db.drop();
  const admin = new pg.Client({ ...db.address, database: 'postgres' });
  admin.on('error', () => undefined);
  await admin.connect();
  for (const { rolname } of roles.rows) await admin.query(`DROP ROLE IF EXISTS ${ident(rolname)}`);
  await admin.end();
});

describe('GetClusterCredentials with a real PostgreSQL', () => {
  it('returns a password that logs in with pg and stops working when it expires', async () => {
    const asked: Date[] = [];
    const issue = createPgTemporaryPasswords(db.pool);
    const { standIn } = await startStandIn({
      now: () => new Date(Date.now() - SHIFT_MS),
      issueTemporaryPassword: (dbUser, autoCreate, dbGroups, expiresAt) => {
        asked.push(expiresAt);
        return issue(dbUser, autoCreate, dbGroups, expiresAt);
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
      const user = creds.DbUser ?? '';
      expect(user).toBe(`IAM:${baseUser}`);
      const expiresAt = creds.Expiration?.getTime() ?? 0;
      expect(asked.map((d) => d.getTime())).toEqual([expiresAt]);
      expect(expiresAt).toBeGreaterThan(Date.now());

      // The IAM login acts with the plain user's permissions (member of its role).
      expect(await login(user, creds.DbPassword ?? '')).toEqual({ session: user, member: true });
      await expect(login(user, 'wrong-password')).rejects.toThrow(/password authentication failed/);

      // Wait for PostgreSQL to refuse the same password once VALID UNTIL has passed.
      const refused = await waitForValue(
        () =>
          login(user, creds.DbPassword ?? '').then(
            () => null,
            (error: unknown) => error,
          ),
        { what: 'the expired password to be refused', timeoutMs: 60_000, intervalMs: 500 },
      );
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
      expect(again.DbPassword).not.toBe(creds.DbPassword);
      expect((await login(user, again.DbPassword ?? '')).session).toBe(user);
    } finally {
      client.destroy();
      await standIn.close();
    }
  });

  it('AutoCreate makes a new user (IAMA:) that joins the DbGroups; an unknown user cannot log in', async () => {
    const { standIn } = await startStandIn({ issueTemporaryPassword: createPgTemporaryPasswords(db.pool) });
    const client = redshiftClient(standIn, { maxAttempts: 1 });
    const newcomer = `creds_new_${suffix}`;
    try {
      const creds = await client.send(
        new GetClusterCredentialsCommand({
          ClusterIdentifier: CLUSTER_ID,
          DbUser: newcomer,
          AutoCreate: true,
          DbGroups: [group],
        }),
      );
      expect(creds.DbUser).toBe(`IAMA:${newcomer}`);
      expect((await login(creds.DbUser ?? '', creds.DbPassword ?? '')).session).toBe(`IAMA:${newcomer}`);
      const member = await db.pool.query<{ plain: boolean; grp: boolean }>(
        `SELECT pg_has_role($1, $2, 'MEMBER') AS plain, pg_has_role($1, $3, 'MEMBER') AS grp`,
        [`IAMA:${newcomer}`, newcomer, group],
      );
      expect(member.rows[0]).toEqual({ plain: true, grp: true });

      // Redshift answers for a user that does not exist; the login is what fails.
      const ghost = await client.send(
        new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER_ID, DbUser: `ghost_${suffix}` }),
      );
      await expect(login(ghost.DbUser ?? '', ghost.DbPassword ?? '')).rejects.toThrow(
        /password authentication failed/,
      );

      expect(
        await failure(
          client.send(
            new GetClusterCredentialsCommand({
              ClusterIdentifier: CLUSTER_ID,
              DbUser: baseUser,
              DbGroups: ['no_such_group'],
            }),
          ),
        ),
      ).toMatchObject({
        name: 'InvalidParameterValue',
        status: 400,
        message: 'Database group no_such_group does not exist.',
      });
    } finally {
      client.destroy();
      await standIn.close();
    }
  });

  it('GetClusterCredentialsWithIAM logs in as the identity mapped to the access key', async () => {
    const role = `IAMR:creds_role_${suffix}`;
    const { standIn } = await startStandIn({
      issueTemporaryPassword: createPgTemporaryPasswords(db.pool),
      credentials: [
        { accessKeyId: 'AKIDNIGHTSHIFTTEST', secretAccessKey: 'nightshift-test-secret', iamIdentity: role },
      ],
    });
    const client = redshiftClient(standIn);
    try {
      const creds = await client.send(
        new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER_ID }),
      );
      expect(creds.DbUser).toBe(role);
      expect((await login(role, creds.DbPassword ?? '')).session).toBe(role);
    } finally {
      client.destroy();
      await standIn.close();
    }
  });
});
