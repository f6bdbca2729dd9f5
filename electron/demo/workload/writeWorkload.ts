// Inserts generated workload batches into the catalog's base tables (rs_internal.<relation>) as the
// PostgreSQL superuser: multi-row `INSERT ... SELECT * FROM unnest($1::int4[], $2::text[], ...)` in
// chunks of a few thousand rows, one transaction per simulated day. Local query ids and xids are
// swapped for values drawn from rs_internal.query_id_seq / xid_seq (double-contract), so generated and
// live history never collide.
import type { ClientBase } from 'pg';
import { copyField, copyIn, supportsCopyIn } from './copyIn.ts';
import { generateWorkload, type WorkloadBatch, type WorkloadOptions } from './generateWorkload.ts';
import { WORKLOAD_USERS, type UserIds } from './jobs.ts';
import {
  RELATION_NAMES,
  RELATIONS,
  type ColumnKind,
  type ColumnSpec,
  type RelationName,
} from './relations.ts';
import { leftChars } from './statementText.ts';
import { formatTimestamp } from './time.ts';

export interface WriteOptions {
  /**
   * 'copy' (COPY FROM STDIN; default on a real PostgreSQL server through node-postgres) or 'unnest'
   * (INSERT ... SELECT FROM unnest of array parameters; works everywhere, default on PGlite).
   */
  method?: 'copy' | 'unnest';
  /** Rows per statement (default 4000 for unnest, 20000 for COPY). */
  chunkRows?: number;
  /** Called after each batch is committed. */
  onBatch?: (progress: { day: string; rows: number; totalRows: number }) => void;
  /**
   * Runs each of the writer's steps (a batch's transaction, a setting) alone on the engine: the
   * double's proxy lock on PGlite, where sessions' statements would otherwise split them.
   */
  alone?: <T>(step: () => Promise<T>) => Promise<T>;
}

/** `alone` where nothing else writes: the step runs at once. */
export const atOnce = <T>(step: () => Promise<T>): Promise<T> => step();

export interface WriteResult {
  rows: Record<RelationName, number>;
  totalRows: number;
  batches: number;
  milliseconds: number;
}

const ARRAY_TYPE: Record<ColumnKind, string> = {
  int4: 'int4[]',
  int8: 'int8[]',
  qid: 'int4[]',
  qid8: 'int8[]',
  xid: 'int8[]',
  xid4: 'int4[]',
  text: 'text[]',
  char: 'text[]',
  varchar: 'text[]',
  ts: 'timestamp[]',
  float8: 'float8[]',
  bool: 'bool[]',
  numeric: 'numeric[]',
  oid: 'oid[]',
};

const PLACEHOLDER = /\u0000Q(\d+)\u0000/g;

function insertSql(relation: RelationName): string {
  const columns = RELATIONS[relation] as readonly ColumnSpec[];
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const params = columns.map(([, kind], i) => `$${i + 1}::${ARRAY_TYPE[kind]}`).join(', ');
  return `INSERT INTO rs_internal.${relation} (${names}) SELECT * FROM unnest(${params})`;
}

const INSERT_SQL = Object.fromEntries(RELATION_NAMES.map((r) => [r, insertSql(r)])) as Record<
  RelationName,
  string
>;

const COPY_SQL = Object.fromEntries(
  RELATION_NAMES.map((r) => [
    r,
    `COPY rs_internal.${r} (${(RELATIONS[r] as readonly ColumnSpec[]).map(([name]) => `"${name}"`).join(', ')}) FROM STDIN`,
  ]),
) as Record<RelationName, string>;

/** The workload users' pg_user.usesysid (double-contract: userid columns hold them). */
export async function lookupUserIds(client: ClientBase): Promise<UserIds> {
  const result = await client.query<{ usename: string; usesysid: number }>(
    'SELECT usename, usesysid::integer AS usesysid FROM pg_catalog.pg_user WHERE usename = ANY($1::text[])',
    [[...WORKLOAD_USERS]],
  );
  const ids = new Map(result.rows.map((row) => [row.usename, row.usesysid]));
  const out = {} as UserIds;
  for (const user of WORKLOAD_USERS) {
    const id = ids.get(user);
    if (id === undefined) throw new Error(`role ${user} is missing: run installCatalog first`);
    out[user] = id;
  }
  return out;
}

async function drawIds(client: ClientBase, sequence: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await client.query<{ id: string }>(
    `SELECT nextval('${sequence}')::text AS id FROM generate_series(1, $1::int)`,
    [count],
  );
  return result.rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

type DbValue = string | number | boolean | null;

/** One value as sent to PostgreSQL: ids swapped, timestamps formatted, character(n) values cut. */
function dbValue(v: unknown, [, kind, width]: ColumnSpec, queryIds: number[], xids: number[]): DbValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'qid':
    case 'qid8':
      return mapId(queryIds, v as number);
    case 'xid':
    case 'xid4':
      return mapId(xids, v as number);
    case 'ts':
      return formatTimestamp(v as number);
    case 'text':
    case 'char':
    case 'varchar': {
      let s = v as string;
      if (s.includes('\u0000'))
        s = s.replace(PLACEHOLDER, (_m, local: string) => String(mapId(queryIds, Number(local))));
      // character(n) / varchar(n): PostgreSQL rejects longer values on INSERT, Redshift keeps the
      // first n characters (REFERENCE 1.4 querytxt "cut at 4000").
      return width === undefined ? s : leftChars(s, width);
    }
    default:
      return v as number | boolean;
  }
}

function mapId(ids: number[], local: number): number {
  if (local === 0) return 0;
  const id = ids[local - 1];
  if (id === undefined) throw new Error(`local id ${local} out of range (${ids.length} drawn)`);
  return id;
}

async function insertRows(
  client: ClientBase,
  relation: RelationName,
  rows: readonly Record<string, unknown>[],
  queryIds: number[],
  xids: number[],
  method: 'copy' | 'unnest',
  chunkRows: number,
): Promise<void> {
  const columns = RELATIONS[relation] as readonly ColumnSpec[];
  for (let start = 0; start < rows.length; start += chunkRows) {
    const chunk = rows.slice(start, start + chunkRows);
    if (method === 'copy') {
      let payload = '';
      for (const row of chunk) {
        let line = '';
        for (let c = 0; c < columns.length; c++) {
          const column = columns[c] as ColumnSpec;
          line += (c === 0 ? '' : '\t') + copyField(dbValue(row[column[0]], column, queryIds, xids));
        }
        payload += line + '\n';
      }
      await copyIn(client, COPY_SQL[relation], payload);
    } else {
      const values = columns.map((column) =>
        chunk.map((row) => dbValue(row[column[0]], column, queryIds, xids)),
      );
      await client.query({ name: `workload_insert_${relation}`, text: INSERT_SQL[relation], values });
    }
  }
}

/**
 * character(n) columns are stored blank-padded (REFERENCE 6.1), so every STL_QUERY / SYS row carries a
 * 4000-character value that PostgreSQL compresses on insert. lz4 does that several times faster than
 * the default pglz. Returns a function restoring the session's previous setting; servers built
 * without lz4 (or engines without the setting) keep theirs.
 */
async function preferFastCompression(client: ClientBase): Promise<() => Promise<void>> {
  let previous: string | undefined;
  try {
    previous = (await client.query<{ v: string }>("SELECT current_setting('default_toast_compression') AS v"))
      .rows[0]?.v;
    await client.query("SET default_toast_compression = 'lz4'");
  } catch {
    return async () => undefined;
  }
  return async () => {
    if (previous !== undefined)
      await client.query('SELECT set_config($1, $2, false)', ['default_toast_compression', previous]);
  };
}

/**
 * COPY where it works: a node-postgres client on a real PostgreSQL server. PGlite (the built-in demo's
 * engine, reached through pglite-socket) never answers COPY FROM STDIN over its socket, so it gets
 * INSERT ... unnest.
 */
async function defaultMethod(client: ClientBase): Promise<'copy' | 'unnest'> {
  if (!supportsCopyIn(client)) return 'unnest';
  const version = (await client.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
  return /pglite|emscripten/i.test(version) ? 'unnest' : 'copy';
}

/** Writes batches (from generateWorkload / generateWorkloadWindow), one transaction per batch. */
export async function writeBatches(
  client: ClientBase,
  batches: Iterable<WorkloadBatch>,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const started = performance.now();
  const alone = options.alone ?? atOnce;
  const method = options.method ?? (await alone(() => defaultMethod(client)));
  const chunkRows = options.chunkRows ?? (method === 'copy' ? 20_000 : 4000);
  const counts = Object.fromEntries(RELATION_NAMES.map((r) => [r, 0])) as Record<RelationName, number>;
  let totalRows = 0;
  let batchCount = 0;
  const restoreCompression = await alone(() => preferFastCompression(client));
  try {
    for (const batch of batches) {
      await alone(async () => {
        await client.query('BEGIN');
        try {
          // Generated history can always be generated again: no need to wait for the WAL flush.
          await client.query('SET LOCAL synchronous_commit = off');
          const queryIds = await drawIds(client, 'rs_internal.query_id_seq', batch.queryIds);
          const xids = await drawIds(client, 'rs_internal.xid_seq', batch.xids);
          if (batch.kind === 'snapshot' && batch.rows.svv_table_info.length > 0) {
            // SVV_TABLE_INFO describes the present: the new snapshot replaces the rows of its tables.
            await client.query('DELETE FROM rs_internal.svv_table_info WHERE table_id = ANY($1::oid[])', [
              batch.rows.svv_table_info.map((row) => row.table_id),
            ]);
          }
          let batchRows = 0;
          for (const relation of RELATION_NAMES) {
            const rows = batch.rows[relation] as readonly Record<string, unknown>[];
            if (rows.length === 0) continue;
            await insertRows(client, relation, rows, queryIds, xids, method, chunkRows);
            counts[relation] += rows.length;
            batchRows += rows.length;
          }
          await client.query('COMMIT');
          totalRows += batchRows;
          batchCount++;
          options.onBatch?.({ day: batch.day, rows: batchRows, totalRows });
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    }
  } finally {
    await alone(restoreCompression);
  }
  return { rows: counts, totalRows, batches: batchCount, milliseconds: performance.now() - started };
}

/**
 * Generates and writes the whole history into the database `client` is connected to (as a
 * superuser, after installCatalog). userid columns get the real roles' usesysid and `database`
 * columns the current database's name, unless the options say otherwise.
 */
export async function writeWorkload(
  client: ClientBase,
  options: WorkloadOptions,
  write: WriteOptions = {},
): Promise<WriteResult> {
  const resolved = await withDatabaseFacts(client, options);
  return writeBatches(client, generateWorkload(resolved), write);
}

/** Fills userIds and database from the connected database when the options leave them out. */
export async function withDatabaseFacts(
  client: ClientBase,
  options: WorkloadOptions,
): Promise<WorkloadOptions> {
  const userIds = options.userIds ?? (await lookupUserIds(client));
  const database =
    options.database ??
    (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ??
    'dev';
  return { ...options, userIds, database };
}
