// The Redshift-dialect wire proxy in front of the engine (a real PostgreSQL, or later an embedded
// PGlite served over a socket). Every client of the double - the app, tests, the live simulated
// clients - connects here. The proxy speaks PostgreSQL protocol v3 on 127.0.0.1, rewrites the Redshift
// statements PostgreSQL rejects (rewrites.ts), applies WLM admission control (Wlm.ts) and keeps the live
// relations (live/live.sql) current.
//
// Requires the catalog (installCatalog) and the live relations (installLive) in the admin database.
import { randomInt } from 'node:crypto';
import net from 'node:net';
import { DEMO_WLM_JSON } from '../defaultWlmConfiguration.ts';
import { AdminConnection } from './AdminConnection.ts';
import { LiveRegistry } from './LiveRegistry.ts';
import { silentLog, type ProxyLog } from './ProxyLog.ts';
import { ProxySession } from './ProxySession.ts';
import type { SessionHost } from './session/SessionHost.ts';
import type { SessionHandle } from './SessionHandle.ts';
import { SimulatedSession } from './SimulatedSession.ts';
import { UpstreamLock } from './UpstreamLock.ts';
import { buildCancelRequest } from './wire.ts';
import { WlmController, type ApplyMode } from './Wlm.ts';
import { wlmQueuesOf } from './wlmConfig.ts';

export interface ProxyOptions {
  /** The engine the proxy forwards to. */
  upstream: { host: string; port: number };
  /** A superuser login in the double's database, used for the live registry (never proxied). */
  admin: { user: string; password: string; database: string };
  /** Where to listen; 127.0.0.1 and a free port by default. */
  listen?: { host?: string; port?: number };
  /** WLM configuration used when rs_internal.wlm_active is empty; the demo's by default. */
  initialWlmJson?: string;
  /**
   * The engine has one backend for all connections (PGlite behind pglite-socket): sessions get virtual
   * pids from the proxy. Statements still run one at a time in the engine, cancel cannot interrupt a
   * running statement there, and `SET` values are shared by all sessions in the engine (the proxy's
   * routing keeps its own per-session query_group). Use simulated sessions for long statements.
   * Each session's statements reach the engine whole, one session at a time (UpstreamLock.ts).
   */
  singleBackend?: boolean;
  log?: ProxyLog;
}

export interface RedshiftProxy {
  host: string;
  port: number;
  /**
   * Installs a wlm_json_configuration at once: writes rs_internal.wlm_active and the service-class
   * rows; new statements see the new concurrency, running ones keep their slots. 'dynamic' shows
   * num_query_tasks <> target until the old slots drain (REFERENCE 3.5); 'static' (applied at a reboot)
   * shows the target straight away. When to call it is the AWS stand-in's decision.
   */
  applyWlmConfiguration(json: string, mode?: ApplyMode): Promise<void>;
  /** A session that lives only in the registry (see SimulatedSession); its pid is virtual. */
  simulateSession(options: { user: string; database?: string }): Promise<SimulatedSession>;
  /** Ends every client and simulated session, as a cluster reboot does. */
  disconnectAll(): void;
  /**
   * Runs `write` while no session's statements reach a single-backend engine (UpstreamLock.ts), once
   * no session waits for it: for a connection of the double's own that writes beside the sessions
   * (the demo's history). Every
   * statement of `write` must have ended, and its transaction too, when it resolves.
   */
  exclusive<T>(write: () => Promise<T>): Promise<T>;
  /** In-memory view of live sessions and statements. */
  readonly registry: LiveRegistry;
  readonly wlm: WlmController;
  close(): Promise<void>;
}

/** NOTIFY channels of rs_system.pg_cancel_backend / pg_terminate_backend (live.sql). */
const CANCEL_CHANNEL = 'rs_live_cancel';
const TERMINATE_CHANNEL = 'rs_live_terminate';
/**
 * Virtual pids start at 2^30: Redshift's pids are that large (REFERENCE 1.1), and PostgreSQL's real
 * ones never are (pid_max is at most 2^22), so the two never collide.
 */
const VIRTUAL_PID_BASE = 1 << 30;
export async function startProxy(options: ProxyOptions): Promise<RedshiftProxy> {
  const log = options.log ?? silentLog;
  const upstreamLock = options.singleBackend === true ? new UpstreamLock() : null;
  const admin = new AdminConnection({ ...options.upstream, ...options.admin }, log, upstreamLock);
  try {
    const installed = await admin.query<{ ok: boolean }>(
      "SELECT to_regclass('rs_internal.live_query') IS NOT NULL AS ok",
    );
    if (installed[0]?.ok !== true) {
      throw new Error(
        `the live relations are not installed in database ${options.admin.database} (run installLive)`,
      );
    }
    const active = await admin.query<{ json: string }>(
      'SELECT json FROM rs_internal.wlm_active WHERE id = 1',
    );
    const storedJson = active[0]?.json;
    const initialJson = storedJson ?? options.initialWlmJson ?? DEMO_WLM_JSON;

    const registry = new LiveRegistry(admin, log);
    const wlm: WlmController = new WlmController(wlmQueuesOf(initialJson), () => {
      registry
        .applyWlm(null, wlm)
        .catch((err: Error) => log.warn(`writing WLM state failed: ${err.message}`));
    });
    await registry.reset();
    await registry.applyWlm(storedJson === undefined ? initialJson : null, wlm);

    const sessions = new Set<ProxySession>();
    const simulated = new Set<SimulatedSession>();
    const byPid = new Map<number, SessionHandle>();
    let nextVirtualPid = VIRTUAL_PID_BASE + randomInt(1, 1 << 16);
    const allocateVirtualPid = () => ({ pid: nextVirtualPid++, secret: randomInt(1, 2 ** 31 - 1) });
    const onNotification = (channel: string, payload: string): void => {
      const pid = Number(payload);
      const target = Number.isInteger(pid) ? byPid.get(pid) : undefined;
      if (channel === CANCEL_CHANNEL) target?.cancel();
      else if (channel === TERMINATE_CHANNEL) target?.terminate();
    };
    const host: SessionHost = {
      upstream: options.upstream,
      wlm,
      registry,
      log,
      allocateVirtualPid: options.singleBackend === true ? allocateVirtualPid : null,
      upstreamLock,
      register: (s) => {
        if (s.pid !== null) byPid.set(s.pid, s);
      },
      unregister: (s) => {
        if (s instanceof ProxySession) sessions.delete(s);
        if (s instanceof SimulatedSession) simulated.delete(s);
        if (s.pid !== null && byPid.get(s.pid) === s) byPid.delete(s.pid);
      },
      findByPid: (pid) => byPid.get(pid),
      sendUpstreamCancel: (pid, secret) => sendCancel(options.upstream, pid, secret, log),
      onCancelRequest: (pid, secret) => {
        const s = byPid.get(pid);
        if (s !== undefined) {
          // The session decides: a statement the proxy still holds is cancelled here (with Redshift's
          // wording), one in the engine by the engine. Never both: a cancel sent on to the engine as
          // well could hit the statement that reports the proxy's cancel, or the session's next one.
          if (s.secret === secret) s.cancel();
          return;
        }
        // Not a proxied session (e.g. a direct connection): PostgreSQL checks the key itself.
        if (pid < VIRTUAL_PID_BASE) sendCancel(options.upstream, pid, secret, log);
      },
      onNotification,
    };

    await admin.listen(CANCEL_CHANNEL, (payload) => onNotification(CANCEL_CHANNEL, payload));
    await admin.listen(TERMINATE_CHANNEL, (payload) => onNotification(TERMINATE_CHANNEL, payload));

    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      socket.on('error', () => {}); // the session's own handler closes it; never crash the proxy
      const session = new ProxySession(socket, host);
      sessions.add(session);
      sockets.add(socket);
      socket.on('close', () => {
        sessions.delete(session);
        sockets.delete(socket);
      });
    });
    server.on('error', (err) => log.warn(`proxy server error: ${err.message}`));
    const address = await new Promise<net.AddressInfo>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.listen?.port ?? 0, options.listen?.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve(server.address() as net.AddressInfo);
      });
    });
    log.info(
      `Redshift proxy listening on ${address.address}:${address.port} -> ${options.upstream.host}:${options.upstream.port}`,
    );

    return {
      host: address.address,
      port: address.port,
      registry,
      wlm,
      async applyWlmConfiguration(json: string, mode: ApplyMode = 'dynamic') {
        const config = wlmQueuesOf(json);
        wlm.applyConfig(config, mode);
        await registry.applyWlm(json, wlm);
      },
      async simulateSession({ user, database }) {
        const session = await SimulatedSession.open(
          host,
          allocateVirtualPid(),
          user,
          database ?? options.admin.database,
        );
        simulated.add(session);
        byPid.set(session.pid, session);
        return session;
      },
      async exclusive(write) {
        const release = await upstreamLock?.acquire('background');
        try {
          return await write();
        } finally {
          release?.();
        }
      },
      disconnectAll() {
        for (const s of [...sessions]) s.shutdown();
        for (const s of [...simulated]) s.close();
      },
      async close() {
        for (const s of [...simulated]) s.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const s of [...sessions]) s.shutdown();
          // Clients that do not close their end are cut off shortly after the goodbye message.
          setTimeout(() => {
            for (const socket of sockets) socket.destroy();
          }, 500).unref();
        });
        await admin.close();
      },
    };
  } catch (err) {
    await admin.close();
    throw err;
  }
}

/** Sends a CancelRequest to the engine on a fresh connection, as libpq does. */
function sendCancel(
  upstream: { host: string; port: number },
  pid: number,
  secret: number,
  log: ProxyLog,
): void {
  const socket = net.connect(upstream.port, upstream.host);
  socket.setTimeout(5000, () => socket.destroy());
  socket.on('connect', () => socket.end(buildCancelRequest(pid, secret)));
  socket.on('error', (err) => log.warn(`cancel request for ${pid} failed: ${err.message}`));
}
