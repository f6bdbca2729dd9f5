// A real collector with a real store writing to a temporary data directory, collecting from a Redshift
// double's database (test/support/doubleDatabase.ts). The collector connects through the proxy as the
// app's monitoring login (nightshift_monitor, a regular user with SYSLOG ACCESS UNRESTRICTED) unless
// told otherwise.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Connection } from '../../../../shared/model/connection.ts';
import { Collector, type CollectorDeps } from '../../../../electron/core/collector/Collector.ts';
import {
  DEFAULT_COLLECTOR_SETTINGS,
  mergeSettings,
  type CollectorSettings,
  type CollectorSettingsOverride,
} from '../../../../electron/core/base/CollectorSettings.ts';
import { createJobs } from '../../../../electron/core/collector/jobs/createJobs.ts';
import { DEFAULT_QUERIES_DIR } from '../../../../electron/core/collector/startCollector.ts';
import { EventBus } from '../../../../electron/core/base/EventBus.ts';
import { silentLogger, type Logger } from '../../../../electron/core/base/Logger.ts';
import { createRedshiftSession } from '../../../../electron/core/redshift/createRedshiftSession.ts';
import type { RedshiftSession } from '../../../../electron/core/redshift/RedshiftSession.ts';
import { SqlRegistry } from '../../../../electron/core/redshift/sqlRegistry.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';
import type { DoubleDatabase } from '../../../support/doubleDatabase.ts';
import { observedSession } from '../../../support/observedSession.ts';

export interface CollectorBed {
  db: Database.Database;
  dataDir: string;
  collector: Collector;
  events: EventBus;
  connection: Connection;
  settings: CollectorSettings;
  /** Rows returned per statement name by the collector's session, since the start. */
  rowsByQuery: Map<string, number>;
  /** Statements run per name by the collector's session, since the start. */
  callsByQuery: Map<string, number>;
  stop(): Promise<void>;
}

export interface CollectorBedOptions {
  double: DoubleDatabase;
  user?: string;
  password?: string;
  settings?: CollectorSettingsOverride;
  dataDir?: string;
  log?: Logger;
  /** Another connection than the direct one to the proxy (e.g. a cluster connection), with its resolution. */
  connection?: Connection;
  endpointFor?: CollectorDeps['endpointFor'];
  awsFor?: CollectorDeps['awsFor'];
  /** A cluster that still prepares while it can be reached (the demo writing its history). */
  preparingFor?: CollectorDeps['preparingFor'];
  lateHistoryFor?: CollectorDeps['lateHistoryFor'];
}

/** Short intervals so tests see many polls; a small overlap so re-reads stay countable. */
export const FAST_SETTINGS: CollectorSettingsOverride = {
  intervalsMs: {
    live_activity: 300,
    query_history: 300,
    query_metrics: 500,
    wlm_state: 300,
    wlm_config: 1_000,
    loads: 500,
    table_access: 500,
    alerts: 500,
    cluster: 1_000,
    metrics: 60_000,
  },
  historyPageSize: 500,
  overlapMs: 1_000,
  loadsOverlapMs: 1_000,
  connectionBackoffCapMs: 2_000,
};

export function startCollectorBed(o: CollectorBedOptions): CollectorBed {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'ns-collector-'));
  const db = openStore({ dataDir });
  const settings = mergeSettings(DEFAULT_COLLECTOR_SETTINGS, FAST_SETTINGS, o.settings);
  const events = new EventBus();
  const user = o.user ?? 'nightshift_monitor';
  const connection: Connection = o.connection ?? {
    id: `bed-${o.double.database}`,
    name: o.double.database,
    target: {
      kind: 'direct',
      host: o.double.proxy.host,
      port: o.double.proxy.port,
      database: o.double.database,
      user,
      sslMode: 'disable',
    },
    passwordSource: 'session',
    createdAt: new Date().toISOString(),
  };
  const rowsByQuery = new Map<string, number>();
  const callsByQuery = new Map<string, number>();
  const observe = (session: RedshiftSession): RedshiftSession =>
    observedSession(session, (name, rows) => {
      callsByQuery.set(name, (callsByQuery.get(name) ?? 0) + 1);
      rowsByQuery.set(name, (rowsByQuery.get(name) ?? 0) + rows);
    });
  const collector = new Collector({
    db,
    log: o.log ?? silentLogger,
    events,
    registry: SqlRegistry.load(DEFAULT_QUERIES_DIR),
    settings,
    jobs: createJobs(settings),
    endpointFor:
      o.endpointFor ??
      (async () => ({
        host: o.double.proxy.host,
        port: o.double.proxy.port,
        database: o.double.database,
        user,
        password: o.password ?? `${user}_pw`,
        ssl: false,
      })),
    awsFor: o.awsFor ?? (() => null),
    ...(o.preparingFor ? { preparingFor: o.preparingFor } : {}),
    ...(o.lateHistoryFor ? { lateHistoryFor: o.lateHistoryFor } : {}),
    openSession: async (options) => observe(await createRedshiftSession(options)),
  });
  collector.start([], [connection]);
  return {
    db,
    dataDir,
    collector,
    events,
    connection,
    settings,
    rowsByQuery,
    callsByQuery,
    async stop() {
      await collector.stop();
      db.close();
    },
  };
}

export function jobStatus(bed: CollectorBed, job: string) {
  const connection = bed.collector.status().connections[0];
  const found = connection?.jobs.find((j) => j.job === job);
  if (!found) throw new Error(`no job ${job}`);
  return found;
}
