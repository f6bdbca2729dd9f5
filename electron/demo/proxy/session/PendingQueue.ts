// The FIFO that matches the engine's responses to the client messages that caused them: which
// CommandComplete belongs to which statement, and when a statement (or a whole query string, or an
// extended-protocol sequence) is over. It also tracks SETs still in flight, because WLM routing of a
// later pipelined statement must wait for their outcome.
import type { LiveStatement } from '../LiveStatement.ts';
import type { PlannedStatement } from '../rewrites.ts';

/** A forwarded client message whose response has not been fully seen yet. */
export interface Pending {
  kind: 'P' | 'B' | 'D' | 'E' | 'C' | 'S' | 'Q' | 'F';
  /** Q: the statements of the query string; E: the portal's statement. */
  statements: PlannedStatement[];
  /** Q: index of the statement the next CommandComplete belongs to. */
  index: number;
  live: LiveStatement | null;
  /** Injected by the proxy: its ParseComplete / BindComplete is not shown to the client. */
  swallow: boolean;
}

/** Entries ended by a ReadyForQuery: a Sync, a simple Query, a FunctionCall. */
export function endsWithReady(entry: Pending): boolean {
  return entry.kind === 'S' || entry.kind === 'Q' || entry.kind === 'F';
}

export class PendingQueue {
  private readonly entries: Pending[] = [];
  /** Forwarded statements with a setting effect whose outcome is not known yet. */
  private unsettledEffects = 0;
  private effectWaiters: (() => void)[] = [];

  get length(): number {
    return this.entries.length;
  }

  get head(): Pending | undefined {
    return this.entries[0];
  }

  push(entry: Pending): void {
    if (entry.statements.some((st) => st.effect !== undefined)) this.unsettledEffects++;
    this.entries.push(entry);
  }

  /** Removes the oldest entry; wakes admissions waiting for earlier SETs to take effect. */
  shift(): Pending | undefined {
    const entry = this.entries.shift();
    if (entry !== undefined && entry.statements.some((st) => st.effect !== undefined)) {
      this.unsettledEffects--;
      if (this.unsettledEffects === 0) this.wakeEffectWaiters();
    }
    return entry;
  }

  /** A Sync is still on its way: an extended-protocol error skips only up to it. */
  hasSync(): boolean {
    return this.entries.some((p) => p.kind === 'S');
  }

  /** ReadyForQuery messages the engine still owes. */
  readyExpected(): number {
    return this.entries.filter(endsWithReady).length;
  }

  /** A SET ahead has not completed: routing must wait for it (effectsSettled). */
  get effectsUnsettled(): boolean {
    return this.unsettledEffects > 0;
  }

  /** Resolves once every forwarded SET has completed (or the session closed: wakeEffectWaiters). */
  effectsSettled(): Promise<void> {
    return new Promise<void>((resolve) => this.effectWaiters.push(resolve));
  }

  wakeEffectWaiters(): void {
    const waiters = this.effectWaiters.splice(0);
    for (const w of waiters) w();
  }
}
