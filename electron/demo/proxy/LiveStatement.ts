// One statement under WLM, from admission to its history row. Shared by proxied sessions (whose
// statements run in the engine) and simulated sessions (whose statements only take time):
//
//   admitStatement() ──> QueuedWaiting ──slots free──> Running ──finish()──> Done (+ record_query)
//                             └──────────cancel─────────────────────finish(aborted)
import type { LiveRegistry, LiveStatementView, SessionInfo } from './LiveRegistry.ts';
import { nowMs } from './LiveRegistry.ts';
import type { ProxyLog } from './ProxyLog.ts';
import type { Ticket, WlmController } from './Wlm.ts';

const RETURNING_AFTER_MS = 100;

export interface StatementHost {
  wlm: WlmController;
  registry: LiveRegistry;
  log: ProxyLog;
}

export interface StatementOwner {
  pid: number;
  userName: string;
  database: string;
  info: SessionInfo;
  queryGroup: string | null;
  slotCount: number;
  /** The open transaction's xid, or null to draw a new one. */
  xid: number | null;
}

export class LiveStatement {
  id: number | null = null;
  xid: number | null = null;
  done = false;
  /** Execute messages still to complete (an extended-protocol batch is admitted as one statement). */
  refs = 1;
  /** At least one of its Executes completed. */
  ran = false;
  private idReady: Promise<void> = Promise.resolve();

  private constructor(
    private readonly host: StatementHost,
    readonly ticket: Ticket,
    readonly view: LiveStatementView,
  ) {}

  /** Routes and admits (or queues) a statement and registers it; `rejected` when it can never run. */
  static admit(
    host: StatementHost,
    owner: StatementOwner,
    text: string,
  ): { kind: 'rejected'; message: string } | { kind: 'admitted'; statement: LiveStatement } {
    const route = {
      superuser: owner.info.superuser,
      queryGroup: owner.queryGroup,
      userGroups: owner.info.groups,
    };
    const admission = host.wlm.request(route, owner.slotCount);
    if (admission.kind === 'rejected') return admission;
    const ticket = admission.ticket;
    const queuedAt = nowMs();
    const running = ticket.state === 'running';
    const view: LiveStatementView = {
      query: null,
      pid: owner.pid,
      userName: owner.userName,
      serviceClass: ticket.queue.serviceClass,
      slotCount: ticket.slots,
      label: owner.queryGroup ?? 'default', // REFERENCE 6.3
      state: running ? 'Running' : 'QueuedWaiting',
      queuedAt,
      startedAt: running ? queuedAt : null,
      text,
    };
    const statement = new LiveStatement(host, ticket, view);
    host.registry.track(view);
    statement.idReady = host.registry
      .queryStart({
        pid: owner.pid,
        userid: owner.info.userid,
        userName: owner.userName,
        database: owner.database,
        xid: owner.xid,
        serviceClass: view.serviceClass,
        slotCount: view.slotCount,
        label: view.label,
        // STV_WLM_QUERY_STATE.query_priority: a priority only exists under Auto WLM (REFERENCE 1.7, 2.3).
        priority: ticket.queue.auto ? ticket.queue.priority : 'n/a',
        state: running ? 'Running' : 'QueuedWaiting',
        queuedAt,
        text,
      })
      .then(
        ({ query, xid }) => {
          statement.id = query;
          statement.xid = xid;
          view.query = query;
        },
        (err: Error) => host.log.warn(`registering a statement failed: ${err.message}`),
      );
    return { kind: 'admitted', statement };
  }

  get queued(): boolean {
    return this.ticket.state === 'queued';
  }

  /**
   * Waits until the statement may run (true) or was cancelled while queued (false); its id is known
   * either way. Marks it Running in the registry when it had been queued.
   */
  async waitToRun(): Promise<boolean> {
    const running = await this.ticket.started;
    await this.idReady;
    if (running && this.view.state === 'QueuedWaiting' && !this.done) {
      this.view.state = 'Running';
      this.view.startedAt = nowMs();
      if (this.id !== null) this.host.registry.queryState(this.id, 'Running', this.view.startedAt);
    }
    return running;
  }

  /**
   * First rows are on their way to the client (REFERENCE 1.3 "Returning"). Not written for statements
   * that ran less than RETURNING_AFTER_MS: nobody could see that state, and it would cost every quick
   * SELECT a registry write.
   */
  returning(): void {
    if (this.view.state !== 'Running' || this.id === null) return;
    const now = nowMs();
    if (now - (this.view.startedAt ?? now) < RETURNING_AFTER_MS) return;
    this.view.state = 'Returning';
    this.host.registry.queryState(this.id, 'Returning', now);
  }

  /** Removes it from its queue (no-op once running). */
  cancelQueued(): boolean {
    return this.host.wlm.cancel(this.ticket);
  }

  /** The statement is over: free its slots and write its history. Resolves when the write is done. */
  finish(aborted: boolean, record = true): Promise<void> {
    if (this.done) return Promise.resolve();
    this.done = true;
    this.host.wlm.release(this.ticket);
    this.view.state = 'Done';
    this.host.registry.untrack(this.view);
    const endedAt = nowMs();
    return this.idReady.then(() =>
      this.id === null ? undefined : this.host.registry.queryDone(this.id, endedAt, aborted, record),
    );
  }
}
