// Installs the emulated Redshift catalog (schemas rs_internal / rs_system, roles, compatibility
// functions, base tables, views, record_query) into the database a client is connected to.
// The SQL lives in the numbered .sql files next to this one; they run in file-name order.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientBase } from 'pg';

/** The catalog's SQL files in the order they run. */
export const CATALOG_SQL_FILES = [
  '00_roles.sql',
  '01_schemas.sql',
  '02_compat_functions.sql',
  '05_visibility.sql',
  '10_tables.sql',
  '20_views.sql',
  '30_record_query.sql',
] as const;

export interface CatalogSqlScript {
  name: (typeof CATALOG_SQL_FILES)[number];
  sql: string;
}

/** Directory holding the .sql files when running from source (tsx, vitest). */
export const CATALOG_SQL_DIRECTORY = fileURLToPath(new URL('.', import.meta.url));

/**
 * The SQL scripts in run order, for engines reached without `pg` (e.g. PGlite's `exec`). A bundled
 * build must ship the .sql files and pass their directory.
 */
export async function readCatalogSql(directory: string = CATALOG_SQL_DIRECTORY): Promise<CatalogSqlScript[]> {
  return Promise.all(
    CATALOG_SQL_FILES.map(async (name) => ({ name, sql: await readFile(join(directory, name), 'utf8') })),
  );
}

/**
 * Installs the catalog as the PostgreSQL superuser into the (empty) database `client` is connected to:
 * `dev` for the double, any name in tests (settings use current_database()). Not idempotent.
 *
 * Roles are cluster-wide and tolerate already existing, so they are created in a transaction of their
 * own; everything else is one transaction, so a failure leaves the database as it was.
 * The database-level search_path / TimeZone apply to connections opened afterwards.
 */
export async function installCatalog(client: ClientBase, sqlDirectory?: string): Promise<void> {
  const who = await client.query<{ rolsuper: boolean }>(
    'SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user',
  );
  if (who.rows[0]?.rolsuper !== true) {
    throw new Error('installCatalog must run as a PostgreSQL superuser');
  }
  const [roles, ...rest] = await readCatalogSql(sqlDirectory);
  if (roles !== undefined) await runScript(client, roles);
  await client.query('BEGIN');
  try {
    for (const script of rest) await runScript(client, script);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function runScript(client: ClientBase, script: CatalogSqlScript): Promise<void> {
  try {
    // No parameters: the simple-query protocol runs every statement of the file.
    await client.query(script.sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`installCatalog: ${script.name} failed: ${message}`, { cause: error });
  }
}
