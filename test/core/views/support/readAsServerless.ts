// The views bed's double read as a Serverless endpoint reads it (SYS views only, REFERENCE 1.24) into a
// store of its own, by the collector's real jobs: the double emulates its SYS views over its STL tables,
// and a page of them is slow on a busy 2-core machine, so the history and metrics cursors may start at
// `fromUs` rather than at the start of the history.
import type { CollectorSettings } from '../../../../electron/core/base/CollectorSettings.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import {
  DEFAULT_COLLECTOR_SETTINGS,
  mergeSettings,
} from '../../../../electron/core/base/CollectorSettings.ts';
import { silentLogger } from '../../../../electron/core/base/Logger.ts';
import type { JobContext, JobDefinition } from '../../../../electron/core/collector/Job.ts';
import type { HistoryCursor } from '../../../../electron/core/collector/jobs/queryHistoryJob.ts';
import {
  QUERY_HISTORY_JOB,
  createQueryHistoryJob,
} from '../../../../electron/core/collector/jobs/queryHistoryJob.ts';
import { createQueryMetricsJob } from '../../../../electron/core/collector/jobs/queryMetricsJob.ts';
import type { SinceCursor } from '../../../../electron/core/collector/jobs/readSince.ts';
import { DEFAULT_QUERIES_DIR } from '../../../../electron/core/collector/startCollector.ts';
import { createRedshiftSession } from '../../../../electron/core/redshift/createRedshiftSession.ts';
import { SqlRegistry } from '../../../../electron/core/redshift/sqlRegistry.ts';
import { Watermarks } from '../../../../electron/core/store/history/Watermarks.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';
import { FAST_SETTINGS } from '../../collector/support/collectorBed.ts';
import type { ViewsBed } from './viewsBed.ts';

export interface ServerlessStore {
  db: Database.Database;
  connectionId: string;
  close(): void;
}

type JobFactory = (settings: CollectorSettings) => JobDefinition;

/**
 * What `jobs` read (default: statements and their metrics) once caught up; with `fromUs`, statements
 * and metrics ending at or after it only.
 */
export async function readAsServerless(
  bed: ViewsBed,
  fromUs: number | null,
  jobs: readonly JobFactory[] = [createQueryHistoryJob, createQueryMetricsJob],
): Promise<ServerlessStore> {
  const dir = mkdtempSync(join(tmpdir(), 'ns-sls-'));
  const db = openStore({ dataDir: dir });
  const connectionId = 'demo-serverless';
  const session = await createRedshiftSession({
    name: 'serverless',
    resolve: async () => ({ ...bed.double.pg, ssl: false }),
    registry: SqlRegistry.load(DEFAULT_QUERIES_DIR),
    log: silentLogger,
    // Only bounds how long a broken read takes to report (the emulated SYS views are slow).
    statementTimeoutMs: 300_000,
  });
  try {
    if (fromUs !== null) {
      const watermarks = new Watermarks(db);
      const history: HistoryCursor = { endUs: fromUs, query: -1, caughtUp: false, backfillRead: 0 };
      const metrics: SinceCursor = { maxUs: fromUs, caughtUp: false };
      watermarks.set(connectionId, QUERY_HISTORY_JOB, history, fromUs);
      watermarks.set(connectionId, 'query_metrics', metrics, fromUs);
    }
    const ctx: JobContext = {
      connectionId,
      signal: new AbortController().signal,
      db,
      redshift: session,
      cloudwatch: null,
      capabilities: ['serverless'],
      log: silentLogger,
      now: () => new Date(),
    };
    const settings = mergeSettings(DEFAULT_COLLECTOR_SETTINGS, FAST_SETTINGS, { historyPageSize: 5_000 });
    for (const job of jobs) await drain(job(settings), ctx);
  } catch (error) {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await session.close();
  }
  return {
    db,
    connectionId,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a job until it says it has caught up (no backfill left, no more pages). */
async function drain(job: JobDefinition, ctx: JobContext): Promise<void> {
  for (let run = 0; run < 200; run++) {
    const r = await job.run(ctx);
    if (r.more !== true && (r.backfill === undefined || r.backfill.done)) return;
  }
  throw new Error(`${job.name} never caught up`);
}
