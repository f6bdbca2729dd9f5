// loads.*: COPY loads, their rejected rows and the feeds' delivery ledger, read from the store
// (electron/core/loads).
import type Database from 'better-sqlite3';
import { readDeliveryLedger } from '../loads/readDeliveryLedger.ts';
import { readFormatDrift } from '../loads/readFormatDrift.ts';
import { readLoadDetail } from '../loads/readLoadDetail.ts';
import { readLoadErrors } from '../loads/readLoadErrors.ts';
import { readLoads } from '../loads/readLoads.ts';
import type { ApiHandlers } from './dispatch.ts';

export function loadHandlers(deps: {
  db: Database.Database;
}): Pick<ApiHandlers, 'loads.errors' | 'loads.list' | 'loads.get' | 'loads.ledger' | 'loads.drift'> {
  return {
    'loads.errors': async (args) => readLoadErrors(deps.db, args),
    'loads.list': async (args) => readLoads(deps.db, args),
    'loads.get': async (args) => readLoadDetail(deps.db, args),
    'loads.ledger': async (args) => readDeliveryLedger(deps.db, args, new Date()),
    'loads.drift': async (args) => readFormatDrift(deps.db, args),
  };
}
