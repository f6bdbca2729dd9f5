// The emulated relations declare exactly REFERENCE's columns (names, types, order) as listed in
// catalogColumns.json: what a Redshift client would see in information_schema / pg_attribute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CATALOG_COLUMNS,
  LIVE_RELATIONS,
  describeCatalogDrift,
  readRelationColumns,
  type CatalogColumn,
  type CatalogColumns,
} from '../../../electron/demo/catalog/catalogColumns.ts';
import { createCatalogDatabase, type CatalogDatabase } from './catalogDatabase.ts';

// The relations this part of the double must provide, plus the live ones another part provides.
const HISTORY_RELATIONS = [
  'stl_query',
  'stl_querytext',
  'stl_wlm_query',
  'stl_load_errors',
  'stl_loaderror_detail',
  'stl_load_commits',
  'stl_file_scan',
  // Table-level reads and writes (REFERENCE 1.25-1.27; issue #11).
  'stl_scan',
  'stl_insert',
  'stl_delete',
  'stl_alert_event_log',
  'stl_wlm_rule_action',
  'svl_query_summary',
  'svl_query_metrics_summary',
  'svl_qlog',
  'stl_commit_stats',
  'stl_utilitytext',
  'stl_ddltext',
  'svv_table_info',
  'sys_query_history',
  'sys_query_text',
  'sys_query_detail',
  'sys_load_history',
  'sys_load_detail',
  'sys_load_error_detail',
  'sys_session_history',
];

let db: CatalogDatabase;

beforeAll(async () => {
  db = await createCatalogDatabase();
});

afterAll(async () => {
  await db?.destroy();
});

/** The expected list minus live relations that are absent, each skip announced. */
function expectedPresent(actual: ReadonlyMap<string, readonly CatalogColumn[]>): CatalogColumns {
  const expected: Record<string, readonly CatalogColumn[]> = {};
  for (const [relation, columns] of Object.entries(CATALOG_COLUMNS)) {
    if (LIVE_RELATIONS.includes(relation) && !actual.has(relation)) {
      console.warn(`catalog drift: skipping ${relation}: live relation not installed in this database yet`);
      continue;
    }
    expected[relation] = columns;
  }
  return expected;
}

describe('catalog drift', () => {
  it('lists every relation of REFERENCE the double emulates, live ones included', () => {
    expect(Object.keys(CATALOG_COLUMNS).sort()).toEqual([...HISTORY_RELATIONS, ...LIVE_RELATIONS].sort());
  });

  it('declares every rs_system view with the listed names, types and order', async () => {
    const actual = await readRelationColumns(db.admin, 'rs_system', Object.keys(CATALOG_COLUMNS));
    expect(describeCatalogDrift(expectedPresent(actual), actual)).toEqual([]);
  });

  it('gives every history relation a base table of the same name and shape in rs_internal', async () => {
    const expected = Object.fromEntries(HISTORY_RELATIONS.map((r) => [r, CATALOG_COLUMNS[r] ?? []]));
    const actual = await readRelationColumns(db.admin, 'rs_internal', HISTORY_RELATIONS);
    expect(describeCatalogDrift(expected, actual)).toEqual([]);
  });

  it('reports a changed type, a missing column, an extra column and a missing relation', async () => {
    const actual = await readRelationColumns(db.admin, 'rs_system', ['stl_wlm_query', 'stl_query']);
    const wlm = CATALOG_COLUMNS['stl_wlm_query'] ?? [];
    const query = CATALOG_COLUMNS['stl_query'] ?? [];
    const altered: CatalogColumns = {
      // xid is integer in STL_WLM_QUERY (REFERENCE 6.1); pretend the list said bigint
      stl_wlm_query: wlm.map((c) => (c.name === 'xid' ? { name: 'xid', type: 'bigint' } : c)),
      // the list forgot the last column of STL_QUERY
      stl_query: [...query.slice(0, -1)],
      no_such_relation: [{ name: 'x', type: 'integer' }],
    };
    expect(describeCatalogDrift(altered, actual)).toEqual([
      'stl_wlm_query column 2: expected xid bigint, found xid integer',
      'stl_query column 12: expected nothing, found concurrency_scaling_status integer',
      'no_such_relation: relation does not exist',
    ]);
    const extra: CatalogColumns = { stl_query: [...query, { name: 'extra', type: 'text' }] };
    expect(describeCatalogDrift(extra, actual)).toEqual([
      'stl_query column 13: expected extra text, found nothing',
    ]);
  });

  it('reads back char(n) columns blank-padded to their declared width', async () => {
    await db.admin.query(
      `INSERT INTO rs_internal.stl_wlm_query (userid, query, final_state) VALUES (1, 1, 'Completed')`,
    );
    const result = await db.admin.query<{ final_state: string }>(
      'SELECT final_state FROM rs_system.stl_wlm_query WHERE query = 1',
    );
    expect(result.rows[0]?.final_state).toBe('Completed'.padEnd(16, ' '));
  });
});
