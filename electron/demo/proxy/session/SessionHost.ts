// What a proxied session (ProxySession) needs from the proxy that owns it (startProxy.ts).
import type { LiveRegistry } from '../LiveRegistry.ts';
import type { ProxyLog } from '../ProxyLog.ts';
import type { SessionHandle } from '../SessionHandle.ts';
import type { UpstreamLock } from '../UpstreamLock.ts';
import type { WlmController } from '../Wlm.ts';

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
