// WLM admission of a session's statement: routes it to a service class and holds the client's message
// stream until it may run. That hold is what makes a statement "QueuedWaiting": it has not reached the
// engine at all. While held, a cancel is the proxy's to answer (with Redshift's wording, REFERENCE
// 2.2); once forwarded, the engine's.
import type { SessionInfo } from '../LiveRegistry.ts';
import { LiveStatement, type StatementHost, type StatementOwner } from '../LiveStatement.ts';
import { cancelledMessage, SQLSTATE_QUERY_CANCELED } from '../rewrites.ts';
import type { EngineLockPolicy } from './EngineLockPolicy.ts';
import type { PendingQueue } from './PendingQueue.ts';

/** PostgreSQL's message when statement_timeout fires; used for a statement that timed out queued. */
const STATEMENT_TIMEOUT_MESSAGE = 'canceling statement due to statement timeout';

/** What admission needs of its session. */
export interface AdmittingSession {
  isClosed(): boolean;
  readonly host: StatementHost;
  readonly lock: EngineLockPolicy;
  readonly pending: PendingQueue;
  /** The session's identity and settings as routing sees them now. */
  owner(info: SessionInfo): StatementOwner;
  sessionInfo(): Promise<SessionInfo>;
  /** statement_timeout in ms (0 = none): it also counts the time spent queued. */
  statementTimeoutMs(): number;
  /** Stops processing client messages until resume(). */
  block(): void;
  /** Processes client messages again (and lets the engine lock go if it may). */
  resume(): void;
  /** Asks the engine to send the responses it holds (a Flush). */
  flushEngine(): void;
  track(live: LiveStatement): void;
  /** The statement is over: free its slots and write its history. */
  finish(live: LiveStatement, aborted: boolean): Promise<void>;
  /** Holds the client's output until the history write `p` is done (ClientOutput.gate). */
  gate(p: Promise<void>): void;
  /** The admitted statement's transaction id, kept while the session's transaction lasts. */
  adoptXid(live: LiveStatement): void;
  takeCancelMessage(): string | null;
  fail(err: unknown): void;
}

/** A statement on its way through admit(): until it is forwarded, a cancel is the proxy's to answer. */
interface Hold {
  cancelled: boolean;
}

export class Admission {
  /** The statement in admit(), held by the proxy until forwarded. */
  private hold: Hold | null = null;

  constructor(private readonly session: AdmittingSession) {}

  /**
   * A cancel reached the session. True when a statement is held here: admit() refuses it when it comes
   * to forward it (and no engine cancel must go out: it would hit whatever the engine runs next).
   */
  cancelHeld(): boolean {
    if (this.hold === null) return false;
    this.hold.cancelled = true;
    return true;
  }

  /** The session closed: nothing is held any more. */
  drop(): void {
    this.hold = null;
  }

  /**
   * `run` forwards the held message; `refuse` answers with an error instead (slot count too high, or
   * cancelled while queued: REFERENCE 2.2 "Query (<id>) cancelled on user's request").
   */
  admit(
    text: string,
    run: (live: LiveStatement) => void,
    refuse: (sqlstate: string, message: string) => void,
  ): void {
    const s = this.session;
    s.block();
    const hold: Hold = { cancelled: false };
    this.hold = hold;
    s.lock.admitting = true;
    s.lock.maybeRelease();
    void (async () => {
      const info = await s.sessionInfo();
      if (s.isClosed()) return;
      if (s.pending.effectsUnsettled) {
        // A pipelined SET query_group / wlm_query_slot_count ahead of this statement has not completed:
        // routing must see its outcome, as it would on a server running statements one by one. Flush
        // makes PostgreSQL send the responses it holds until a Sync, which is still behind us. (The SET
        // is in flight, so on a single backend this session still holds the engine lock.)
        s.flushEngine();
        await s.pending.effectsSettled();
        if (s.isClosed()) return;
      }
      const admission = LiveStatement.admit(s.host, s.owner(info), text);
      if (admission.kind === 'rejected') {
        s.lock.admitting = false;
        if (!(await s.lock.acquire())) return;
        this.hold = null;
        refuse('53000', admission.message);
        s.resume();
        return;
      }
      const live = admission.statement;
      s.track(live);
      if (hold.cancelled) live.cancelQueued(); // cancelled before it was even routed
      let timedOut = false;
      const timeoutMs = s.statementTimeoutMs();
      const timer =
        live.queued && timeoutMs > 0
          ? setTimeout(() => {
              timedOut = live.cancelQueued();
            }, timeoutMs)
          : null;
      const admitted = await live.waitToRun();
      if (timer !== null) clearTimeout(timer);
      s.lock.admitting = false;
      if (!(await s.lock.acquire())) {
        // The session closed meanwhile (close() already cancelled the statement if it was queued).
        void s.finish(live, true);
        return;
      }
      // Nothing awaits from here until the statement is forwarded or refused: a cancel came either
      // before (hold.cancelled: the proxy answers it) or finds the statement in the engine.
      this.hold = null;
      s.adoptXid(live);
      if (!admitted || hold.cancelled) {
        // Cancelled while held (cancel request, pg_cancel_backend, CANCEL, statement_timeout).
        s.gate(s.finish(live, true));
        refuse(
          SQLSTATE_QUERY_CANCELED,
          timedOut ? STATEMENT_TIMEOUT_MESSAGE : cancelledMessage(live.id ?? 0, s.takeCancelMessage()),
        );
        s.resume();
        return;
      }
      run(live);
      s.resume();
    })().catch((err: unknown) => s.fail(err));
  }
}
