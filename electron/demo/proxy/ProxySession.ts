// One client connection through the proxy, and its upstream connection to the engine.
//
//   startup ──StartupMessage──> auth ──ReadyForQuery──> ready ──(either side closes)──> closed
//      │ SSLRequest/GSSENCRequest: 'N' (stay in startup)
//      └ CancelRequest: handed to the proxy, connection closed
//
// In `auth` bytes are relayed both ways untouched (password / SCRAM exchanges pass through); the
// BackendKeyData tells us the backend pid, which is the session's Redshift pid (REFERENCE 2.1).
// In `ready` every client message is read: Query / Parse texts go through rewrites.ts, and whatever
// runs a query (a Query message with a query statement; an extended-protocol segment - the messages up
// to Sync or Flush - with an Execute of a query portal) is held until WLM admits it (Wlm.ts). That hold
// is what makes a statement "QueuedWaiting": it has not reached the engine at all. Responses are
// matched to the client messages that caused them with a FIFO of pending entries, which tells us when
// a statement completes (to release its slots and record it) and which CommandComplete belongs to
// which statement.
// Long (over 1,000 lines) because it is the one place the proxy's concurrency lives: the phases, the
// pipelined extended protocol and the single-backend lock interleave; splitting it is issue #15's
// open item, to be done with a stress test that proves 0 bad rounds before and after.
import net from 'node:net';
import type { LiveRegistry, SessionInfo } from './LiveRegistry.ts';
import { nowMs } from './LiveRegistry.ts';
import { LiveStatement } from './LiveStatement.ts';
import type { ProxyLog } from './ProxyLog.ts';
import {
  cancelledMessage,
  parseTimeoutMs,
  PG_USER_CANCEL_MESSAGE,
  planSql,
  raiseSql,
  SQLSTATE_QUERY_CANCELED,
  type PlannedStatement,
  type PlanOptions,
  type SettingEffect,
} from './rewrites.ts';
import type { SessionHandle } from './SessionHandle.ts';
import type { UpstreamLock } from './UpstreamLock.ts';
import type { WlmController } from './Wlm.ts';
import {
  buildBackendKeyData,
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
  parseNotification,
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
  /**
   * A single-backend engine (PGlite) gives every connection the same pid: the proxy then hands out
   * pids (and cancel keys) of its own.
   */
  allocateVirtualPid: (() => { pid: number; secret: number }) | null;
  /**
   * A single-backend engine's lock (UpstreamLock.ts): a session holds it from the first message of a
   * sequence it forwards up to the ReadyForQuery that ends it. Absent / null: sessions write freely.
   */
  upstreamLock?: UpstreamLock | null;
  register(session: SessionHandle): void;
  unregister(session: SessionHandle): void;
  findByPid(pid: number): SessionHandle | undefined;
  sendUpstreamCancel(pid: number, secret: number): void;
  /** A CancelRequest arrived on a new connection (protocol "Canceling Requests in Progress"). */
  onCancelRequest(pid: number, secret: number): void;
  /** A NOTIFY on one of the proxy's channels (rs_live_*) surfaced in a session's stream. */
  onNotification(channel: string, payload: string): void;
}

/** Channels of live.sql's notifications to the proxy. */
export const PROXY_CHANNEL_PREFIX = 'rs_live_';

type Phase = 'startup' | 'auth' | 'ready' | 'closed';

/** An extended-protocol message collected until the segment's Sync / Flush. */
interface SegmentItem {
  raw: Buffer;
  kind: 'P' | 'B' | 'D' | 'C' | 'E';
  statements: PlannedStatement[];
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
  /** statement_timeout in ms, 0 = none: also limits the time a statement waits in a WLM queue. */
  statementTimeoutMs: number;
}

/** PostgreSQL's message when statement_timeout fires; used for a statement that timed out queued. */
const STATEMENT_TIMEOUT_MESSAGE = 'canceling statement due to statement timeout';

/** How long a CANCEL's custom message waits for the victim's error (see noteCancels). */
const CANCEL_MESSAGE_TTL_MS = 10_000;
const FLUSH = typedMessage('H');
const SYNC = typedMessage('S');
/** A session closed mid-sequence gives the engine this long to finish it before the lock moves on. */
const DRAIN_TIMEOUT_MS = 10_000;

/** A statement on its way through admit(): until it is forwarded, a cancel is the proxy's to answer. */
interface Hold {
  cancelled: boolean;
}

export class ProxySession implements SessionHandle {
  pid: number | null = null;
  secret: number | null = null;
  /** The engine's own key for this connection (differs from pid/secret when those are virtual). */
  private upstreamPid: number | null = null;
  private upstreamSecret: number | null = null;
  userName = '';
  database = '';

  private phase: Phase = 'startup';
  private readonly clientReader = new MessageReader(false);
  private readonly upstreamReader = new MessageReader(true);
  private upstream: net.Socket | null = null;
  private upstreamConnected = false;
  private preConnect: Buffer[] = [];

  private readonly inbox: Message[] = [];
  private segment: SegmentItem[] = [];
  private blocked = false;
  private readonly pending: Pending[] = [];
  private readonly active = new Set<LiveStatement>();
  private readonly statements = new Map<string, PlannedStatement[]>();
  private readonly portals = new Map<string, PlannedStatement | null>();

  /** Drop client messages until Sync: the proxy already answered this extended batch with an error. */
  private skipUntilSync = false;
  /** PostgreSQL is skipping this extended batch after an error: do not admit its Executes. */
  private upstreamSkipping = false;

  /** Single-backend engine: releases the proxy-wide lock while this session holds it. */
  private lockRelease: (() => void) | null = null;
  /** Extended-protocol messages went upstream since the last Sync: the sequence is not over. */
  private sequenceOpen = false;
  /** A statement is being admitted (registry write, WLM queue): the session must not keep the engine lock. */
  private admitting = false;
  /** The statement in admit(), held by the proxy until forwarded. */
  private hold: Hold | null = null;
  /** Closed mid-sequence: ReadyForQuery messages still expected from the engine (drainUpstream). */
  private draining: { expected: number; done: () => void } | null = null;

  private txStatus = 'I';
  /** An error or ROLLBACK since the transaction began: its SETs are undone at its end. */
  private txFailed = false;
  private xid: number | null = null;
  private startupTimeoutMs = 0;
  private committed: Settings = { queryGroup: null, slotCount: 1, statementTimeoutMs: 0 };
  private current: Settings = { queryGroup: null, slotCount: 1, statementTimeoutMs: 0 };
  private info: Promise<SessionInfo> = Promise.resolve({ userid: 0, superuser: false, groups: [] });
  private cancelMessage: { message: string; until: number } | null = null;
  /** pg_last_query_id() / pg_last_copy_id() (REFERENCE 2.1): -1 until there is one. */
  private lastQueryId = -1;
  private lastCopyId = -1;
  /** Forwarded statements with a setting effect whose outcome is not known yet. */
  private unsettledEffects = 0;
  private effectWaiters: (() => void)[] = [];

  private gates = 0;
  private readonly outQueue: Buffer[] = [];
  private upstreamPaused = false;
  /** PostgreSQL sent a FATAL error before closing, so the client already knows why. */
  private upstreamSaidGoodbye = false;
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

  /**
   * A CancelRequest with this session's key, or pg_cancel_backend / CANCEL on its pid. A statement the
   * proxy still holds (queued in WLM, or admitted but not yet forwarded) is cancelled by the proxy, and
   * its error carries Redshift's wording (REFERENCE 2.2); a statement in the engine is cancelled by the
   * engine. Decided here, synchronously, so the two never both happen: an engine cancel that also went
   * out for a held statement would hit whatever the engine runs next for this session.
   */
  cancel(): void {
    const hold = this.hold;
    if (hold !== null) {
      hold.cancelled = true; // admit() refuses the statement when it comes to forward it
      this.cancelQueued();
      return;
    }
    // A single-backend engine cannot cancel, and its one key would hit whatever it runs right now.
    if (this.upstreamPid === null || this.upstreamSecret === null || this.pid !== this.upstreamPid) return;
    // Nothing in flight: nothing to cancel (a late cancel must not hit the session's next statement).
    if (this.pending.length > 0) this.host.sendUpstreamCancel(this.upstreamPid, this.upstreamSecret);
  }

  /** pg_terminate_backend on a virtual pid: end the session as PostgreSQL's would. */
  terminate(): void {
    this.shutdown();
  }

  /** A CancelRequest or pg_cancel_backend reached this session: cancel a statement waiting in WLM. */
  cancelQueued(): void {
    for (const live of this.active) {
      if (live.queued) live.cancelQueued();
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
      this.client.end(
        errorResponse('FATAL', '0A000', `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`),
      );
      this.close('error');
      return;
    }
    const startup = parseStartup(m.raw);
    this.userName = startup.params.get('user') ?? '';
    this.database = startup.params.get('database') ?? this.userName;
    this.startupTimeoutMs = startupStatementTimeout(startup.params);
    this.current = { ...this.current, statementTimeoutMs: this.startupTimeoutMs };
    this.committed = { ...this.current };
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
      // Extended protocol: collected into a segment that goes upstream whole at Sync / Flush.
      case 'P':
        this.handleParse(m);
        return;
      case 'B': {
        const { portal, statement } = parseBindNames(m.raw);
        this.portals.set(portal, this.statements.get(statement)?.[0] ?? null);
        this.segment.push({ raw: m.raw, kind: 'B', statements: [] });
        return;
      }
      case 'D':
        this.segment.push({ raw: m.raw, kind: 'D', statements: [] });
        return;
      case 'C': {
        const { kind, name } = parseClose(m.raw);
        if (kind === 'S') this.statements.delete(name);
        else this.portals.delete(name);
        this.segment.push({ raw: m.raw, kind: 'C', statements: [] });
        return;
      }
      case 'E': {
        const statement = this.portals.get(parseExecutePortal(m.raw)) ?? null;
        this.segment.push({ raw: m.raw, kind: 'E', statements: statement === null ? [] : [statement] });
        return;
      }
      case 'S':
      case 'H': // Flush
        this.flushSegment(m);
        return;
      default:
        break;
    }
    if (this.segment.length > 0) {
      // A message outside the extended protocol ends the open segment; it goes first.
      this.inbox.unshift(m);
      this.flushSegment(null);
      return;
    }
    switch (m.type) {
      case 'Q':
        this.handleQuery(m);
        return;
      case 'F':
        this.whenUpstreamFree(() => this.forward(m.raw, 'F'));
        return;
      case 'X': // Terminate: close() sends it on
        this.close('client');
        return;
      case 'd': // CopyData
      case 'c': // CopyDone
      case 'f': // CopyFail
      case 'p': // password / SASL response
        this.whenUpstreamFree(() => this.toUpstream(m.raw));
        return;
      default:
        throw new ProtocolError(`invalid frontend message type ${JSON.stringify(m.type)}`);
    }
  }

  private forward(raw: Buffer, kind: Pending['kind'], extra: Partial<Pending> = {}): void {
    const entry: Pending = { kind, statements: [], index: 0, live: null, swallow: false, ...extra };
    if (entry.statements.some((st) => st.effect !== undefined)) this.unsettledEffects++;
    if (kind === 'S') this.sequenceOpen = false;
    else if (kind !== 'Q' && kind !== 'F') this.sequenceOpen = true;
    this.pending.push(entry);
    this.toUpstream(raw);
  }

  /**
   * Runs `send` (which writes to the engine) once this session may: at once, unless the engine has a
   * single backend and another session holds its lock - then the session's messages wait in order.
   */
  private whenUpstreamFree(send: () => void): void {
    if ((this.host.upstreamLock ?? null) === null || this.lockRelease !== null) {
      send();
      this.maybeReleaseLock();
      return;
    }
    this.blocked = true;
    this.lockUpstream()
      .then((ok) => {
        if (!ok) return;
        send();
        this.blocked = false;
        this.maybeReleaseLock();
        this.pump();
      })
      .catch((err: unknown) => this.fail(err));
  }

  /** Resolves true once this session may write to the engine (holding the lock on a single backend). */
  private async lockUpstream(): Promise<boolean> {
    if (this.closed) return false;
    const lock = this.host.upstreamLock ?? null;
    if (lock !== null && this.lockRelease === null) {
      const release = await lock.acquire();
      if (this.closed || this.lockRelease !== null) release();
      else this.lockRelease = release;
    }
    return !this.closed;
  }

  /**
   * Lets the engine lock go once the engine has answered everything this session sent, no
   * extended-protocol sequence is open (its Sync's ReadyForQuery came back) and no transaction block
   * either (pglite-socket itself holds back other connections' messages during one, so a session
   * waiting for the lock there would never get the engine back to its owner). A sequence left open by a
   * Flush is kept - another session's messages in it would clobber its unnamed statement / portal, or
   * run inside its implicit transaction - unless the session waits on the proxy itself: a statement
   * being admitted (admission writes the registry through the admin connection, which needs the lock;
   * and a statement queued in WLM must not block the statements whose slots it waits for), or output
   * held until a finished statement's history is written (gate(): again the admin connection). So on a
   * single backend a Flush-held sequence is only contiguous up to its next admitted or finished
   * statement (a cursor-style portal fetched in parts may lose its unnamed portal to another session).
   */
  private maybeReleaseLock(): void {
    const release = this.lockRelease;
    if (release === null || this.pending.length > 0) return;
    const busy = this.sequenceOpen || this.txStatus !== 'I';
    if (busy && !this.admitting && this.gates === 0) return;
    this.lockRelease = null;
    release();
  }

  private handleQuery(m: Message): void {
    const sql = parseQuery(m.raw);
    const plan = planSql(sql, this.planOptions());
    const raw = plan.sql === sql ? m.raw : buildQuery(plan.sql);
    this.noteCancels(plan.statements);
    // In a failed transaction PostgreSQL refuses the statement at once (25P02): nothing to admit.
    if (this.txStatus === 'E' || !plan.statements.some((s) => s.class === 'query')) {
      this.whenUpstreamFree(() => this.forward(raw, 'Q', { statements: plan.statements }));
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
    const plan = planSql(parse.sql, this.planOptions());
    this.statements.set(parse.name, plan.statements);
    this.noteCancels(plan.statements);
    const raw = plan.sql === parse.sql ? m.raw : buildParse({ ...parse, sql: plan.sql });
    this.segment.push({ raw, kind: 'P', statements: [] });
  }

  /**
   * Sends the collected extended-protocol messages upstream, after WLM admission when they execute a
   * query. Holding the whole segment (not just its Execute) means a queued statement has not even been
   * parsed or bound upstream - it holds no locks, as on Redshift - and a single-backend engine (PGlite)
   * never sees another session's messages between this segment's Bind and Execute.
   * `terminator`: the Sync or Flush that ended the segment, or null when another message did.
   */
  private flushSegment(terminator: Message | null): void {
    const items = this.segment;
    this.segment = [];
    const queries = items.filter((e) => e.kind === 'E' && e.statements[0]?.class === 'query');
    const sendTerminator = (): void => {
      if (terminator?.type === 'S') {
        this.upstreamSkipping = false;
        this.forward(terminator.raw, 'S');
      } else if (terminator !== null) {
        this.toUpstream(terminator.raw);
      }
    };
    if (queries.length === 0 || this.upstreamSkipping || this.txStatus === 'E') {
      this.whenUpstreamFree(() => {
        for (const e of items) this.forward(e.raw, e.kind, { statements: e.statements });
        sendTerminator();
      });
      return;
    }
    // Usually one query per segment; a batch (several Executes before Sync) is admitted as one query.
    const texts = [...new Set(queries.map((e) => (e.statements[0] as PlannedStatement).text.trim()))];
    this.admit(
      texts.join(';\n'),
      (live) => {
        live.refs = queries.length;
        for (const e of items) {
          this.forward(e.raw, e.kind, { statements: e.statements, live: queries.includes(e) ? live : null });
        }
        sendTerminator();
      },
      (sqlstate, message) => {
        // The segment is replaced by a statement raising the error (unnamed statement and portal);
        // PostgreSQL then skips to Sync as after any extended-protocol error, and so does the proxy.
        this.statements.delete('');
        this.portals.delete('');
        const parse = buildParse({
          name: '',
          sql: raiseSql(sqlstate, message),
          paramTypes: Buffer.from([0, 0]),
        });
        this.forward(parse, 'P', { swallow: true });
        this.forward(typedMessage('B', Buffer.alloc(8)), 'B', { swallow: true });
        this.forward(typedMessage('E', Buffer.from([0, 0, 0, 0, 0])), 'E');
        if (terminator?.type !== 'S') {
          this.skipUntilSync = true;
          this.upstreamSkipping = true;
        }
        sendTerminator();
      },
    );
  }

  private planOptions(): PlanOptions {
    const ids = { lastQueryId: this.lastQueryId, lastCopyId: this.lastCopyId };
    return this.pid !== null && this.pid !== this.upstreamPid ? { virtualPid: this.pid, ...ids } : ids;
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
    const hold: Hold = { cancelled: false };
    this.hold = hold;
    this.admitting = true;
    this.maybeReleaseLock();
    const resume = (): void => {
      this.blocked = false;
      this.maybeReleaseLock();
      this.pump();
    };
    void (async () => {
      const info = await this.info;
      if (this.closed) return;
      if (this.unsettledEffects > 0) {
        // A pipelined SET query_group / wlm_query_slot_count ahead of this statement has not completed:
        // routing must see its outcome, as it would on a server running statements one by one. Flush
        // makes PostgreSQL send the responses it holds until a Sync, which is still behind us. (The SET
        // is in flight, so on a single backend this session still holds the engine lock.)
        this.toUpstream(FLUSH);
        await new Promise<void>((resolve) => this.effectWaiters.push(resolve));
        if (this.closed) return;
      }
      const admission = LiveStatement.admit(
        this.host,
        {
          pid: this.pid ?? 0,
          userName: this.userName,
          database: this.database,
          info,
          queryGroup: this.current.queryGroup,
          slotCount: this.current.slotCount,
          xid: this.txStatus === 'I' ? null : this.xid,
        },
        text,
      );
      if (admission.kind === 'rejected') {
        this.admitting = false;
        if (!(await this.lockUpstream())) return;
        this.hold = null;
        refuse('53000', admission.message);
        resume();
        return;
      }
      const live = admission.statement;
      this.active.add(live);
      if (hold.cancelled) live.cancelQueued(); // cancelled before it was even routed
      // statement_timeout also counts the time spent queued (see rewrites.ts).
      let timedOut = false;
      const timeoutMs = this.current.statementTimeoutMs;
      const timer =
        live.queued && timeoutMs > 0
          ? setTimeout(() => {
              timedOut = live.cancelQueued();
            }, timeoutMs)
          : null;
      const admitted = await live.waitToRun();
      if (timer !== null) clearTimeout(timer);
      this.admitting = false;
      if (!(await this.lockUpstream())) {
        // The session closed meanwhile (close() already cancelled the statement if it was queued).
        void this.finish(live, true);
        return;
      }
      // Nothing awaits from here until the statement is forwarded or refused: a cancel came either
      // before (hold.cancelled: the proxy answers it) or finds the statement in the engine.
      this.hold = null;
      if (this.txStatus !== 'I' && live.xid !== null) this.xid = live.xid;
      if (!admitted || hold.cancelled) {
        // Cancelled while held (cancel request, pg_cancel_backend, CANCEL, statement_timeout).
        this.gate(this.finish(live, true));
        refuse(
          SQLSTATE_QUERY_CANCELED,
          timedOut ? STATEMENT_TIMEOUT_MESSAGE : cancelledMessage(live.id ?? 0, this.takeCancelMessage()),
        );
        resume();
        return;
      }
      run(live);
      resume();
    })().catch((err: unknown) => this.fail(err));
  }

  /** The statement is over: free its slots and write its history. Resolves when the write is done. */
  private finish(live: LiveStatement, aborted: boolean, record = true): Promise<void> {
    this.active.delete(live);
    if (record && live.id !== null) {
      this.lastQueryId = live.id;
      if (/^\s*copy\b/i.test(live.view.text)) this.lastCopyId = live.id;
    }
    return live.finish(aborted, record);
  }

  // ---- upstream side -------------------------------------------------------------------------------

  private onUpstreamData(chunk: Buffer): void {
    if (this.phase === 'closed') {
      this.onDrainData(chunk);
      return;
    }
    try {
      this.upstreamReader.push(chunk);
      this.client.cork();
      for (let m = this.upstreamReader.next(); m !== null; m = this.upstreamReader.next()) {
        const out = this.phase === 'ready' ? this.onUpstreamMessage(m) : this.onAuthMessage(m);
        if (out !== null) this.send(out);
      }
      this.client.uncork();
      this.maybeReleaseLock();
    } catch (err) {
      this.client.uncork();
      this.fail(err);
    }
  }

  private onAuthMessage(m: Message): Buffer {
    if (m.type === 'K') {
      const key = parseBackendKeyData(m.raw);
      this.upstreamPid = key.pid;
      this.upstreamSecret = key.secret;
      const virtual = this.host.allocateVirtualPid?.() ?? null;
      this.pid = virtual?.pid ?? key.pid;
      this.secret = virtual?.secret ?? key.secret;
      this.host.register(this);
      if (virtual !== null) return buildBackendKeyData(virtual.pid, virtual.secret);
    } else if (m.type === 'Z') {
      this.phase = 'ready';
      this.txStatus = readyForQueryStatus(m.raw);
      if (this.pid !== null) {
        this.info = this.host.registry
          .sessionStart({
            pid: this.pid,
            userName: this.userName,
            database: this.database,
            startedAt: this.startedAt,
            virtual: this.pid !== this.upstreamPid,
          })
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
        if (head.kind === 'E') this.completeExecute();
        return out;
      }
      case 'I': // EmptyQueryResponse
      case 's': // PortalSuspended: the portal's statement stops here; a later Execute is a new one
        if (head?.kind === 'Q') head.index++;
        else if (head?.kind === 'E') this.completeExecute();
        return m.raw;
      case 'E':
        return this.onError(m, head);
      case '1':
      case '2':
      case '3':
      case 'n': {
        const expected = { '1': 'P', '2': 'B', '3': 'C', n: 'D' }[m.type];
        if (head?.kind === expected) {
          this.shiftPending();
          if (head.swallow) return null;
        }
        return m.raw;
      }
      case 'T':
        if (head?.kind === 'D') this.shiftPending();
        return m.raw;
      case 'A': {
        // NotificationResponse: the proxy's own channels never reach the client (see live.sql).
        const n = parseNotification(m.raw);
        if (!n.channel.startsWith(PROXY_CHANNEL_PREFIX)) return m.raw;
        this.host.onNotification(n.channel, n.payload);
        return null;
      }
      case 'D':
        head?.live?.returning(); // first row on its way to the client
        return m.raw;
      default:
        return m.raw;
    }
  }

  /** Removes the oldest pending entry; wakes admissions waiting for earlier SETs to take effect. */
  private shiftPending(): Pending | undefined {
    const entry = this.pending.shift();
    if (entry !== undefined && entry.statements.some((st) => st.effect !== undefined)) {
      this.unsettledEffects--;
      if (this.unsettledEffects === 0) this.wakeEffectWaiters();
    }
    return entry;
  }

  private wakeEffectWaiters(): void {
    const waiters = this.effectWaiters.splice(0);
    for (const w of waiters) w();
  }

  /** An Execute completed (CommandComplete, EmptyQueryResponse, PortalSuspended). */
  private completeExecute(): void {
    const live = this.shiftPending()?.live;
    if (live === null || live === undefined || live.done) return;
    live.ran = true;
    if (--live.refs <= 0) this.gate(this.finish(live, false));
  }

  private onError(m: Message, head: Pending | undefined): Buffer {
    const fields = parseErrorFields(m.raw);
    const code = fields.get('C') ?? '';
    const fatal = fields.get('S') === 'FATAL' || fields.get('V') === 'FATAL' || fields.get('S') === 'PANIC';
    if (fatal) this.upstreamSaidGoodbye = true;
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
    if (head.kind === 'Q' || head.kind === 'F' || head.kind === 'S') {
      // The rest of the query string is skipped (or the Sync's commit failed); the entry ends at
      // ReadyForQuery.
      if (live !== null) this.gate(this.finish(live, aborted));
      return out;
    }
    // Extended protocol: this message failed and PostgreSQL skips everything up to the next Sync.
    this.shiftPending();
    if (live !== null) this.gate(this.finish(live, aborted));
    if (!this.pending.some((p) => p.kind === 'S')) this.upstreamSkipping = true;
    return out;
  }

  private onReadyForQuery(m: Message): Buffer {
    let answered: Pending | undefined;
    while (this.pending.length > 0) {
      const entry = this.shiftPending() as Pending;
      if (entry.kind === 'S' || entry.kind === 'Q' || entry.kind === 'F') {
        answered = entry;
        break;
      }
      // Skipped by PostgreSQL after an error earlier in the batch (that error finished its statement).
      // A statement none of whose Executes ran is not recorded.
      const live = entry.live;
      if (live !== null && !live.done && --live.refs <= 0) this.gate(this.finish(live, false, live.ran));
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
    switch (effect.kind) {
      case 'queryGroup':
        this.current = { ...this.current, queryGroup: effect.value };
        return;
      case 'slotCount':
        this.current = { ...this.current, slotCount: effect.value };
        return;
      case 'statementTimeout':
        this.current = { ...this.current, statementTimeoutMs: effect.ms ?? this.startupTimeoutMs };
        return;
      case 'resetAll':
        this.current = { queryGroup: null, slotCount: 1, statementTimeoutMs: this.startupTimeoutMs };
        return;
    }
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

  /**
   * The session closed in the middle of a sequence on a single-backend engine (it holds the lock): the
   * engine finishes it first - a Sync ends an open extended-protocol sequence, and the ReadyForQuery
   * messages show it is done - so the next session's messages do not land in the middle of it (in an
   * error-skip or an implicit transaction that is not theirs). Bounded by DRAIN_TIMEOUT_MS.
   */
  private drainUpstream(up: net.Socket, release: () => void): void {
    let expected = this.pending.filter((p) => p.kind === 'S' || p.kind === 'Q' || p.kind === 'F').length;
    if (this.sequenceOpen) {
      up.write(SYNC);
      expected++;
    }
    if (expected === 0) {
      up.end(typedMessage('X'));
      release();
      return;
    }
    const timer = setTimeout(() => {
      this.draining = null;
      up.destroy();
      release();
    }, DRAIN_TIMEOUT_MS);
    timer.unref();
    const done = (): void => {
      clearTimeout(timer);
      this.draining = null;
      release();
    };
    up.once('close', done);
    this.draining = {
      expected,
      done: () => {
        up.end(typedMessage('X'));
        done();
      },
    };
    if (this.upstreamPaused) up.resume(); // nobody reads the client side any more
  }

  /** Engine output after close: only counted (see drainUpstream); the proxy's notifications still count. */
  private onDrainData(chunk: Buffer): void {
    const d = this.draining;
    if (d === null) return;
    try {
      this.upstreamReader.push(chunk);
      for (let m = this.upstreamReader.next(); m !== null; m = this.upstreamReader.next()) {
        if (m.type === 'A') {
          const n = parseNotification(m.raw);
          if (n.channel.startsWith(PROXY_CHANNEL_PREFIX)) this.host.onNotification(n.channel, n.payload);
        } else if (m.type === 'Z' && --d.expected <= 0) {
          d.done();
          return;
        }
      }
    } catch {
      this.upstream?.destroy(); // its 'close' releases the lock
    }
  }

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
    this.hold = null;
    this.wakeEffectWaiters();
    let running = false;
    for (const live of [...this.active]) {
      if (live.queued) live.cancelQueued();
      else {
        running = true;
        void this.finish(live, true);
      }
    }
    if (reason === 'upstream' && !this.upstreamSaidGoodbye && (wasReady || this.pid !== null)) {
      // The engine vanished without a word (backend killed, network cut): say so, like libpq would.
      this.send(errorResponse('FATAL', '08006', 'the connection to the database engine was lost'));
    }
    // A client that goes away mid-statement: stop the statement in the engine too (Redshift aborts it,
    // REFERENCE 6.3), otherwise e.g. pg_sleep would keep running with nobody waiting for it.
    if (reason !== 'upstream' && running && this.upstreamPid !== null && this.upstreamSecret !== null) {
      this.host.sendUpstreamCancel(this.upstreamPid, this.upstreamSecret);
    }
    // Single-backend engine: the lock goes when the engine is done with this session's messages.
    const held = this.lockRelease;
    this.lockRelease = null;
    const release = held ?? (() => {});
    if (this.upstream === null) {
      release();
    } else if (reason !== 'upstream' && this.upstreamConnected && wasReady) {
      if (held !== null && (this.pending.length > 0 || this.sequenceOpen))
        this.drainUpstream(this.upstream, held);
      else {
        this.upstream.end(typedMessage('X'));
        release();
      }
    } else {
      this.upstream.destroy();
      release();
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

/** statement_timeout given at login: as a startup parameter (node-pg) or in `options` (-c / --). */
function startupStatementTimeout(params: Map<string, string>): number {
  const direct = params.get('statement_timeout');
  if (direct !== undefined) return parseTimeoutMs(direct) ?? 0;
  const m = /(?:-c\s*|--)statement_timeout=(\S+)/.exec(params.get('options') ?? '');
  return m?.[1] === undefined ? 0 : (parseTimeoutMs(m[1]) ?? 0);
}
