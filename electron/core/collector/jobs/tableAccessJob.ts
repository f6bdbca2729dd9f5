// table_access: which statements read and wrote which tables (queries/table_access.sql; REFERENCE
// 1.24-1.27), for the impact of bad data (issue #11). Provisioned clusters read STL_SCAN / STL_INSERT /
// STL_DELETE; Serverless reads SYS_QUERY_DETAIL's step rows. One stored row per query x table x kind.
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobContext, JobDefinition } from '../Job.ts';
import { systemTableJob } from './systemTableJob.ts';
import { TableAccessStore } from '../../store/history/TableAccessStore.ts';
import { microsFromTimestamp } from '../../base/redshiftTime.ts';
import { readSince } from './readSince.ts';

interface AccessRow {
  query: number | string;
  table_id: number;
  kind: 'read' | 'write';
  starttime: string;
  endtime: string;
  table_name: string | null;
  label: string | null;
  user_name: string | null;
}

export function createTableAccessJob(settings: CollectorSettings): JobDefinition {
  return systemTableJob('table_access', settings, async (ctx) => {
    const store = new TableAccessStore(ctx.db);
    const result = await readSince<AccessRow>(ctx, {
      key: 'table_access',
      query: ctx.capabilities.includes('provisioned') ? 'table_access_since' : 'sys_table_access_since',
      overlapMs: settings.loadsOverlapMs,
      pageSize: settings.pageSize,
      timeOf: (r) => r.endtime,
      store: (rows) =>
        store.upsert(
          rows.map((r) => ({
            connectionId: ctx.connectionId,
            query: Number(r.query),
            tableId: r.table_id,
            kind: r.kind,
            startUs: microsFromTimestamp(r.starttime),
            endUs: microsFromTimestamp(r.endtime),
            tableName: r.table_name,
            label: r.label ?? '',
            userName: r.user_name ?? '',
          })),
        ),
    });
    // Both kinds: STL_SCAN gives bare names, and REFERENCE does not say that SYS_QUERY_DETAIL's carry
    // the schema (SVV_TABLE_INFO is there on Serverless too).
    if (store.unqualified(ctx.connectionId) > 0) await qualifyNames(ctx, store);
    return result;
  });
}

/**
 * Schema-qualifies the bare names the cluster gave (SVV_TABLE_INFO by table id). A login not granted the
 * view sees no rows, and a failure here costs only the schema: the reads and writes are stored already.
 */
async function qualifyNames(ctx: JobContext, store: TableAccessStore): Promise<void> {
  let rows: { table_id: number; schema_name: string; table_name: string }[];
  try {
    rows = await ctx.redshift.query('table_schemas', [], { signal: ctx.signal });
  } catch {
    return;
  }
  const named = rows.map((r) => ({
    tableId: Number(r.table_id),
    schema: r.schema_name,
    table: r.table_name,
  }));
  ctx.db.transaction(() => store.qualifyNames(ctx.connectionId, named))();
}
