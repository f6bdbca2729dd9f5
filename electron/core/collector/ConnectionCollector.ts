// Everything the collector does for one connection: connect (with retries), detect capabilities, run
// each job on its own JobRunner, and stop cleanly (every in-flight statement aborted).
//
//   connecting ──session open──▶ connected ◀──a job succeeds──┐
//       ▲  │                        │                          │
//       │  └─connect failed─▶ failed (retried with backoff)   failed (the latest job failure lost the server)
//       └──────────────────────────┘
//   stopped: after stop().
import type Database from 'better-sqlite3';
import type { Capability, ConnectionCollectorStatus } from '../../../shared/model/collector.ts';
import type { Connection } from '../../../shared/model/connection.ts';
import { pause } from '../base/pause.ts';
import type { Logger } from '../base/Logger.ts';
import { createRedshiftSession } from '../redshift/createRedshiftSession.ts';
import { isConnectionError } from '../redshift/isConnectionError.ts';
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';
import type { PgEndpoint } from '../redshift/resolveEndpoint.ts';
import type { SqlRegistry } from '../redshift/sqlRegistry.ts';
import { CollectionGaps } from '../store/history/CollectionGaps.ts';
import { Watermarks } from '../store/history/Watermarks.ts';
import type { AwsClients } from '../aws/awsClientsFor.ts';
import { backoffDelay } from './backoff.ts';
import type { CollectorSettings } from '../base/CollectorSettings.ts';
import { describeError } from '../base/describeError.ts';
import type { JobDefinition } from './Job.ts';
import { JobRunner } from './JobRunner.ts';

/** Jobs start a little apart so a new connection does not get every statement at once. */
const STAGGER_MS = 150;
/** How often a preparing cluster's progress is looked at while connecting. */
const PREPARING_POLL_MS = 500;

export interface ConnectionCollectorDeps {
  connection: Connection;
  db: Database.Database;
  log: Logger;
  registry: SqlRegistry;
  settings: CollectorSettings;
  jobs: JobDefinition[];
  endpoint(): Promise<PgEndpoint>;
  aws: AwsClients | null;
  now(): Date;
  onChange(): void;
  /** A job's run on this connection finished (the collector's "pass"; alerts evaluate after it). */
  onPass?(connectionId: string): void;
  /**
   * What the cluster is still doing before it can be reached or while it is (the demo generating its
   * history).
   */
  preparing?: () => string | null;
  /**
   * Resolves true once the cluster has written older history behind what the jobs may have read
   * already (the demo's first start writes its history newest night first while it is reachable):
   * every job then reads again from the start.
   */
  lateHistory?: () => Promise<boolean>;
  /** Opens the session; tests may wrap it. */
  openSession?: typeof createRedshiftSession;
}

type ConnState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'failed'; error: string; attempt: number; since: number }
  | { kind: 'connected'; session: RedshiftSession }
  | { kind: 'stopped' };

export class ConnectionCollector {
  private state: ConnState = { kind: 'connecting', attempt: 0 };
  private readonly runners: JobRunner[];
  private readonly stopping = new AbortController();
  private connecting: Promise<void> | null = null;
  private preparingWatch: NodeJS.Timeout | undefined;

  constructor(private readonly d: ConnectionCollectorDeps) {
    const gaps = new CollectionGaps(d.db);
    const watermarks = new Watermarks(d.db);
    this.runners = d.jobs.map(
      (job) =>
        new JobRunner({
          connectionId: d.connection.id,
          job,
          intervalMs: d.settings.intervalsMs[job.name] ?? job.defaultIntervalMs,
          connectionBackoffCapMs: d.settings.connectionBackoffCapMs,
          failureBackoffCapMs: d.settings.failureBackoffCapMs,
          context: (signal) => this.context(signal),
          gaps,
          watermarks,
          db: d.db,
          log: d.log,
          now: d.now,
          onChange: d.onChange,
          onRunSettled: () => d.onPass?.(d.connection.id),
        }),
    );
  }

  get connectionId(): string {
    return this.d.connection.id;
  }

  start(): void {
    if (this.connecting) return;
    this.watchPreparing();
    this.connecting = this.connectWithRetries();
    // A demo that did not start says so through the connection's own state.
    void this.d
      .lateHistory?.()
      .then((late) => {
        if (late && this.state.kind !== 'stopped')
          for (const runner of this.runners) runner.readAgainFromStart();
      })
      .catch(() => undefined);
  }

  status(): ConnectionCollectorStatus {
    const s = this.state;
    const session = s.kind === 'connected' ? s.session : null;
    let state: ConnectionCollectorStatus['state'] = s.kind;
    let lastError = s.kind === 'failed' ? s.error : null;
    let failingSince = s.kind === 'failed' ? s.since : null;
    if (s.kind === 'connected') {
      // The connection is "failed" while the most recent job outcome is a lost server.
      const latest = this.runners
        .map((r) => r.lastOutcome())
        .filter((o) => o !== null)
        .sort((a, b) => b.at - a.at)[0];
      if (latest?.connectionLost) {
        state = 'failed';
        lastError = latest.error;
        failingSince = latest.failingSince;
      }
    }
    return {
      connectionId: this.d.connection.id,
      name: this.d.connection.name,
      state,
      capabilities: session ? [...session.capabilities] : null,
      serverVersion: session ? session.serverVersion : null,
      lastError,
      failingSince: failingSince === null ? null : new Date(failingSince).toISOString(),
      preparing: s.kind === 'connecting' || s.kind === 'connected' ? (this.d.preparing?.() ?? null) : null,
      jobs: this.runners.map((r) => r.status()),
    };
  }

  async stop(): Promise<void> {
    const previous = this.state;
    this.state = { kind: 'stopped' };
    this.stopping.abort();
    clearInterval(this.preparingWatch);
    await Promise.all(this.runners.map((r) => r.stop()));
    await this.connecting?.catch(() => undefined);
    if (previous.kind === 'connected') await previous.session.close();
    this.d.aws?.destroy();
    this.d.onChange();
  }

  /**
   * While the cluster prepares, its progress is news: say so as it moves, not only when it is done;
   * until it is done and the connection is no longer being opened.
   */
  private watchPreparing(): void {
    let preparing = this.d.preparing?.() ?? null;
    this.preparingWatch = setInterval(() => {
      const now = this.d.preparing?.() ?? null;
      if (now !== preparing) {
        preparing = now;
        this.d.onChange();
      }
      if (now === null && this.state.kind !== 'connecting') clearInterval(this.preparingWatch);
    }, PREPARING_POLL_MS);
  }

  private async connectWithRetries(): Promise<void> {
    let attempt = 0;
    while (!this.stopping.signal.aborted) {
      attempt++;
      try {
        const open = this.d.openSession ?? createRedshiftSession;
        const session = await open({
          name: this.d.connection.name,
          resolve: () => this.d.endpoint(),
          credentialTtlMs:
            this.d.connection.target.kind === 'cluster' ? this.d.settings.clusterCredentialTtlMs : null,
          registry: this.d.registry,
          log: this.d.log,
          statementTimeoutMs: this.d.settings.statementTimeoutMs,
        });
        if (this.stopping.signal.aborted) {
          await session.close();
          return;
        }
        this.state = { kind: 'connected', session };
        this.d.log.info(
          `collector: ${this.d.connection.name} connected (${session.capabilities.join(', ') || 'no Redshift system views'})`,
        );
        this.startJobs(session.capabilities);
        this.d.onChange();
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        const message = describeError(error);
        if (attempt === 1)
          this.d.log.warn(`collector: cannot connect to ${this.d.connection.name}: ${message}`);
        const since = this.state.kind === 'failed' ? this.state.since : this.d.now().getTime();
        this.state = { kind: 'failed', error: message, attempt, since };
        this.d.onChange();
        const delay = backoffDelay({
          connectionLost: isConnectionError(error),
          failures: attempt,
          intervalMs: 30_000,
          connectionCapMs: this.d.settings.connectionBackoffCapMs,
          failureCapMs: 60_000,
        });
        await pause(delay, this.stopping.signal);
      }
    }
  }

  private startJobs(capabilities: Capability[]): void {
    let delay = 0;
    for (const runner of this.runners) {
      const job = this.d.jobs.find((j) => j.name === runner.name)!;
      const reason = this.skipReason(job, capabilities);
      if (reason) runner.skip(reason);
      else {
        runner.start(delay);
        delay += STAGGER_MS;
      }
    }
  }

  private skipReason(job: JobDefinition, capabilities: Capability[]): string | null {
    if (job.requires.length > 0 && !job.requires.some((c) => capabilities.includes(c))) {
      return job.requires.includes('provisioned') && job.requires.length === 1
        ? 'needs a provisioned cluster (STL/STV system views), which this connection cannot read'
        : 'needs the Redshift system views (STL/STV or SYS), which this connection cannot read';
    }
    if (job.needsCloudWatch && !this.d.aws?.cloudwatch)
      return 'needs CloudWatch, which only cluster connections reach';
    if (job.needsRedshiftApi && !this.d.aws?.redshift)
      return 'needs the Redshift API, which only cluster connections reach';
    return null;
  }

  private context(signal: AbortSignal) {
    const s = this.state;
    if (s.kind !== 'connected') throw new Error('not connected');
    return {
      connectionId: this.d.connection.id,
      signal,
      db: this.d.db,
      redshift: s.session,
      cloudwatch: this.d.aws?.cloudwatch ?? null,
      redshiftApi: this.d.aws?.redshift ?? null,
      capabilities: s.session.capabilities,
      log: this.d.log,
      now: this.d.now,
    };
  }
}
