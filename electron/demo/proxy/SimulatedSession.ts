// A session that exists only in the live registry: its statements go through WLM admission and show
// up in STV_SESSIONS / STV_RECENTS / STV_INFLIGHT / STV_WLM_QUERY_STATE and the history exactly like
// real ones, but nothing runs in the engine - a statement "runs" for the given time.
//
// Why: on the embedded engine (PGlite) every connection shares one backend, so a real
// `SELECT pg_sleep(60)` would stall every session, the app's monitoring included, and nothing can be
// cancelled there. The live workload therefore simulates its long statements on PGlite. The sessions
// get virtual pids (>= 2^30, like Redshift's large pids, REFERENCE 1.1), and pg_cancel_backend /
// pg_terminate_backend / CANCEL on those pids reach them through the proxy's notifications (live.sql).
import type { SessionInfo } from './LiveRegistry.ts';
import { nowMs } from './LiveRegistry.ts';
import { LiveStatement, type StatementHost } from './LiveStatement.ts';
import type { SessionHandle } from './SessionHandle.ts';

export type SimulatedOutcome = 'completed' | 'cancelled' | 'terminated' | 'refused';

export interface SimulatedSessionHost extends StatementHost {
  unregister(session: SessionHandle): void;
}

export class SimulatedSession implements SessionHandle {
  private queryGroup: string | null = null;
  private slotCount = 1;
  private current: { live: LiveStatement; stop: (o: SimulatedOutcome) => void } | null = null;
  private ended = false;

  private constructor(
    private readonly host: SimulatedSessionHost,
    readonly pid: number,
    readonly secret: number,
    readonly userName: string,
    readonly database: string,
    private readonly info: SessionInfo,
  ) {}

  static async open(
    host: SimulatedSessionHost,
    key: { pid: number; secret: number },
    userName: string,
    database: string,
  ): Promise<SimulatedSession> {
    const info = await host.registry.sessionStart({
      pid: key.pid,
      userName,
      database,
      startedAt: nowMs(),
      virtual: true,
    });
    return new SimulatedSession(host, key.pid, key.secret, userName, database, info);
  }

  get closed(): boolean {
    return this.ended;
  }

  /** `SET query_group TO ...` (null = RESET): routes later statements (REFERENCE 2.4). */
  setQueryGroup(label: string | null): void {
    this.queryGroup = label;
  }

  /** `SET wlm_query_slot_count TO n`. */
  setSlotCount(n: number): void {
    this.slotCount = n;
  }

  /**
   * "Runs" one statement: waits for WLM like a real one, then takes `durationMs`. Resolves with how
   * it ended; cancelled and terminated statements are recorded as aborted (REFERENCE 6.3).
   */
  async run(text: string, durationMs: number): Promise<SimulatedOutcome> {
    if (this.ended) return 'terminated';
    if (this.current !== null) throw new Error('a simulated session runs one statement at a time');
    const admission = LiveStatement.admit(
      this.host,
      {
        pid: this.pid,
        userName: this.userName,
        database: this.database,
        info: this.info,
        queryGroup: this.queryGroup,
        slotCount: this.slotCount,
        xid: null,
      },
      text,
    );
    if (admission.kind === 'rejected') return 'refused';
    const live = admission.statement;
    let stop: (o: SimulatedOutcome) => void = () => {};
    const stopped = new Promise<SimulatedOutcome>((resolve) => {
      stop = resolve;
    });
    this.current = { live, stop };
    try {
      if (!(await live.waitToRun())) {
        await live.finish(true);
        return this.ended ? 'terminated' : 'cancelled';
      }
      if (this.ended) {
        await live.finish(true);
        return 'terminated';
      }
      const timer = setTimeout(() => stop('completed'), durationMs);
      const outcome = await stopped;
      clearTimeout(timer);
      await live.finish(outcome !== 'completed');
      return outcome;
    } finally {
      this.current = null;
    }
  }

  cancel(): void {
    const c = this.current;
    if (c === null) return;
    if (c.live.queued) c.live.cancelQueued();
    else c.stop('cancelled');
  }

  terminate(): void {
    this.close();
  }

  /** No client to show a message to. */
  expectCancel(): void {}

  /** Ends the session; a statement in progress is aborted. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    const c = this.current;
    if (c !== null) {
      if (c.live.queued) c.live.cancelQueued();
      else c.stop('terminated');
    }
    this.host.unregister(this);
    this.host.registry.sessionEnd(this.pid);
  }
}
