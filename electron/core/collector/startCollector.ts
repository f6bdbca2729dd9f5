// Builds the collector for the composition root: the SQL registry, the settings (defaults, then the
// store's `collector` setting, then the config's), the jobs, endpoint resolution for saved and run-only
// connections, and the subscription that keeps it in step with the saved connections.
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type { Connection } from '../../../shared/model/connection.ts';
import type { ConnectionRepository } from '../connections/ConnectionRepository.ts';
import type { PasswordVault } from '../connections/PasswordVault.ts';
import type { EventBus } from '../base/EventBus.ts';
import type { Logger } from '../base/Logger.ts';
import { demoProgressText, type DemoCluster } from '../base/DemoCluster.ts';
import { resolveEndpoint, type PgEndpoint } from '../redshift/resolveEndpoint.ts';
import { pgSsl } from '../redshift/pgSsl.ts';
import { SqlRegistry } from '../redshift/sqlRegistry.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import { createRedshiftSession } from '../redshift/createRedshiftSession.ts';
import { SessionCache } from '../redshift/SessionCache.ts';
import { ApiError } from '../base/ApiError.ts';
import { awsClientsFor, type AwsClients } from '../aws/awsClientsFor.ts';
import { Collector } from './Collector.ts';
import {
  DEFAULT_COLLECTOR_SETTINGS,
  mergeSettings,
  type CollectorSettings,
  type CollectorSettingsOverride,
} from '../base/CollectorSettings.ts';
import { createJobs } from './jobs/createJobs.ts';
import { createMetricsJob } from './jobs/metricsJob.ts';
import { toConnection, type RunConnection } from './runConnection.ts';

export const DEFAULT_QUERIES_DIR = fileURLToPath(new URL('../../../queries', import.meta.url));
/** Key of the settings table row that overrides the collector's defaults (JSON, CollectorSettingsOverride). */
export const COLLECTOR_SETTINGS_KEY = 'collector';

export interface StartCollectorOptions {
  db: Database.Database;
  log: Logger;
  events: EventBus;
  repo: ConnectionRepository;
  vault: PasswordVault;
  demo: DemoCluster | null;
  queriesDir?: string;
  settings?: CollectorSettingsOverride;
  runConnections?: readonly RunConnection[];
  /** False when the store is open read-only: nothing is polled, so nothing is written. */
  collect?: boolean;
  /** After every job run on a connection (the alerts' hook). */
  onPass?: (connectionId: string) => void;
}

export function storedCollectorSettings(db: Database.Database): CollectorSettingsOverride | undefined {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(COLLECTOR_SETTINGS_KEY) as
    { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as CollectorSettingsOverride) : undefined;
}

export function startCollector(o: StartCollectorOptions): {
  collector: Collector;
  settings: CollectorSettings;
  access: ClusterAccess;
  stop(): Promise<void>;
} {
  const registry = SqlRegistry.load(o.queriesDir ?? DEFAULT_QUERIES_DIR);
  const settings = mergeSettings(DEFAULT_COLLECTOR_SETTINGS, storedCollectorSettings(o.db), o.settings);
  const createdAt = new Date().toISOString();
  const runOnly = new Map<string, { connection: Connection; password: string | undefined }>();
  for (const run of o.runConnections ?? []) {
    const connection = toConnection(run, createdAt);
    runOnly.set(connection.id, { connection, password: run.password });
  }

  const endpointFor = async (connection: Connection): Promise<PgEndpoint> => {
    const run = runOnly.get(connection.id);
    if (run && run.connection.target.kind === 'direct') {
      const t = run.connection.target;
      return {
        host: t.host,
        port: t.port,
        database: t.database,
        user: t.user,
        password: run.password ?? o.vault.resolve(connection.id, t, 'environment', null),
        ssl: pgSsl(t.sslMode),
      };
    }
    const stored = o.repo.get(connection.id);
    if (!stored) throw new Error('the connection was removed');
    return resolveEndpoint(stored.connection, {
      vault: o.vault,
      passwordSealed: stored.passwordSealed,
      demo: o.demo,
    });
  };

  const connectionById = (connectionId: string): Connection | undefined =>
    runOnly.get(connectionId)?.connection ?? o.repo.get(connectionId)?.connection;
  const isDemo = (connection: Connection | undefined) => connection?.target.kind === 'demo';
  let demoPolled = false;
  // Every job that runs on the connection has finished a run in this process (durationMs is per process).
  const firstPollDone = (connectionId: string) =>
    collector
      .status()
      .connections.find((c) => c.connectionId === connectionId)
      ?.jobs.every((j) => j.state.kind === 'skipped' || j.durationMs !== null) === true;
  const collector = new Collector({
    db: o.db,
    log: o.log,
    events: o.events,
    registry,
    settings,
    jobs: [...createJobs(settings), createMetricsJob({ intervalMs: settings.intervalsMs.metrics })],
    endpointFor,
    awsFor: (connection) => awsClientsFor(connection, o.demo),
    onPass: (connectionId) => {
      // The demo writes the history it missed while stopped once every job has had its first look.
      // Cheapest test first: once told (or with no demo to tell), a pass costs nothing here.
      const told = o.demo?.collectorPolled;
      if (!demoPolled && told && isDemo(connectionById(connectionId)) && firstPollDone(connectionId)) {
        demoPolled = true;
        told();
      }
      o.onPass?.(connectionId);
    },
    preparingFor: (connection) =>
      isDemo(connection) && o.demo?.progress ? demoProgressText(o.demo.progress()) : null,
    lateHistoryFor: (connection) =>
      isDemo(connection) && o.demo?.lateHistory ? () => o.demo!.lateHistory!() : null,
  });
  if (o.collect !== false)
    collector.start(
      o.repo.list(),
      [...runOnly.values()].map((r) => r.connection),
    );
  const awsClients = new Map<string, AwsClients | null>();
  const onDemand = new SessionCache(settings.onDemandIdleMs);
  const access: ClusterAccess = {
    connection: connectionById,
    async withSession(connectionId, fn, options) {
      const connection = connectionById(connectionId);
      if (!connection) throw new ApiError('not_found', 'There is no such connection.');
      const timeoutMs = options?.statementTimeoutMs ?? settings.statementTimeoutMs;
      return onDemand.use(
        `${connectionId}|${timeoutMs}`,
        () =>
          createRedshiftSession({
            name: `${connection.name} (on demand)`,
            resolve: () => endpointFor(connection),
            // Cached for a while now, so temporary cluster credentials are renewed like the collector's.
            credentialTtlMs: connection.target.kind === 'cluster' ? settings.clusterCredentialTtlMs : null,
            registry,
            log: o.log,
            statementTimeoutMs: timeoutMs,
            // A view runs a few statements at once; the collector's own pool is separate.
            maxClients: 3,
          }),
        fn,
      );
    },
    aws(connectionId) {
      const connection = connectionById(connectionId);
      if (!connection) return null;
      if (!awsClients.has(connectionId)) awsClients.set(connectionId, awsClientsFor(connection, o.demo));
      return awsClients.get(connectionId) ?? null;
    },
  };
  const unsubscribe = o.events.subscribe((event) => {
    if (event.name !== 'connections.changed') return;
    collector.sync(o.repo.list());
    // A changed or removed connection gets fresh AWS clients on its next on-demand use.
    for (const clients of awsClients.values()) clients?.destroy();
    awsClients.clear();
    void onDemand.closeAll();
  });
  return {
    collector,
    settings,
    access,
    async stop() {
      unsubscribe();
      await collector.stop();
      await onDemand.closeAll();
      for (const clients of awsClients.values()) clients?.destroy();
    },
  };
}
