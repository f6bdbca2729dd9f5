// The emulated catalog's column list (catalogColumns.json, transcribed from REFERENCE section 1) and
// the drift check that compares it with what a database actually declares.
import type { ClientBase } from 'pg';
import catalogColumnsJson from './catalogColumns.json' with { type: 'json' };

/** One column: its name and its declared type as PostgreSQL's format_type() prints it. */
export interface CatalogColumn {
  name: string;
  type: string;
}

/** Relation name (lowercase) -> columns in declared order. */
export type CatalogColumns = Readonly<Record<string, readonly CatalogColumn[]>>;

export const CATALOG_COLUMNS: CatalogColumns = catalogColumnsJson;

/**
 * The live STV_* relations. Another part of the double creates them (from the running sessions and the
 * active WLM configuration), so a database with only the catalog installed lacks them.
 */
export const LIVE_RELATIONS: readonly string[] = [
  'stv_recents',
  'stv_inflight',
  'stv_sessions',
  'stv_wlm_query_state',
  'stv_wlm_service_class_config',
  'stv_wlm_service_class_state',
];

/** Reads the declared columns of `relations` in `schema`; relations that do not exist are absent. */
export async function readRelationColumns(
  client: ClientBase,
  schema: string,
  relations: readonly string[],
): Promise<Map<string, CatalogColumn[]>> {
  const result = await client.query<{ relname: string; attname: string; type: string }>(
    `SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema, [...relations]],
  );
  const columns = new Map<string, CatalogColumn[]>();
  for (const row of result.rows) {
    const list = columns.get(row.relname) ?? [];
    list.push({ name: row.attname, type: row.type });
    columns.set(row.relname, list);
  }
  return columns;
}

/**
 * Differences between the expected and the actual columns of each expected relation, one readable line
 * each; empty when they agree. `actual` lacks a relation that does not exist.
 */
export function describeCatalogDrift(
  expected: CatalogColumns,
  actual: ReadonlyMap<string, readonly CatalogColumn[]>,
): string[] {
  const problems: string[] = [];
  for (const [relation, want] of Object.entries(expected)) {
    const have = actual.get(relation);
    if (have === undefined) {
      problems.push(`${relation}: relation does not exist`);
      continue;
    }
    const count = Math.max(want.length, have.length);
    for (let i = 0; i < count; i++) {
      const w = want[i];
      const h = have[i];
      if (w?.name === h?.name && w?.type === h?.type) continue;
      const show = (c: CatalogColumn | undefined): string =>
        c === undefined ? 'nothing' : `${c.name} ${c.type}`;
      problems.push(`${relation} column ${i + 1}: expected ${show(w)}, found ${show(h)}`);
    }
  }
  return problems;
}
