// loads.*: COPY loads and their rejected rows, read from the store (electron/core/loads).
import type Database from 'better-sqlite3';
import { readLoadErrors } from '../loads/readLoadErrors.ts';
import type { ApiHandlers } from './dispatch.ts';

export function loadHandlers(deps: { db: Database.Database }): Pick<ApiHandlers, 'loads.errors'> {
  return {
    'loads.errors': async (args) => readLoadErrors(deps.db, args),
  };
}
