// The replay's worker thread as the core starts it (createCore.ts), on a test's store file.
import type Database from 'better-sqlite3';
import { workerReplays } from '../../../../electron/core/alerts/workerReplays.ts';

export const replayWorker = (db: Database.Database) =>
  workerReplays(new URL('../../../../electron/core/alertReplayWorker.ts', import.meta.url), db.name);
