// The collector (DESIGN.md §3): one ConnectionCollector per connection, started with the core for every
// saved connection (and those given on the command line), kept in step with the saved connections,
// and reporting its status as a 'collector.status' event (at most twice a second) on every change.
// Retention runs at start and every hour.
import type Database from 'better-sqlite3';
import type { CollectorStatus } from '../../../shared/model/collector.ts';
import type { Connection } from '../../../shared/model/connection.ts';
import type { EventBus } from '../base/EventBus.ts';
import type { Logger } from '../base/Logger.ts';
import type { PgEndpoint } from '../redshift/resolveEndpoint.ts';
import type { SqlRegistry } from '../redshift/sqlRegistry.ts';
import { applyRetention } from '../store/history/applyRetention.ts';
import { awsClientsFor, type AwsClients } from '../aws/awsClientsFor.ts';
import type { CollectorSettings } from '../base/CollectorSettings.ts';
import { ConnectionCollector, type ConnectionCollectorDeps } from './ConnectionCollector.ts';
import type { JobDefinition } from './Job.ts';
import { throttle } from './throttle.ts';

const RETENTION_EVERY_MS = 3_600_000;
const RETENTION_FIRST_AFTER_MS = 60_000;

export interface CollectorDeps {
  db: Database.Database;
  log: Logger;
  events: EventBus;
  registry: SqlRegistry;
  settings: CollectorSettings;
  jobs: JobDefinition[];
  /** Where to connect for a connection (resolveEndpoint for saved ones). */
  endpointFor(connection: Connection): Promise<PgEndpoint>;
  awsFor?: (connection: Connection) => AwsClients | null;
  /** What a connection's cluster is still doing before it can be reached (the demo starting). */
  preparingFor?: (connection: Connection) => string | null;
  /** See ConnectionCollectorDeps.lateHistory; null for a connection whose history never comes late. */
  lateHistoryFor?: (connection: Connection) => (() => Promise<boolean>) | null;
  now?: () => Date;
  openSession?: ConnectionCollectorDeps['openSession'];
  /** After every job run on a connection (alerts hook in here, in the app and in serve alike). */
  onPass?: (connectionId: string) => void;
}

export class Collector {
  private readonly collectors = new Map<string, ConnectionCollector>();
  /** Connections collected for this run only (serve --connection): sync() leaves them alone. */
  private readonly pinned = new Set<string>();
  private running = false;
  private retentionTimer: NodeJS.Timeout | undefined;
  private retention: Promise<void> | null = null;
  private readonly emit = throttle(() => this.d.events.emit('collector.status', this.status()), 500);

  constructor(private readonly d: CollectorDeps) {}

  start(connections: readonly Connection[], pinned: readonly Connection[] = []): void {
    if (this.running) return;
    this.running = true;
    for (const c of pinned) this.pinned.add(c.id);
    for (const c of [...connections, ...pinned]) this.add(c);
    this.retentionTimer = setTimeout(() => this.runRetention(), RETENTION_FIRST_AFTER_MS);
    this.retentionTimer.unref?.();
    this.emit();
  }

  /** Brings the collected set in line with the saved connections (pinned ones stay). */
  sync(saved: readonly Connection[]): void {
    if (!this.running) return;
    const wanted = new Set(saved.map((c) => c.id));
    for (const c of saved) if (!this.collectors.has(c.id)) this.add(c);
    for (const id of [...this.collectors.keys()]) {
      if (!wanted.has(id) && !this.pinned.has(id)) void this.remove(id);
    }
  }

  status(): CollectorStatus {
    return { running: this.running, connections: [...this.collectors.values()].map((c) => c.status()) };
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.retentionTimer);
    const all = [...this.collectors.values()];
    this.collectors.clear();
    await Promise.all(all.map((c) => c.stop()));
    await this.retention?.catch(() => undefined);
    this.emit.cancel();
    this.d.events.emit('collector.status', this.status());
  }

  private add(connection: Connection): void {
    const now = this.d.now ?? (() => new Date());
    const collector = new ConnectionCollector({
      connection,
      db: this.d.db,
      log: this.d.log,
      registry: this.d.registry,
      settings: this.d.settings,
      jobs: this.d.jobs,
      endpoint: () => this.d.endpointFor(connection),
      aws: this.d.awsFor ? this.d.awsFor(connection) : awsClientsFor(connection, null),
      now,
      onChange: () => this.emit(),
      ...(this.d.onPass ? { onPass: this.d.onPass } : {}),
      ...(this.d.preparingFor ? { preparing: () => this.d.preparingFor!(connection) } : {}),
      ...(this.d.openSession ? { openSession: this.d.openSession } : {}),
      ...lateHistoryOf(this.d.lateHistoryFor?.(connection) ?? null),
    });
    this.collectors.set(connection.id, collector);
    collector.start();
    this.emit();
  }

  private async remove(id: string): Promise<void> {
    const collector = this.collectors.get(id);
    if (!collector) return;
    this.collectors.delete(id);
    await collector.stop();
    this.emit();
  }

  private runRetention(): void {
    if (!this.running) return;
    const now = (this.d.now ?? (() => new Date()))();
    this.retention = applyRetention(this.d.db, this.d.settings.retentionDays, now, () => this.running)
      .then(() => undefined)
      .catch((error: unknown) => this.d.log.warn('collector: retention failed', error))
      .finally(() => {
        if (!this.running) return;
        this.retentionTimer = setTimeout(() => this.runRetention(), RETENTION_EVERY_MS);
        this.retentionTimer.unref?.();
      });
  }
}

const lateHistoryOf = (lateHistory: (() => Promise<boolean>) | null) => (lateHistory ? { lateHistory } : {});
