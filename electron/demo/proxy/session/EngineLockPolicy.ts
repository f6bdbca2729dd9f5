// When a session on a single-backend engine (PGlite) holds the proxy-wide engine lock (UpstreamLock.ts):
// from the first message of a sequence it forwards up to the ReadyForQuery that ends it. With a
// multi-backend engine there is no lock and a session may always write.
import type { UpstreamLock } from '../UpstreamLock.ts';

/** What the policy reads of its session when deciding to let the lock go. */
export interface LockedSession {
  isClosed(): boolean;
  /** The engine has not answered everything the session sent. */
  awaitingEngine(): boolean;
  /** The engine's transaction status is not idle ('T' or 'E'). */
  inTransaction(): boolean;
  /** The session's output waits for a history write (ClientOutput.gated). */
  outputGated(): boolean;
}

export class EngineLockPolicy {
  /** Releases the lock while this session holds it. */
  private release: (() => void) | null = null;
  /** Extended-protocol messages went upstream since the last Sync: the sequence is not over. */
  sequenceOpen = false;
  /** A statement is being admitted (registry write, WLM queue): the session must not keep the lock. */
  admitting = false;

  constructor(
    private readonly lock: UpstreamLock | null,
    private readonly session: LockedSession,
  ) {}

  /** The session may write to the engine right now. */
  get free(): boolean {
    return this.lock === null || this.release !== null;
  }

  /** Resolves true once the session may write to the engine (false: it closed meanwhile). */
  async acquire(): Promise<boolean> {
    if (this.session.isClosed()) return false;
    if (this.lock !== null && this.release === null) {
      const release = await this.lock.acquire();
      if (this.session.isClosed() || this.release !== null) release();
      else this.release = release;
    }
    return !this.session.isClosed();
  }

  /**
   * Lets the lock go once the engine has answered everything this session sent, no extended-protocol
   * sequence is open (its Sync's ReadyForQuery came back) and no transaction block either
   * (pglite-socket itself holds back other connections' messages during one, so a session waiting for
   * the lock there would never get the engine back to its owner). A sequence left open by a Flush is
   * kept - another session's messages in it would clobber its unnamed statement / portal, or run
   * inside its implicit transaction - unless the session waits on the proxy itself: a statement being
   * admitted (admission writes the registry through the admin connection, which needs the lock; and a
   * statement queued in WLM must not block the statements whose slots it waits for), or output held
   * until a finished statement's history is written (ClientOutput.gate: again the admin connection).
   * So on a single backend a Flush-held sequence is only contiguous up to its next admitted or
   * finished statement (a cursor-style portal fetched in parts may lose its unnamed portal).
   */
  maybeRelease(): void {
    const release = this.release;
    if (release === null || this.session.awaitingEngine()) return;
    const busy = this.sequenceOpen || this.session.inTransaction();
    if (busy && !this.admitting && !this.session.outputGated()) return;
    this.release = null;
    release();
  }

  /** The session is closing: hands over the release (null when the lock is not held). */
  take(): (() => void) | null {
    const release = this.release;
    this.release = null;
    return release;
  }
}
