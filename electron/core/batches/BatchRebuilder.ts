// Runs the stepwise rebuilds of the batch rollups (store/batches/BatchRebuild.ts) in the background:
// a slice of nights (~40 ms) at a time, yielding to the event loop between slices so API calls and
// the collector keep going, with the progress pushed as 'batches.rebuild' events. Kicked when
// settings change and once at start (a rebuild left by a restart or by a migration resumes).
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { EventBus } from '../base/EventBus.ts';
import type { Logger } from '../base/Logger.ts';
import { pendingRebuilds, rebuildSlice } from '../store/batches/BatchRebuild.ts';

/** Work per slice: long enough to make progress, short enough that nobody notices the wait. */
const SLICE_MS = 40;

export class BatchRebuilder {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: { db: Database.Database; events: EventBus; log: Pick<Logger, 'warn'> },
  ) {}

  /** Starts working through the pending rebuilds (or notes to look again when already working). */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      for (const connectionId of pendingRebuilds(this.deps.db)) {
        for (;;) {
          if (this.stopped) return;
          let p;
          try {
            p = rebuildSlice(this.deps.db, connectionId, SLICE_MS);
          } catch (error) {
            this.deps.log.warn(`batches: rebuilding the nights of ${connectionId} failed: ${String(error)}`);
            break;
          }
          this.deps.events.emit('batches.rebuild', p);
          if (p.finished) break;
          await yieldToLoop();
        }
      }
    } while (this.again && !this.stopped);
  }
}
