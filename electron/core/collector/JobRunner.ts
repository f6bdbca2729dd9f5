// Runs one job on one connection: timing, single-flight, backoff, state and gap recording (the job
// itself only does one run, see Job.ts). The state it reports is shared/model/collector.ts's JobState:
//
//                 ┌──────────────── timer (interval, or at once when the run asked for more) ─────┐
//                 ▼                                                                              │
//   never-run ──start──▶ running ──success──▶ ok ────────────────────────────────────────────────┘
//                          │   ▲
//                          │   └── backoff ──┐   (exponential with jitter; short cap when the server is gone)
//                          └──failure──▶ failing (since the first failure in a row; retrying while a retry runs)
//
//   skipped: the connection lacks what the job needs; it never runs.   stopped: after stop().
//   Stale (no success for 2 × interval) is judged by readers from lastSuccessAt and the clock.
//
// Single-flight: a run starts only from the timer, and the timer is only set when no run is in flight.
// A failure opens a collection gap from the last success; the next success closes it. A success long
// after the previous one (Nightshift was not running) records that span as a gap too.
import type Database from 'better-sqlite3';
import type { BackfillProgress, JobState, JobStatus } from '../../../shared/model/collector.ts';
import type { Logger } from '../base/Logger.ts';
import { isConnectionError } from '../redshift/isConnectionError.ts';
import type { CollectionGaps } from '../store/history/CollectionGaps.ts';
import type { Watermarks } from '../store/history/Watermarks.ts';
import { backoffDelay } from './backoff.ts';
import { describeError } from '../base/describeError.ts';
import type { JobContext, JobDefinition, JobRunResult } from './Job.ts';

type RunnerState =
  | { kind: 'idle' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'running'; startedAt: number; abort: AbortController; done: Promise<void> }
  | { kind: 'ok'; at: number }
  | { kind: 'failed'; at: number; error: string; connectionLost: boolean }
  | { kind: 'stopped' };

export interface JobRunnerDeps {
  connectionId: string;
  job: JobDefinition;
  intervalMs: number;
  connectionBackoffCapMs: number;
  failureBackoffCapMs: number;
  context(signal: AbortSignal): JobContext;
  gaps: CollectionGaps;
  watermarks: Watermarks;
  db: Database.Database;
  log: Logger;
  now(): Date;
  onChange(): void;
  /** A run finished (succeeded or failed): what the store holds may have changed (alerts evaluate). */
  onRunSettled?(): void;
}

export class JobRunner {
  private state: RunnerState = { kind: 'idle' };
  private timer: NodeJS.Timeout | undefined;
  private nextRunAt: number | null = null;
  private lastRunAt: number | null = null;
  private lastSuccessAt: number | null;
  /** The first failure of the current streak (epoch ms); null after a success. */
  private failingSince: number | null = null;
  private lastError: string | null = null;
  private consecutiveFailures = 0;
  private rowsRead = 0;
  private durationMs: number | null = null;
  private backfill: BackfillProgress | null = null;
  /** The next run reads everything again from the start (readAgainFromStart). */
  private fromStart = false;

  constructor(private readonly d: JobRunnerDeps) {
    const saved = d.watermarks.get(d.connectionId, d.job.name);
    this.lastSuccessAt = saved?.lastSuccessUs ? Math.floor(saved.lastSuccessUs / 1000) : null;
  }

  get name() {
    return this.d.job.name;
  }

  skip(reason: string): void {
    this.state = { kind: 'skipped', reason };
    this.d.onChange();
  }

  start(delayMs = 0): void {
    if (this.state.kind !== 'idle') return;
    this.schedule(delayMs);
  }

  /**
   * Older history appeared behind this job's cursors (the demo cluster writes its history while it is
   * already reachable, newest night first): the next run, at once, reads everything again from the
   * start, which the upserts make free of duplicates.
   */
  readAgainFromStart(): void {
    this.fromStart = true;
    if (this.state.kind === 'ok' || this.state.kind === 'failed') this.schedule(0);
  }

  /** The most recent outcome, for the connection's own state. */
  lastOutcome(): {
    at: number;
    connectionLost: boolean;
    error: string | null;
    failingSince: number | null;
  } | null {
    const s = this.state;
    if (s.kind === 'failed') {
      const failingSince = this.failingSince ?? s.at;
      return { at: s.at, connectionLost: s.connectionLost, error: s.error, failingSince };
    }
    if (s.kind === 'ok') return { at: s.at, connectionLost: false, error: null, failingSince: null };
    return null;
  }

  status(): JobStatus {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      job: this.d.job.name,
      state: this.publicState(),
      intervalMs: this.d.intervalMs,
      lastRunAt: iso(this.lastRunAt),
      lastSuccessAt: iso(this.lastSuccessAt),
      consecutiveFailures: this.consecutiveFailures,
      rowsRead: this.rowsRead,
      durationMs: this.durationMs,
      nextRunAt: iso(this.nextRunAt),
      backfill: this.backfill,
    };
  }

  private publicState(): JobState {
    const s = this.state;
    const iso = (t: number) => new Date(t).toISOString();
    switch (s.kind) {
      case 'idle':
        return { kind: 'never-run' };
      case 'running':
        // A retry after failures is still failing until it succeeds.
        if (this.failingSince !== null && this.lastError !== null)
          return { kind: 'failing', since: iso(this.failingSince), error: this.lastError, retrying: true };
        return { kind: 'running', since: iso(s.startedAt) };
      case 'ok':
        return { kind: 'ok', since: iso(s.at) };
      case 'failed':
        return { kind: 'failing', since: iso(this.failingSince ?? s.at), error: s.error, retrying: false };
      case 'skipped':
        return { kind: 'skipped', reason: s.reason };
      case 'stopped':
        return { kind: 'stopped' };
    }
  }

  /** Clears the timer and aborts the run in flight; resolves when it has settled. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextRunAt = null;
    const s = this.state;
    this.state = { kind: 'stopped' };
    if (s.kind === 'running') {
      s.abort.abort(new Error('collector stopped'));
      await s.done;
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.nextRunAt = this.d.now().getTime() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runOnce();
    }, delayMs);
    this.timer.unref?.();
  }

  private runOnce(): void {
    if (this.state.kind === 'running' || this.state.kind === 'stopped' || this.state.kind === 'skipped')
      return;
    if (this.fromStart) {
      this.fromStart = false;
      this.d.watermarks.rewind(this.d.connectionId, this.d.job.name);
    }
    const abort = new AbortController();
    const startedAt = this.d.now().getTime();
    this.nextRunAt = null;
    this.lastRunAt = startedAt;
    const done = this.d.job
      .run({ ...this.d.context(abort.signal), progress: (backfill) => this.reportProgress(backfill) })
      .then(
        (result) => this.succeeded(result, startedAt),
        (error: unknown) => this.failed(error, startedAt, abort.signal),
      )
      .catch((error: unknown) => {
        // Bookkeeping itself failed (e.g. the store is closing): report it, keep the process alive.
        this.d.log.error(
          `collector: ${this.d.job.name} on ${this.d.connectionId}: bookkeeping failed`,
          error,
        );
      });
    this.state = { kind: 'running', startedAt, abort, done };
    this.d.onChange();
  }

  private reportProgress(backfill: BackfillProgress): void {
    if (this.state.kind !== 'running') return;
    this.backfill = backfill;
    this.d.onChange();
  }

  private succeeded(result: JobRunResult, startedAt: number): void {
    if (this.state.kind === 'stopped') return;
    const now = this.d.now().getTime();
    const nowUs = now * 1000;
    const previous = this.lastSuccessAt;
    const { connectionId, job } = this.d;
    this.d.db.transaction(() => {
      const closed = this.d.gaps.close(connectionId, job.name, nowUs);
      if (!closed && previous !== null && now - previous > 2 * this.d.intervalMs + 60_000) {
        this.d.gaps.record(
          connectionId,
          job.name,
          previous * 1000,
          nowUs,
          'not collected (Nightshift was not running)',
        );
      }
      this.d.watermarks.succeeded(connectionId, job.name, nowUs);
    })();
    this.lastSuccessAt = now;
    this.lastError = null;
    this.failingSince = null;
    this.consecutiveFailures = 0;
    this.rowsRead = result.rowsRead;
    this.durationMs = now - startedAt;
    if (result.backfill) this.backfill = result.backfill;
    else if (this.backfill && !this.backfill.done)
      this.backfill = { ...this.backfill, remaining: 0, done: true };
    this.state = { kind: 'ok', at: now };
    // A run that wants more (backfill pages) goes again at once, after the other jobs had a turn.
    this.schedule(result.more || this.fromStart ? 10 : this.d.intervalMs);
    this.d.onChange();
    this.d.onRunSettled?.();
  }

  private failed(error: unknown, startedAt: number, signal: AbortSignal): void {
    if (this.state.kind === 'stopped' || signal.aborted) return;
    const now = this.d.now().getTime();
    const connectionLost = isConnectionError(error);
    const message = describeError(error);
    this.consecutiveFailures++;
    this.lastError = message;
    this.failingSince ??= now;
    this.durationMs = now - startedAt;
    this.rowsRead = 0;
    const { connectionId, job } = this.d;
    this.d.gaps.open(connectionId, job.name, (this.lastSuccessAt ?? startedAt) * 1000, message);
    if (this.consecutiveFailures === 1)
      this.d.log.warn(`collector: ${job.name} on ${connectionId} failed: ${message}`);
    this.state = { kind: 'failed', at: now, error: message, connectionLost };
    this.schedule(
      backoffDelay({
        connectionLost,
        failures: this.consecutiveFailures,
        intervalMs: this.d.intervalMs,
        connectionCapMs: this.d.connectionBackoffCapMs,
        failureCapMs: this.d.failureBackoffCapMs,
      }),
    );
    this.d.onChange();
    this.d.onRunSettled?.();
  }
}
