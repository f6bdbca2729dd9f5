// loads.*: COPY loads, their rejected rows and the feeds' delivery ledger, read from the store
// (electron/core/loads); the impact of bad data, with the batch jobs the batches area knows.
import type Database from 'better-sqlite3';
import { impactExport } from '../loads/impactExport.ts';
import { addJobsBeforeArrival } from '../loads/jobsBeforeArrival.ts';
import { readDeliveryLedger } from '../loads/readDeliveryLedger.ts';
import { readFormatDrift } from '../loads/readFormatDrift.ts';
import { readImpact } from '../loads/readImpact.ts';
import { readLoadDetail } from '../loads/readLoadDetail.ts';
import { readLoadErrors } from '../loads/readLoadErrors.ts';
import { readLoads } from '../loads/readLoads.ts';
import type { ImpactArgs } from '../../../shared/model/impact.ts';
import { batchJobsOf } from './batchJobsOf.ts';
import type { ApiHandlers } from './dispatch.ts';

export function loadHandlers(deps: {
  db: Database.Database;
}): Pick<
  ApiHandlers,
  | 'loads.errors'
  | 'loads.list'
  | 'loads.get'
  | 'loads.ledger'
  | 'loads.drift'
  | 'loads.impact'
  | 'loads.impactExport'
> {
  const impact = (args: ImpactArgs) => {
    const now = new Date();
    // Jobs over the nights the walk can reach: 120 days back covers the longest retention shown.
    const jobs = batchJobsOf(
      deps.db,
      args.connectionId,
      new Date(now.getTime() - 120 * 86_400_000).toISOString(),
      args.until ?? now.toISOString(),
    );
    return readImpact(deps.db, args, jobs, now);
  };
  return {
    'loads.errors': async (args) => readLoadErrors(deps.db, args),
    'loads.list': async (args) => readLoads(deps.db, args),
    'loads.get': async (args) => readLoadDetail(deps.db, args),
    'loads.ledger': async (args) =>
      addJobsBeforeArrival(
        deps.db,
        args,
        readDeliveryLedger(deps.db, args, new Date()),
        batchJobsOf(deps.db, args.connectionId, args.from, args.to),
      ),
    'loads.drift': async (args) => readFormatDrift(deps.db, args),
    'loads.impact': async (args) => impact(args),
    'loads.impactExport': async ({ format, ...args }) => impactExport(impact(args), format),
  };
}
