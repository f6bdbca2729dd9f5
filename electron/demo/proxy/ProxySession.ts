// One client connection through the proxy, and its upstream connection to the engine.
//
//   startup ──StartupMessage──> auth ──ReadyForQuery──> ready ──(either side closes)──> closed
//      │ SSLRequest/GSSENCRequest: 'N' (stay in startup)
//      └ CancelRequest: handed to the proxy, connection closed
//
// In `auth` bytes are relayed both ways untouched (password / SCRAM exchanges pass through); the
// BackendKeyData tells us the backend pid, which is the session's Redshift pid (REFERENCE 2.1).
// In `ready` every client message is read: Query / Parse texts go through rewrites.ts, and a message
// that runs a query (Query with a query statement, Execute of a query portal) is held until WLM admits
// it (Wlm.ts) - that hold is what makes a statement "QueuedWaiting". Responses are matched to the
// client messages that caused them with a FIFO of pending entries, which tells us when a statement
// completes (to release its slots and record it) and which CommandComplete belongs to which statement.
import net from 'node:net';
import type { LiveRegistry, LiveStatementView, SessionInfo } from './LiveRegistry.ts';
import { nowMs } from './LiveRegistry.ts';
import type { ProxyLog } from './ProxyLog.ts';
import {
  cancelledMessage,
  PG_USER_CANCEL_MESSAGE,
  planSql,
  raiseSql,
  SQLSTATE_QUERY_CANCELED,
  type PlannedStatement,
  type SettingEffect,
} from './rewrites.ts';
import type { Ticket, WlmController } from './Wlm.ts';
import {
  buildCommandComplete,
  buildErrorResponse,
  buildParse,
  buildQuery,
  CANCEL_REQUEST_CODE,
  errorResponse,
  GSSENC_REQUEST_CODE,
  MessageReader,
  parseBackendKeyData,
  parseBindNames,
  parseClose,
  parseCommandTag,
  parseErrorFields,
  parseExecutePortal,
  parseParse,
  parseQuery,
  parseStartup,
  PROTOCOL_V3,
  ProtocolError,
  readyForQueryStatus,
  SSL_REQUEST_CODE,
  typedMessage,
  type Message,
} from './wire.ts';

/** What a session needs from the proxy that owns it. */
export interface SessionHost {
  upstream: { host: string; port: number };
  wlm: WlmController;
  registry: LiveRegistry;
  log: ProxyLog;
  register(session: ProxySession): void;
  unregister(session: ProxySession): void;
  findByPid(pid: number): ProxySession | undefined;
  sendUpstreamCancel(pid: number, secret: number): void;
  /** A CancelRequest arrived on a new connection (protocol "Canceling Requests in Progress"). */
  onCancelRequest(pid: number, secret: number): void;
}

type Phase = 'startup' | 'auth' | 'ready' | 'closed';

/** A statement WLM is tracking for this session (queued or running). */
interface LiveStatement {
  view: LiveStatementView;
  ticket: Ticket;
  id: number | null;
  idReady: Promise<void>;
  done: boolean;
}

/** A forwarded client message whose response has not been fully seen yet. */
interface Pending {
  kind: 'P' | 'B' | 'D' | 'E' | 'C' | 'S' | 'Q' | 'F';
  /** Q: the statements of the query string; E: the portal's statement. */
  statements: PlannedStatement[];
  /** Q: index of the statement the next CommandComplete belongs to. */
  index: number;
  live: LiveStatement | null;
  /** Injected by the proxy: its ParseComplete / BindComplete is not shown to the client. */
  swallow: boolean;
}

interface Settings {
  queryGroup: string | null;
  slotCount: number;
}

/** How long a CANCEL's custom message waits for the victim's error (see noteCancels). */
const CANCEL_MESSAGE_TTL_MS = 10_000;

export class ProxySession {
  pid: number | null = null;
  secret: number | null = null;
  userName = '';
  database = '';

  private phase: Phase = 'startup';
  private readonly clientReader = new MessageReader(false);
  private readonly upstreamReader = new MessageReader(true);
  private upstream: net.Socket | null = null;
  private upstreamConnected = false;
  private preConnect: Buffer[] = [];

  private readonly inbox: Message[] = [];
  private blocked = false;
  private readonly pending: Pending[] = [];
  private readonly active = new Set<LiveStatement>();
  private readonly statements = new Map<string, PlannedStatement[]>();
  private readonly portals = new Map<string, PlannedStatement | null>();

  /** Drop client messages until Sync: the proxy already answered this extended batch with an error. */
  private skipUntilSync = false;
  /** PostgreSQL is skipping this extended batch after an error: do not admit its Executes. */
  private upstreamSkipping = false;

  private txStatus = 'I';
  /** An error or ROLLBACK since the transaction began: its SETs are undone at its end. */
  private txFailed = false;
  private xid: number | null = null;
  private committed: Settings = { queryGroup: null, slotCount: 1 };
  private current: Settings = { queryGroup: null, slotCount: 1 };
  private info: Promise<SessionInfo> = Promise.resolve({ userid: 0, superuser: false, groups: [] });
  private cancelMessage: { message: string; until: number } | null = null;

  private gates = 0;
  private readonly outQueue: Buffer[] = [];
  private upstreamPaused = false;
  private clientPaused = false;
  private readonly startedAt = nowMs();

  constructor(
    private readonly client: net.Socket,
    private readonly host: SessionHost,
  ) {
    client.setNoDelay(true);
    client.on('data', (chunk: Buffer) => this.onClientData(chunk));
    client.on('error', () => this.close('client'));
    client.on('close', () => this.close('client'));
  }

  get closed(): boolean {
    return this.phase === 'closed';
  }

  /** The session's query_group as routing sees it ('default' when unset, REFERENCE 6.3). */
  get label(): string {
    return this.current.queryGroup ?? 'default';
  }

  /** A CancelRequest or pg_cancel_backend reached this session: cancel a statement waiting in WLM. */
  cancelQueued(): void {
    for (const live of this.active) {
      if (live.ticket.state === 'queued') this.host.wlm.cancel(live.ticket);
    }
  }

  /**
   * `CANCEL pid 'message'` seen in another session: the victim's error should carry the message
   * (REFERENCE 2.2). Set before the CANCEL runs because the victim's error can arrive first.
   */
  expectCancel(message: string | null): void {
    this.cancelMessage = message === null ? null : { message, until: Date.now() + CANCEL_MESSAGE_TTL_MS };
  }

  // ---- client side ---------------------------------------------------------------------------------

  private onClientData(chunk: Buffer): void {
    if (this.phase === 'closed') return;
    try {
      this.clientReader.push(chunk);
      for (let m = this.clientReader.next(); m !== null; m = this.clientReader.next()) {
        if (this.phase === 'startup') this.onStartupMessage(m);
        else if (this.phase === 'auth') this.toUpstream(m.raw);
        else this.inbox.push(m);
        if (this.closed) return;
      }
      this.pump();
      // Backpressure: stop reading a client whose statements are piling up behind a WLM hold.
      if (this.inbox.length > 1000 && !this.clientPaused) {
        this.clientPaused = true;
        this.client.pause();
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private onStartupMessage(m: Message): void {
    const code = m.raw.length >= 8 ? m.raw.readInt32BE(4) : 0;
    if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
      this.client.write('N'); // no TLS / GSS on a loopback test double; clients fall back to plain
      return;
    }
    if (code === CANCEL_REQUEST_CODE && m.raw.length === 16) {
      this.phase = 'closed';
      this.client.end();
      this.host.onCancelRequest(m.raw.readInt32BE(8), m.raw.readInt32BE(12));
      return;
    }
    if (code !== PROTOCOL_V3) {
      this.client.end(errorResponse('FATAL', '0A000', `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`));
      this.close('error');
      return;
    }
    const startup = parseStartup(m.raw);
    this.userName = startup.params.get('user') ?? '';
    this.database = startup.params.get('database') ?? this.userName;
    this.phase = 'auth';
    this.clientReader.setTyped(true);
    this.connectUpstream(m.raw);
  }

  private connectUpstream(startup: Buffer): void {
    const up = net.connect(this.host.upstream.port, this.host.upstream.host);
    this.upstream = up;
    up.setNoDelay(true);
    up.on('connect', () => {
      this.upstreamConnected = true;
      up.write(startup);
      for (const b of this.preConnect) up.write(b);
      this.preConnect = [];
    });
    up.on('data', (chunk: Buffer) => this.onUpstreamData(chunk));
    up.on('error', (err) => {
      if (!this.upstreamConnected && this.phase !== 'closed') {
        this.send(errorResponse('FATAL', '08006', `could not connect to the engine: ${err.message}`));
      }
      this.close('upstream');
    });
    up.on('close', () => this.close('upstream'));
  }

  private toUpstream(buf: Buffer): void {
    if (this.upstream === null || !this.upstreamConnected) {
      this.preConnect.push(buf);
      return;
    }
    if (!this.upstream.write(buf) && !this.clientPaused) {
      this.clientPaused = true;
      this.client.pause();
      this.upstream.once('drain', () => {
        this.clientPaused = false;
        this.client.resume();
      });
    }
  }

  /** Processes client messages in order until one has to wait for WLM. */
  private pump(): void {
    while (!this.blocked && this.phase === 'ready' && this.inbox.length > 0) {
      this.handleClientMessage(this.inbox.shift() as Message);
    }
    if (this.clientPaused && this.inbox.length < 100 && this.phase !== 'closed') {
      this.clientPaused = false;
      this.client.resume();
    }
  }

  private handleClientMessage(m: Message): void {
    if (this.skipUntilSync) {
      if (m.type !== 'S') return;
      this.skipUntilSync = false;
    }
    switch (m.type) {
      case 'Q':
        this.handleQuery(m);
        return;
      case 'P':
        this.handleParse(m);
        return;
      case 'B': {
        const { portal, statement } = parseBindNames(m.raw);
        this.portals.set(portal, this.statements.get(statement)?.[0] ?? null);
        this.forward(m.raw, 'B');
        return;
      }
      case 'E':
        this.handleExecute(m);
        return;
      case 'C': {
        const { kind, name } = parseClose(m.raw);
        if (kind === 'S') this.statements.delete(name);
        else this.portals.delete(name);
        this.forward(m.raw, 'C');
        return;
      }
      case 'D':
        this.forward(m.raw, 'D');
        return;
      case 'S':
        this.upstreamSkipping = false;
        this.forward(m.raw, 'S');
        return;
      case 'F':
        this.forward(m.raw, 'F');
        return;
      case 'X': // Terminate: close() sends it on
        this.close('client');
        return;
      case 'H': // Flush
      case 'd': // CopyData
      case 'c': // CopyDone
      case 'f': // CopyFail
      case 'p': // password / SASL response
        this.toUpstream(m.raw);
        return;
      default:
        throw new ProtocolError(`invalid frontend message type ${JSON.stringify(m.type)}`);
    }
  }

  private forward(raw: Buffer, kind: Pending['kind'], extra: Partial<Pending> = {}): void {
    this.pending.push({ kind, statements: [], index: 0, live: null, swallow: false, ...extra });
    this.toUpstream(raw);
  }

  private handleQuery(m: Message): void {
    const sql = parseQuery(m.raw);
    const plan = planSql(sql);
    const raw = plan.sql === sql ? m.raw : buildQuery(plan.sql);
    this.noteCancels(plan.statements);
    if (!plan.statements.some((s) => s.class === 'query')) {
      this.forward(raw, 'Q', { statements: plan.statements });
      return;
    }
    this.admit(
      sql.trim(),
      (live) => this.forward(raw, 'Q', { statements: plan.statements, live }),
      // Refused or cancelled while queued: PostgreSQL raises the error, keeping transaction state exact.
      (sqlstate, message) => this.forward(buildQuery(raiseSql(sqlstate, message)), 'Q'),
    );
  }

  private handleParse(m: Message): void {
    const parse = parseParse(m.raw);
    const plan = planSql(parse.sql);
    this.statements.set(parse.name, plan.statements);
    this.noteCancels(plan.statements);
    this.forward(plan.sql === parse.sql ? m.raw : buildParse({ ...parse, sql: plan.sql }), 'P');
  }

  private handleExecute(m: Message): void {
    const statement = this.portals.get(parseExecutePortal(m.raw)) ?? null;
    const statements = statement === null ? [] : [statement];
    if (statement?.class !== 'query' || this.upstreamSkipping) {
      this.forward(m.raw, 'E', { statements });
      return;
    }
    this.admit(
      statement.text.trim(),
      (live) => this.forward(m.raw, 'E', { statements, live }),
      (sqlstate, message) => {
        // The Execute is replaced by one of a statement raising the error (unnamed statement and portal);
        // PostgreSQL then skips to Sync as after any extended-protocol error, and so does the proxy.
        this.forward(buildParse({ name: '', sql: raiseSql(sqlstate, message), paramTypes: Buffer.from([0, 0]) }), 'P', {
          swallow: true,
        });
        this.statements.delete('');
        this.portals.delete('');
        this.forward(typedMessage('B', Buffer.alloc(8)), 'B', { swallow: true });
        this.forward(typedMessage('E', Buffer.from([0, 0, 0, 0, 0])), 'E');
        this.skipUntilSync = true;
        this.upstreamSkipping = true;
      },
    );
  }

  /** CANCEL pid 'message': tell the victim session which text its cancelled statement shows. */
  private noteCancels(statements: PlannedStatement[]): void {
    for (const s of statements) {
      if (s.cancel !== undefined) this.host.findByPid(s.cancel.pid)?.expectCancel(s.cancel.message);
    }
  }

  private takeCancelMessage(): string | null {
    const m = this.cancelMessage;
    this.cancelMessage = null;
    return m !== null && m.until >= Date.now() ? m.message : null;
  }

  // ---- WLM admission -----------------------------------------------------------------------------

  /**
   * Routes the statement to a service class and holds the client's message stream until it may run.
   * `run` forwards the held message; `refuse` answers with an error instead (slot count too high, or
   * cancelled while queued: REFERENCE 2.2 "Query (<id>) cancelled on user's request").
   */
  private admit(
    text: string,
    run: (live: LiveStatement) => void,
    refuse: (sqlstate: string, message: string) => void,
  ): void {
    this.blocked = true;
    const resume = (): void => {
      this.blocked = false;
      this.pump();
    };
    void (async () => {
      const info = await this.info;
      if (this.closed) return;
      const route = { superuser: info.superuser, queryGroup: this.current.queryGroup, userGroups: info.groups };
      const admission = this.host.wlm.request(route, this.current.slotCount);
      if (admission.kind === 'rejected') {
        refuse('53000', admission.message);
        resume();
        return;
      }
      const ticket = admission.ticket;
      const queuedAt = nowMs();
      const view: LiveStatementView = {
        query: null,
        pid: this.pid ?? 0,
        userName: this.userName,
        serviceClass: ticket.queue.serviceClass,
        slotCount: ticket.slots,
        label: this.label,
        state: ticket.state === 'running' ? 'Running' : 'QueuedWaiting',
        queuedAt,
        startedAt: ticket.state === 'running' ? queuedAt : null,
        text,
      };
      const live: LiveStatement = { view, ticket, id: null, idReady: Promise.resolve(), done: false };
      this.active.add(live);
      this.host.registry.track(view);
      live.idReady = this.host.registry
        .queryStart({
          pid: view.pid,
          userid: info.userid,
          userName: this.userName,
          database: this.database,
          xid: this.txStatus === 'I' ? null : this.xid,
          serviceClass: view.serviceClass,
          slotCount: view.slotCount,
          label: view.label,
          priority: ticket.queue.auto ? ticket.queue.priority : 'n/a',
          state: view.state === 'Running' ? 'Running' : 'QueuedWaiting',
          queuedAt,
          text,
        })
        .then(
          ({ query, xid }) => {
            live.id = query;
            view.query = query;
            if (this.txStatus !== 'I') this.xid = xid;
          },
          (err: Error) => this.host.log.warn(`registering a statement failed: ${err.message}`),
        );
      const running = await ticket.started;
      await live.idReady;
      if (!running) {
        // Cancelled while queued (cancel request, pg_cancel_backend, disconnect, termination).
        const recorded = this.finish(live, true);
        if (!this.closed) {
          this.gate(recorded);
          refuse(SQLSTATE_QUERY_CANCELED, cancelledMessage(live.id ?? 0, this.takeCancelMessage()));
          resume();
        }
        return;
      }
      if (this.closed) {
        this.finish(live, true);
        return;
      }
      if (view.state === 'QueuedWaiting') {
        view.state = 'Running';
        view.startedAt = nowMs();
        if (live.id !== null) this.host.registry.queryState(live.id, 'Running', view.startedAt);
      }
      run(live);
      resume();
    })().catch((err: unknown) => this.fail(err));
  }

  /** The statement is over: free its slots and write its history. Resolves when the write is done. */
  private finish(live: LiveStatement, aborted: boolean, record = true): Promise<void> {
    if (live.done) return Promise.resolve();
    live.done = true;
    this.active.delete(live);
    this.host.wlm.release(live.ticket);
    live.view.state = 'Done';
    this.host.registry.untrack(live.view);
    const endedAt = nowMs();
    return live.idReady.then(() =>
      live.id === null ? undefined : this.host.registry.queryDone(live.id, endedAt, aborted, record),
    );
  }

  // ---- upstream side -------------------------------------------------------------------------------

  private onUpstreamData(chunk: Buffer): void {
    if (this.phase === 'closed') return;
    try {
      this.upstreamReader.push(chunk);
      this.client.cork();
      for (let m = this.upstreamReader.next(); m !== null; m = this.upstreamReader.next()) {
        const out = this.phase === 'ready' ? this.onUpstreamMessage(m) : this.onAuthMessage(m);
        if (out !== null) this.send(out);
      }
      this.client.uncork();
    } catch (err) {
      this.client.uncork();
      this.fail(err);
    }
  }

  private onAuthMessage(m: Message): Buffer {
    if (m.type === 'K') {
      const key = parseBackendKeyData(m.raw);
      this.pid = key.pid;
      this.secret = key.secret;
      this.host.register(this);
    } else if (m.type === 'Z') {
      this.phase = 'ready';
      this.txStatus = readyForQueryStatus(m.raw);
      if (this.pid !== null) {
        this.info = this.host.registry
          .sessionStart({ pid: this.pid, userName: this.userName, database: this.database, startedAt: this.startedAt })
          .catch((err: Error) => {
            this.host.log.warn(`registering session ${this.pid} failed: ${err.message}`);
            return { userid: 0, superuser: false, groups: [] };
          });
      }
      // Client messages cannot arrive before this ReadyForQuery reaches the client; pump anyway.
      queueMicrotask(() => this.pump());
    }
    return m.raw;
  }

  /** Returns what to send to the client for one upstream message (null = nothing). */
  private onUpstreamMessage(m: Message): Buffer | null {
    const head = this.pending[0];
    switch (m.type) {
      case 'Z':
        return this.onReadyForQuery(m);
      case 'C': {
        const tag = parseCommandTag(m.raw);
        if (tag === 'ROLLBACK') this.txFailed = true;
        if (head === undefined) return m.raw;
        const statement = head.kind === 'Q' ? head.statements[head.index++] : head.statements[0];
        if (statement?.effect !== undefined) this.applyEffect(statement.effect);
        const out = statement?.tag !== undefined ? buildCommandComplete(statement.tag) : m.raw;
        if (head.kind === 'E') this.completeExecute(false);
        return out;
      }
      case 'I': // EmptyQueryResponse
      case 's': // PortalSuspended: the portal's statement stops here; a later Execute is a new one
        if (head?.kind === 'Q') head.index++;
        else if (head?.kind === 'E') this.completeExecute(false);
        return m.raw;
      case 'E':
        return this.onError(m, head);
      case '1':
      case '2':
      case '3':
      case 'n': {
        const expected = { '1': 'P', '2': 'B', '3': 'C', n: 'D' }[m.type];
        if (head?.kind === expected) {
          this.pending.shift();
          if (head.swallow) return null;
        }
        return m.raw;
      }
      case 'T':
        if (head?.kind === 'D') this.pending.shift();
        return m.raw;
      case 'D':
        if (head?.live?.view.state === 'Running' && head.live.id !== null) {
          // First row on its way to the client: Redshift's "Returning" state (REFERENCE 1.3).
          head.live.view.state = 'Returning';
          this.host.registry.queryState(head.live.id, 'Returning', nowMs());
        }
        return m.raw;
      default:
        return m.raw;
    }
  }

  private completeExecute(aborted: boolean): void {
    const entry = this.pending.shift();
    if (entry?.live) this.gate(this.finish(entry.live, aborted));
  }

  private onError(m: Message, head: Pending | undefined): Buffer {
    const fields = parseErrorFields(m.raw);
    const code = fields.get('C') ?? '';
    const fatal = fields.get('S') === 'FATAL' || fields.get('V') === 'FATAL' || fields.get('S') === 'PANIC';
    // REFERENCE 6.3: aborted = 1 for user cancels and system stops; a terminated session stops too.
    const aborted = code === SQLSTATE_QUERY_CANCELED || fatal || code.startsWith('57P');
    this.txFailed = true;
    let out = m.raw;
    const live = head?.live ?? null;
    if (live !== null && code === SQLSTATE_QUERY_CANCELED && fields.get('M') === PG_USER_CANCEL_MESSAGE) {
      // Redshift's text for a cancelled query names the query id (REFERENCE 2.2).
      fields.set('M', cancelledMessage(live.id ?? 0, this.takeCancelMessage()));
      out = buildErrorResponse(fields);
    }
    if (head === undefined) return out;
    if (head.kind === 'Q' || head.kind === 'F') {
      // The rest of the query string is skipped; the entry ends at ReadyForQuery.
      if (live !== null) this.gate(this.finish(live, aborted));
      return out;
    }
    // Extended protocol: this message failed and PostgreSQL skips everything up to the next Sync.
    this.pending.shift();
    if (live !== null) this.gate(this.finish(live, aborted));
    if (!this.pending.some((p) => p.kind === 'S')) this.upstreamSkipping = true;
    return out;
  }

  private onReadyForQuery(m: Message): Buffer {
    let answered: Pending | undefined;
    while (this.pending.length > 0) {
      const entry = this.pending.shift() as Pending;
      if (entry.kind === 'S' || entry.kind === 'Q' || entry.kind === 'F') {
        answered = entry;
        break;
      }
      // Skipped by PostgreSQL after an error earlier in the batch: never ran, nothing to record.
      if (entry.live !== null) void this.finish(entry.live, false, false);
    }
    const status = readyForQueryStatus(m.raw);
    if (status === 'I') {
      // Transaction over: keep its SETs, or undo them when it rolled back (PostgreSQL does the same to
      // rs.query_group, so routing and current_setting() agree).
      if (this.txFailed) this.current = { ...this.committed };
      else this.committed = { ...this.current };
      this.txFailed = false;
      this.xid = null;
    }
    this.txStatus = status;
    if (answered?.live && !answered.live.done) this.gate(this.finish(answered.live, false));
    return m.raw;
  }

  private applyEffect(effect: SettingEffect): void {
    if (effect.kind === 'queryGroup') this.current = { ...this.current, queryGroup: effect.value };
    else if (effect.kind === 'slotCount') this.current = { ...this.current, slotCount: effect.value };
    else this.current = { queryGroup: null, slotCount: 1 };
  }

  // ---- output to the client -----------------------------------------------------------------------

  /**
   * Holds every later output until `p` settles. Used when a statement completes: its history is
   * written before the client learns it finished, so the client (or a test) reading STL_QUERY right
   * after sees its own statement.
   */
  private gate(p: Promise<void>): void {
    this.gates++;
    void p.finally(() => {
      this.gates--;
      if (this.gates === 0) this.flushOutQueue();
    });
  }

  private send(buf: Buffer): void {
    if (this.gates > 0 || this.outQueue.length > 0) this.outQueue.push(buf);
    else this.writeClient(buf);
  }

  private flushOutQueue(): void {
    while (this.gates === 0 && this.outQueue.length > 0) this.writeClient(this.outQueue.shift() as Buffer);
    if (this.phase === 'closed' && this.gates === 0) this.client.end();
  }

  private writeClient(buf: Buffer): void {
    if (this.client.destroyed) return;
    if (!this.client.write(buf) && this.upstream !== null && !this.upstreamPaused) {
      this.upstreamPaused = true;
      this.upstream.pause();
      this.client.once('drain', () => {
        this.upstreamPaused = false;
        this.upstream?.resume();
      });
    }
  }

  // ---- shutdown ------------------------------------------------------------------------------------

  /** A malformed message or an internal error ends this session only, with an ErrorResponse. */
  private fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.host.log.warn(`session ${this.pid ?? '?'}: ${message}`);
    if (this.phase === 'closed') return;
    const code = err instanceof ProtocolError ? '08P01' : 'XX000';
    this.send(errorResponse('FATAL', code, message));
    this.close('error');
  }

  /** The proxy is stopping: tell the client like a server shutting down would, then close. */
  shutdown(): void {
    if (this.phase === 'closed') return;
    this.send(errorResponse('FATAL', '57P01', 'terminating connection due to administrator command'));
    this.close('error');
  }

  close(reason: 'client' | 'upstream' | 'error'): void {
    if (this.phase === 'closed') return;
    const wasReady = this.phase === 'ready';
    this.phase = 'closed';
    let running = false;
    for (const live of [...this.active]) {
      if (live.ticket.state === 'queued') this.host.wlm.cancel(live.ticket);
      else {
        running = true;
        void this.finish(live, true);
      }
    }
    // A client that goes away mid-statement: stop the statement in the engine too (Redshift aborts it,
    // REFERENCE 6.3), otherwise e.g. pg_sleep would keep running with nobody waiting for it.
    if (reason !== 'upstream' && running && this.pid !== null && this.secret !== null) {
      this.host.sendUpstreamCancel(this.pid, this.secret);
    }
    if (this.upstream !== null) {
      if (reason !== 'upstream' && this.upstreamConnected && wasReady) this.upstream.end(typedMessage('X'));
      else this.upstream.destroy();
    }
    if (this.gates === 0) {
      this.flushOutQueue();
      this.client.end();
    }
    if (this.pid !== null) {
      this.host.unregister(this);
      this.host.registry.sessionEnd(this.pid);
    }
  }
}
