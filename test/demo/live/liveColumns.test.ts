// The six live relations declare exactly REFERENCE's columns (1.7-1.12): names, order and declared types
// as a Redshift client sees them in pg_attribute. The list below is transcribed from REFERENCE here and
// must also agree with the catalog's list (catalogColumns.json).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { CATALOG_COLUMNS, readRelationColumns } from '../../../electron/demo/catalog/catalogColumns.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';

const TS = 'timestamp without time zone';
const LIVE_COLUMNS: Record<string, [string, string][]> = {
  stv_wlm_query_state: [
    ['xid', 'integer'],
    ['task', 'integer'],
    ['query', 'integer'],
    ['service_class', 'integer'],
    ['slot_count', 'integer'],
    ['wlm_start_time', TS],
    ['state', 'character(16)'],
    ['queue_time', 'bigint'],
    ['exec_time', 'bigint'],
    ['query_priority', 'character(20)'],
  ],
  stv_wlm_service_class_config: [
    ['service_class', 'integer'],
    ['queueing_strategy', 'character(32)'],
    ['num_query_tasks', 'integer'],
    ['target_num_query_tasks', 'integer'],
    ['evictable', 'character(8)'],
    ['eviction_threshold', 'bigint'],
    ['query_working_mem', 'integer'],
    ['target_query_working_mem', 'integer'],
    ['min_step_mem', 'integer'],
    ['name', 'character(64)'],
    ['max_execution_time', 'bigint'],
    ['user_group_wild_card', 'boolean'],
    ['query_group_wild_card', 'boolean'],
    ['concurrency_scaling', 'character(20)'],
    ['query_priority', 'character(20)'],
    ['user_role_wild_card', 'boolean'],
  ],
  stv_wlm_service_class_state: [
    ['service_class', 'integer'],
    ['num_queued_queries', 'integer'],
    ['num_executing_queries', 'integer'],
    ['num_serviced_queries', 'integer'],
    ['num_executed_queries', 'integer'],
    ['num_evicted_queries', 'integer'],
    ['num_concurrency_scaling_queries', 'integer'],
  ],
  stv_recents: [
    ['userid', 'integer'],
    ['status', 'character(20)'],
    ['starttime', TS],
    ['duration', 'integer'],
    ['user_name', 'character(50)'],
    ['db_name', 'character(50)'],
    ['query', 'character(600)'],
    ['pid', 'integer'],
  ],
  stv_inflight: [
    ['userid', 'integer'],
    ['slice', 'integer'],
    ['query', 'integer'],
    ['label', 'character(320)'],
    ['xid', 'bigint'],
    ['pid', 'integer'],
    ['starttime', TS],
    ['text', 'character(100)'],
    ['suspended', 'integer'],
    ['insert_pristine', 'integer'],
    ['concurrency_scaling_status', 'integer'],
  ],
  stv_sessions: [
    ['starttime', TS],
    ['process', 'integer'],
    ['user_name', 'character(50)'],
    ['db_name', 'character(50)'],
    ['timeout_sec', 'integer'],
  ],
};

let bed: DoubleDatabase;

beforeAll(async () => {
  bed = await createDoubleDatabase(inject('pg'));
});

afterAll(async () => {
  await bed?.destroy();
});

describe('live relations', () => {
  it('declare REFERENCE 1.7-1.12 columns, order and types in rs_system', async () => {
    const admin = await bed.direct();
    const actual = await readRelationColumns(admin, 'rs_system', Object.keys(LIVE_COLUMNS));
    for (const [relation, columns] of Object.entries(LIVE_COLUMNS)) {
      expect(
        actual.get(relation)?.map((c) => [c.name, c.type]),
        relation,
      ).toEqual(columns);
    }
  });

  it("agree with the catalog's column list", () => {
    for (const [relation, columns] of Object.entries(LIVE_COLUMNS)) {
      expect(
        CATALOG_COLUMNS[relation]?.map((c) => [c.name, c.type]),
        relation,
      ).toEqual(columns);
    }
  });

  it('pad character columns and use the literal casing of REFERENCE 6.1', async () => {
    const admin = await bed.superuser();
    await admin.query('SELECT 1');
    const r = await admin.query<{ status: string; user_name: string }>(
      "SELECT status, user_name FROM stv_recents WHERE status = 'Done' LIMIT 1",
    );
    expect(r.rows[0]?.status).toBe('Done'.padEnd(20));
    expect(r.rows[0]?.user_name.length).toBe(50);
    const config = await admin.query<{ service_class: number; name: string }>(
      'SELECT service_class, trim(name) AS name FROM stv_wlm_service_class_config ORDER BY service_class',
    );
    expect(config.rows).toEqual([
      { service_class: 5, name: 'Service class for super user' },
      { service_class: 6, name: 'etl_nightly' },
      { service_class: 7, name: 'bi_dashboards' },
      { service_class: 8, name: 'Default queue' },
      { service_class: 14, name: 'Short query queue' },
    ]);
  });
});
