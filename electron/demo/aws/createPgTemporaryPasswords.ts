// A ready `issueTemporaryPassword` for the stand-in: makes GetClusterCredentials' answer a real login on
// the double's PostgreSQL that expires (REFERENCE 4.6, 4.7).
//
// Emulation choices:
// * The client logs in with the prefixed name the API returns (`IAM:bob`, `IAMA:bob`, `IAMR:role`),
//   so that name is a PostgreSQL LOGIN role whose password is valid until `expiresAt` (VALID UNTIL).
//   STV_SESSIONS therefore shows the prefixed name, as Redshift does for IAM users (REFERENCE 1.12).
// * "Same database permissions as DbUser": the login role is a member of the plain user's role
//   (INHERIT) and of the requested DbGroups. Superuser status is not inherited (a PostgreSQL limit).
// * AutoCreate false and no such user: Redshift still answers, and the login then fails; so do we (no
//   role is created). AutoCreate true creates the plain user (without a password of its own).
// * A DbGroup that does not exist is refused with InvalidParameterValue (exact AWS error unverified).
// * Redshift keeps every temporary password valid until its own expiry, however many were issued since;
//   a PostgreSQL role has one password. So while the last password of a login is still valid it is
//   handed out again with its validity extended to the later expiry: every password a client holds
//   keeps working until its Expiration (pools that renew per connection would otherwise lock each
//   other out). Once it has expired, the next request gets a fresh one.
// The pool must connect as a PostgreSQL superuser (CREATE ROLE); its owner keeps an 'error' listener.
import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { invalidParameter } from './AwsError.ts';

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function roleExists(client: PoolClient, name: string): Promise<boolean> {
  const r = await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [name]);
  return (r.rowCount ?? 0) > 0;
}

/** CREATE ROLE that tolerates a concurrent request creating the same role. */
async function createRole(client: PoolClient, name: string, options: string): Promise<void> {
  if (await roleExists(client, name)) return;
  try {
    await client.query(`CREATE ROLE ${ident(name)} ${options}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42710') throw error; // duplicate_object
  }
}

/** A password this close to its expiry is not handed out again: the client could not use it in time. */
const REUSE_MARGIN_MS = 5_000;

export function createPgTemporaryPasswords(
  pool: Pool,
): (dbUser: string, autoCreate: boolean, dbGroups: string[], expiresAt: Date) => Promise<string> {
  const current = new Map<string, { password: string; validUntil: number }>();
  return async (dbUser, autoCreate, dbGroups, expiresAt) => {
    const previous = current.get(dbUser);
    const reuse = previous !== undefined && previous.validUntil > Date.now() + REUSE_MARGIN_MS;
    const password = reuse ? previous.password : randomBytes(24).toString('base64');
    const validUntil = new Date(Math.max(expiresAt.getTime(), reuse ? previous.validUntil : 0));
    const plain = dbUser.replace(/^IAM[AR]?:/, '');
    const client = await pool.connect();
    try {
      if (!(await roleExists(client, plain))) {
        if (!autoCreate) return password; // the login will fail: the user does not exist
        await createRole(client, plain, 'LOGIN');
      }
      for (const group of dbGroups) {
        if (!(await roleExists(client, group)))
          throw invalidParameter(`Database group ${group} does not exist.`);
      }
      await createRole(client, dbUser, 'LOGIN INHERIT');
      for (const role of [plain, ...dbGroups]) await client.query(`GRANT ${ident(role)} TO ${ident(dbUser)}`);
      // The password is base64 (no quotes), the timestamp ISO 8601: safe as literals.
      await client.query(
        `ALTER ROLE ${ident(dbUser)} WITH LOGIN PASSWORD '${password}' VALID UNTIL '${validUntil.toISOString()}'`,
      );
      current.set(dbUser, { password, validUntil: validUntil.getTime() });
      return password;
    } finally {
      client.release();
    }
  };
}
