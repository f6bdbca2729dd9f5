// collector.status, queries.history, queries.get, wlm.samples, loads.errors: the collector's state and
// the history it stored, read from the local store (never from Redshift).
import type Database from 'better-sqlite3';
import type { Collector } from '../collector/Collector.ts';
import { readLoadErrors } from '../store/history/readLoadErrors.ts';
import { readQuery, readQueryHistory } from '../store/history/readQueryHistory.ts';
import { readWlmSamples } from '../store/history/readWlmSamples.ts';
import { ApiError } from './ApiError.ts';
import type { ApiHandlers } from './dispatch.ts';

type Handlers = Pick<
  ApiHandlers,
  'collector.status' | 'queries.history' | 'queries.get' | 'wlm.samples' | 'loads.errors'
>;

export function collectorHandlers(deps: {
  db: Database.Database;
  collector: Collector;
  now?: () => Date;
}): Handlers {
  const now = deps.now ?? (() => new Date());
  return {
    'collector.status': async () => deps.collector.status(),
    'queries.history': async (args) => readQueryHistory(deps.db, args),
    'queries.get': async (args) => {
      const found = readQuery(deps.db, args);
      if (!found)
        throw new ApiError(
          'not_found',
          `Query ${args.query} is not in the stored history of this connection.`,
        );
      return found;
    },
    'wlm.samples': async (args) => readWlmSamples(deps.db, args, now().getTime() * 1000),
    'loads.errors': async (args) => readLoadErrors(deps.db, args),
  };
}
