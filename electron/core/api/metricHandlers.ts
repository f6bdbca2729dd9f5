// metrics.series: CloudWatch history from the local store, downsampled server-side (readSeries). A
// series nobody has collected (yet) answers with null buckets: nothing collected is a gap, not an error.
import type Database from 'better-sqlite3';
import { readSeries } from '../store/metrics/readSeries.ts';
import type { ApiHandlers } from './dispatch.ts';

export function metricHandlers(deps: { db: Database.Database }): Pick<ApiHandlers, 'metrics.series'> {
  return {
    'metrics.series': async (args) => readSeries(deps.db, args),
  };
}
