// The Redshift-dialect wire proxy in front of the engine (a real PostgreSQL, or later an embedded
// PGlite served over a socket). Every client of the double - the app, tests, the live simulated
// clients - connects here. The proxy speaks PostgreSQL protocol v3 on 127.0.0.1, rewrites the Redshift
// statements PostgreSQL rejects (rewrites.ts), applies WLM admission control (Wlm.ts) and keeps the live
// relations (live/live.sql) current.
//
// Requires the catalog (installCatalog) and the live relations (installLive) in the admin database.
import net from 'node:net';
import { DEMO_WLM_JSON } from '../defaultWlmConfiguration.ts';
import { AdminConnection } from './AdminConnection.ts';
import { LiveRegistry } from './LiveRegistry.ts';
import { silentLog, type ProxyLog } from './ProxyLog.ts';
import { ProxySession, type SessionHost } from './ProxySession.ts';
import { buildCancelRequest } from './wire.ts';
import { WlmController, type ApplyMode } from './Wlm.ts';
import { parseWlmConfiguration } from './wlmConfig.ts';

export interface ProxyOptions {
  /** The engine the proxy forwards to. */
  upstream: { host: string; port: number };
  /** A superuser login in the double's database, used for the live registry (never proxied). */
  admin: { user: string; password: string; database: string };
  /** Where to listen; 127.0.0.1 and a free port by default. */
  listen?: { host?: string; port?: number };
  /** WLM configuration used when rs_internal.wlm_active is empty; the demo's by default. */
  initialWlmJson?: string;
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
  /** In-memory view of live sessions and statements. */
  readonly registry: LiveRegistry;
  readonly wlm: WlmController;
  close(): Promise<void>;
}

/** NOTIFY channel of rs_system.pg_cancel_backend (live.sql). */
const CANCEL_CHANNEL = 'rs_live_cancel';

export async function startProxy(options: ProxyOptions): Promise<RedshiftProxy> {
  const log = options.log ?? silentLog;
  const admin = new AdminConnection({ ...options.upstream, ...options.admin }, log);
  try {
    const installed = await admin.query<{ ok: boolean }>(
      "SELECT to_regclass('rs_internal.live_query') IS NOT NULL AS ok",
    );
    if (installed[0]?.ok !== true) {
      throw new Error(`the live relations are not installed in database ${options.admin.database} (run installLive)`);
    }
    const active = await admin.query<{ json: string }>('SELECT json FROM rs_internal.wlm_active WHERE id = 1');
    const storedJson = active[0]?.json;
    const initialJson = storedJson ?? options.initialWlmJson ?? DEMO_WLM_JSON;

    const registry = new LiveRegistry(admin, log);
    const wlm: WlmController = new WlmController(parseWlmConfiguration(initialJson), () => {
      registry.applyWlm(null, wlm).catch((err: Error) => log.warn(`writing WLM state failed: ${err.message}`));
    });
    await registry.reset();
    await registry.applyWlm(storedJson === undefined ? initialJson : null, wlm);

    const sessions = new Set<ProxySession>();
    const byPid = new Map<number, ProxySession>();
    const host: SessionHost = {
      upstream: options.upstream,
      wlm,
      registry,
      log,
      register: (s) => {
        if (s.pid !== null) byPid.set(s.pid, s);
      },
      unregister: (s) => {
        sessions.delete(s);
        if (s.pid !== null && byPid.get(s.pid) === s) byPid.delete(s.pid);
      },
      findByPid: (pid) => byPid.get(pid),
      sendUpstreamCancel: (pid, secret) => sendCancel(options.upstream, pid, secret, log),
      onCancelRequest: (pid, secret) => {
        const s = byPid.get(pid);
        if (s !== undefined && s.secret === secret) s.cancelQueued();
        // Always passed on: PostgreSQL checks the key itself and cancels a running statement.
        sendCancel(options.upstream, pid, secret, log);
      },
    };

    await admin.listen(CANCEL_CHANNEL, (payload) => {
      const pid = Number(payload);
      if (Number.isInteger(pid)) byPid.get(pid)?.cancelQueued();
    });

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
    log.info(`Redshift proxy listening on ${address.address}:${address.port} -> ${options.upstream.host}:${options.upstream.port}`);

    return {
      host: address.address,
      port: address.port,
      registry,
      wlm,
      async applyWlmConfiguration(json: string, mode: ApplyMode = 'dynamic') {
        const config = parseWlmConfiguration(json);
        wlm.applyConfig(config, mode);
        await registry.applyWlm(json, wlm);
      },
      async close() {
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
function sendCancel(upstream: { host: string; port: number }, pid: number, secret: number, log: ProxyLog): void {
  const socket = net.connect(upstream.port, upstream.host);
  socket.setTimeout(5000, () => socket.destroy());
  socket.on('connect', () => socket.end(buildCancelRequest(pid, secret)));
  socket.on('error', (err) => log.warn(`cancel request for ${pid} failed: ${err.message}`));
}
