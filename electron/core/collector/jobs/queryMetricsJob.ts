// query_metrics: rows scanned, CPU and blocks per statement (queries/query_metrics.sql; issue #10), so
// the batch views can tell "more data" from "slower plan". Provisioned clusters read
// SVL_QUERY_METRICS_SUMMARY, Serverless SYS_QUERY_DETAIL. Incremental by the statement's end time
// (readSince: watermark, overlap for late rows); each metric is stored once and added to the batch
// rollups of its statement (BatchRollups.addMetrics), in the page's transaction.
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import { microsFromTimestamp } from '../../base/redshiftTime.ts';
import { BatchRollups } from '../../store/batches/BatchRollups.ts';
import { ensureBatchSettings } from '../../store/batches/ensureBatchSettings.ts';
import type { JobDefinition } from '../Job.ts';
import { systemTableJob } from './systemTableJob.ts';
import { readSince } from './readSince.ts';

interface MetricsRow {
  query: number | string;
  end_time: string;
  rows_scanned: number | string | null;
  cpu_seconds: number | string | null;
  blocks_read: number | string | null;
  blocks_spilled: number | string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function createQueryMetricsJob(settings: CollectorSettings): JobDefinition {
  return systemTableJob('query_metrics', settings, async (ctx) => {
    const source = ctx.capabilities.includes('provisioned') ? 'stl' : 'sys';
    const rollups = new BatchRollups(ctx.db, ctx.connectionId, ensureBatchSettings(ctx.db, ctx.connectionId));
    return readSince<MetricsRow>(ctx, {
      key: 'query_metrics',
      query: source === 'stl' ? 'query_metrics_since' : 'sys_query_metrics_since',
      overlapMs: settings.overlapMs,
      pageSize: settings.pageSize,
      timeOf: (r) => r.end_time,
      store: (rows) =>
        rollups.addMetrics(
          rows.map((r) => {
            const cpu = num(r.cpu_seconds);
            return {
              connectionId: ctx.connectionId,
              query: Number(r.query),
              endUs: microsFromTimestamp(r.end_time),
              rowsScanned: num(r.rows_scanned),
              cpuUs: cpu === null ? null : cpu * 1_000_000,
              blocksRead: num(r.blocks_read),
              blocksSpilled: num(r.blocks_spilled),
              source,
            };
          }),
        ),
    });
  });
}
