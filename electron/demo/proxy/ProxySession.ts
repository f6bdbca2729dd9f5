// One client connection through the proxy, and its upstream connection to the engine: the phase state
// machine that ties the session's parts (session/) together.
//
//   startup ──StartupMessage──> auth ──ReadyForQuery──> ready ──(either side closes)──> closed
//      │ SSLRequest/GSSENCRequest: 'N' (stay in startup)
//      └ CancelRequest: handed to the proxy, connection closed
//
// In `auth` bytes are relayed both ways untouched (password / SCRAM exchanges pass through); the
// BackendKeyData tells us the backend pid, which is the session's Redshift pid (REFERENCE 2.1).
// In `ready` every client message is read: Query / Parse texts go through rewrites.ts, and whatever
// runs a query (a Query message with a query statement; an extended-protocol segment - the messages up
// to Sync or Flush, session/ExtendedSegment.ts - with an Execute of a query portal) is held until WLM
// admits it (session/Admission.ts). Responses are matched to the client messages that caused them by
// session/PendingQueue.ts, which tells us when a statement completes (to release its slots and record
// it) and which CommandComplete belongs to which statement. The other parts: the settings routing sees
// (session/SessionSettings.ts), the single-backend engine lock (session/EngineLockPolicy.ts,
// session/UpstreamDrain.ts) and the output to the client (session/ClientOutput.ts).
// Long because the message handlers of both directions stay together: each reads and moves
// the same phase, and splitting them would scatter the protocol's order across files.
// scripts/stress-proxy.ts guards its concurrency.
import net from 'node:net';
import type { SessionInfo } from './LiveRegistry.ts';
import { nowMs } from './LiveRegistry.ts';
import type { LiveStatement, StatementOwner } from './LiveStatement.ts';
import {
  cancelledMessage,
  PG_USER_CANCEL_MESSAGE,
  planSql,
  raiseSql,
  SQLSTATE_QUERY_CANCELED,
  type PlannedStatement,
  type PlanOptions,
} from './rewrites.ts';
import { Admission } from './session/Admission.ts';
import { ClientOutput } from './session/ClientOutput.ts';
import { EngineLockPolicy } from './session/EngineLockPolicy.ts';
import { ExtendedSegment } from './session/ExtendedSegment.ts';
import { endsWithReady, PendingQueue, type Pending } from './session/PendingQueue.ts';
import { PROXY_CHANNEL_PREFIX, type SessionHost } from './session/SessionHost.ts';
import { SessionSettings } from './session/SessionSettings.ts';
import { UpstreamDrain } from './session/UpstreamDrain.ts';
import type { SessionHandle } from './SessionHandle.ts';
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
  parseCommandTag,
  parseErrorFields,
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

type Phase = 'startup' | 'auth' | 'ready' | 'closed';

/** How long a CANCEL's custom message waits for the victim's error (see noteCancels). */
const CANCEL_MESSAGE_TTL_MS = 10_000;
const FLUSH = typedMessage('H');

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
  /** Client messages wait in the inbox: a statement is being admitted or the engine lock is awaited. */
  private blocked = false;
  private readonly active = new Set<LiveStatement>();
  private readonly extended = new ExtendedSegment();
  private readonly pending = new PendingQueue();
  private readonly settings = new SessionSettings();
  private readonly output: ClientOutput;
  private readonly lock: EngineLockPolicy;
  private readonly admission: Admission;
  private readonly drain: UpstreamDrain;

  private txStatus = 'I';
  private xid: number | null = null;
  private info: Promise<SessionInfo> = Promise.resolve({ userid: 0, superuser: false, groups: [] });
  private cancelMessage: { message: string; until: number } | null = null;
  /** pg_last_query_id() / pg_last_copy_id() (REFERENCE 2.1): -1 until there is one. */
  private lastQueryId = -1;
  private lastCopyId = -1;

  /** PostgreSQL sent a FATAL error before closing, so the client already knows why. */
  private upstreamSaidGoodbye = false;
  private clientPaused = false;
  private readonly startedAt = nowMs();

  constructor(
    private readonly client: net.Socket,
    private readonly host: SessionHost,
  ) {
    this.output = new ClientOutput(
      client,
      () => this.upstream,
      () => this.closed,
    );
    this.lock = new EngineLockPolicy(host.upstreamLock ?? null, {
      isClosed: () => this.closed,
      awaitingEngine: () => this.pending.length > 0,
      inTransaction: () => this.txStatus !== 'I',
      outputGated: () => this.output.gated,
    });
    this.admission = new Admission({
      isClosed: () => this.closed,
      host,
      lock: this.lock,
      pending: this.pending,
      owner: (info) => this.owner(info),
      sessionInfo: () => this.info,
      statementTimeoutMs: () => this.settings.current.statementTimeoutMs,
      block: () => {
        this.blocked = true;
      },
      resume: () => {
        this.blocked = false;
        this.lock.maybeRelease();
        this.pump();
      },
      flushEngine: () => this.toUpstream(FLUSH),
      track: (live) => this.active.add(live),
      finish: (live, aborted) => this.finish(live, aborted),
      gate: (p) => this.output.gate(p),
      adoptXid: (live) => {
        if (this.txStatus !== 'I' && live.xid !== null) this.xid = live.xid;
      },
      takeCancelMessage: () => this.takeCancelMessage(),
      fail: (err) => this.fail(err),
    });
    this.drain = new UpstreamDrain(this.upstreamReader, (channel, payload) =>
      host.onNotification(channel, payload),
    );
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
    return this.settings.current.queryGroup ?? 'default';
  }

  /**
   * A CancelRequest with this session's key, or pg_cancel_backend / CANCEL on its pid. A statement the
   * proxy still holds (queued in WLM, or admitted but not yet forwarded) is cancelled by the proxy, and
   * its error carries Redshift's wording (REFERENCE 2.2); a statement in the engine is cancelled by the
   * engine. Decided here, synchronously, so the two never both happen: an engine cancel that also went
   * out for a held statement would hit whatever the engine runs next for this session.
   */
  cancel(): void {
    if (this.admission.cancelHeld()) {
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

  private owner(info: SessionInfo): StatementOwner {
    return {
      pid: this.pid ?? 0,
      userName: this.userName,
      database: this.database,
      info,
      queryGroup: this.settings.current.queryGroup,
      slotCount: this.settings.current.slotCount,
      xid: this.txStatus === 'I' ? null : this.xid,
    };
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
    this.settings.startup(startup.params);
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
        this.output.send(errorResponse('FATAL', '08006', `could not connect to the engine: ${err.message}`));
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
    if (this.extended.skips(m)) return;
    // Extended protocol: collected into a segment that goes upstream whole at Sync / Flush.
    if (m.type === 'P') {
      this.handleParse(m);
      return;
    }
    if (this.extended.collect(m)) return;
    if (m.type === 'S' || m.type === 'H') {
      this.flushSegment(m);
      return;
    }
    if (this.extended.open) {
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
    if (kind === 'S') this.lock.sequenceOpen = false;
    else if (kind !== 'Q' && kind !== 'F') this.lock.sequenceOpen = true;
    this.pending.push(entry);
    this.toUpstream(raw);
  }

  /**
   * Runs `send` (which writes to the engine) once this session may: at once, unless the engine has a
   * single backend and another session holds its lock - then the session's messages wait in order.
   */
  private whenUpstreamFree(send: () => void): void {
    if (this.lock.free) {
      send();
      this.lock.maybeRelease();
      return;
    }
    this.blocked = true;
    this.lock
      .acquire()
      .then((ok) => {
        if (!ok) return;
        send();
        this.blocked = false;
        this.lock.maybeRelease();
        this.pump();
      })
      .catch((err: unknown) => this.fail(err));
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
    this.admission.admit(
      sql.trim(),
      (live) => this.forward(raw, 'Q', { statements: plan.statements, live }),
      // Refused or cancelled while queued: PostgreSQL raises the error, keeping transaction state exact.
      (sqlstate, message) => this.forward(buildQuery(raiseSql(sqlstate, message)), 'Q'),
    );
  }

  private handleParse(m: Message): void {
    const parse = parseParse(m.raw);
    const plan = planSql(parse.sql, this.planOptions());
    this.noteCancels(plan.statements);
    const raw = plan.sql === parse.sql ? m.raw : buildParse({ ...parse, sql: plan.sql });
    this.extended.addParse(parse.name, plan.statements, raw);
  }

  /**
   * Sends the collected extended-protocol messages upstream, after WLM admission when they execute a
   * query. Holding the whole segment (not just its Execute) means a queued statement has not even been
   * parsed or bound upstream - it holds no locks, as on Redshift - and a single-backend engine (PGlite)
   * never sees another session's messages between this segment's Bind and Execute.
   * `terminator`: the Sync or Flush that ended the segment, or null when another message did.
   */
  private flushSegment(terminator: Message | null): void {
    const items = this.extended.take();
    const queries = items.filter((e) => e.kind === 'E' && e.statements[0]?.class === 'query');
    const sendTerminator = (): void => {
      if (terminator?.type === 'S') {
        this.extended.upstreamSkipping = false;
        this.forward(terminator.raw, 'S');
      } else if (terminator !== null) {
        this.toUpstream(terminator.raw);
      }
    };
    if (queries.length === 0 || this.extended.upstreamSkipping || this.txStatus === 'E') {
      this.whenUpstreamFree(() => {
        for (const e of items) this.forward(e.raw, e.kind, { statements: e.statements });
        sendTerminator();
      });
      return;
    }
    // Usually one query per segment; a batch (several Executes before Sync) is admitted as one query.
    const texts = [...new Set(queries.map((e) => (e.statements[0] as PlannedStatement).text.trim()))];
    this.admission.admit(
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
        this.extended.forgetUnnamed();
        const parse = buildParse({
          name: '',
          sql: raiseSql(sqlstate, message),
          paramTypes: Buffer.from([0, 0]),
        });
        this.forward(parse, 'P', { swallow: true });
        this.forward(typedMessage('B', Buffer.alloc(8)), 'B', { swallow: true });
        this.forward(typedMessage('E', Buffer.from([0, 0, 0, 0, 0])), 'E');
        if (terminator?.type !== 'S') {
          this.extended.skipUntilSync = true;
          this.extended.upstreamSkipping = true;
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
      this.drain.onData(chunk, this.upstream);
      return;
    }
    try {
      this.upstreamReader.push(chunk);
      this.client.cork();
      for (let m = this.upstreamReader.next(); m !== null; m = this.upstreamReader.next()) {
        const out = this.phase === 'ready' ? this.onUpstreamMessage(m) : this.onAuthMessage(m);
        if (out !== null) this.output.send(out);
      }
      this.client.uncork();
      this.lock.maybeRelease();
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
    const head = this.pending.head;
    switch (m.type) {
      case 'Z':
        return this.onReadyForQuery(m);
      case 'C': {
        const tag = parseCommandTag(m.raw);
        if (tag === 'ROLLBACK') this.settings.markFailed();
        if (head === undefined) return m.raw;
        const statement = head.kind === 'Q' ? head.statements[head.index++] : head.statements[0];
        if (statement?.effect !== undefined) this.settings.apply(statement.effect);
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
          this.pending.shift();
          if (head.swallow) return null;
        }
        return m.raw;
      }
      case 'T':
        if (head?.kind === 'D') this.pending.shift();
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

  /** An Execute completed (CommandComplete, EmptyQueryResponse, PortalSuspended). */
  private completeExecute(): void {
    const live = this.pending.shift()?.live;
    if (live === null || live === undefined || live.done) return;
    live.ran = true;
    if (--live.refs <= 0) this.output.gate(this.finish(live, false));
  }

  private onError(m: Message, head: Pending | undefined): Buffer {
    const fields = parseErrorFields(m.raw);
    const code = fields.get('C') ?? '';
    const fatal = fields.get('S') === 'FATAL' || fields.get('V') === 'FATAL' || fields.get('S') === 'PANIC';
    if (fatal) this.upstreamSaidGoodbye = true;
    // REFERENCE 6.3: aborted = 1 for user cancels and system stops; a terminated session stops too.
    const aborted = code === SQLSTATE_QUERY_CANCELED || fatal || code.startsWith('57P');
    this.settings.markFailed();
    let out = m.raw;
    const live = head?.live ?? null;
    if (live !== null && code === SQLSTATE_QUERY_CANCELED && fields.get('M') === PG_USER_CANCEL_MESSAGE) {
      // Redshift's text for a cancelled query names the query id (REFERENCE 2.2).
      fields.set('M', cancelledMessage(live.id ?? 0, this.takeCancelMessage()));
      out = buildErrorResponse(fields);
    }
    if (head === undefined) return out;
    if (endsWithReady(head)) {
      // The rest of the query string is skipped (or the Sync's commit failed); the entry ends at
      // ReadyForQuery.
      if (live !== null) this.output.gate(this.finish(live, aborted));
      return out;
    }
    // Extended protocol: this message failed and PostgreSQL skips everything up to the next Sync.
    this.pending.shift();
    if (live !== null) this.output.gate(this.finish(live, aborted));
    if (!this.pending.hasSync()) this.extended.upstreamSkipping = true;
    return out;
  }

  private onReadyForQuery(m: Message): Buffer {
    let answered: Pending | undefined;
    while (this.pending.length > 0) {
      const entry = this.pending.shift() as Pending;
      if (endsWithReady(entry)) {
        answered = entry;
        break;
      }
      // Skipped by PostgreSQL after an error earlier in the batch (that error finished its statement).
      // A statement none of whose Executes ran is not recorded.
      const live = entry.live;
      if (live !== null && !live.done && --live.refs <= 0)
        this.output.gate(this.finish(live, false, live.ran));
    }
    const status = readyForQueryStatus(m.raw);
    if (status === 'I') {
      this.settings.transactionEnded();
      this.xid = null;
    }
    this.txStatus = status;
    if (answered?.live && !answered.live.done) this.output.gate(this.finish(answered.live, false));
    return m.raw;
  }

  // ---- shutdown ------------------------------------------------------------------------------------

  /** A malformed message or an internal error ends this session only, with an ErrorResponse. */
  private fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.host.log.warn(`session ${this.pid ?? '?'}: ${message}`);
    if (this.phase === 'closed') return;
    const code = err instanceof ProtocolError ? '08P01' : 'XX000';
    this.output.send(errorResponse('FATAL', code, message));
    this.close('error');
  }

  /** The proxy is stopping: tell the client like a server shutting down would, then close. */
  shutdown(): void {
    if (this.phase === 'closed') return;
    this.output.send(errorResponse('FATAL', '57P01', 'terminating connection due to administrator command'));
    this.close('error');
  }

  close(reason: 'client' | 'upstream' | 'error'): void {
    if (this.phase === 'closed') return;
    const wasReady = this.phase === 'ready';
    this.phase = 'closed';
    this.admission.drop();
    this.pending.wakeEffectWaiters();
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
      this.output.send(errorResponse('FATAL', '08006', 'the connection to the database engine was lost'));
    }
    // A client that goes away mid-statement: stop the statement in the engine too (Redshift aborts it,
    // REFERENCE 6.3), otherwise e.g. pg_sleep would keep running with nobody waiting for it.
    if (reason !== 'upstream' && running && this.upstreamPid !== null && this.upstreamSecret !== null) {
      this.host.sendUpstreamCancel(this.upstreamPid, this.upstreamSecret);
    }
    // Single-backend engine: the lock goes when the engine is done with this session's messages.
    const held = this.lock.take();
    const release = held ?? (() => {});
    if (this.upstream === null) {
      release();
    } else if (reason !== 'upstream' && this.upstreamConnected && wasReady) {
      if (held !== null && (this.pending.length > 0 || this.lock.sequenceOpen)) {
        const owed = this.pending.readyExpected();
        this.drain.start(this.upstream, held, owed, this.lock.sequenceOpen, this.output.upstreamPaused);
      } else {
        this.upstream.end(typedMessage('X'));
        release();
      }
    } else {
      this.upstream.destroy();
      release();
    }
    if (!this.output.gated) {
      this.output.flush();
      this.client.end();
    }
    if (this.pid !== null) {
      this.host.unregister(this);
      this.host.registry.sessionEnd(this.pid);
    }
  }
}
