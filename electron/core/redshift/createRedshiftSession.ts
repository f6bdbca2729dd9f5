// One connection's small pg pool (DESIGN.md §3): every statement runs by name from queries/, with a
// server-side statement_timeout and Nightshift's own query_group, and is cancelled on the server when
// its AbortSignal fires. A dropped server never crashes the process: the pool and every client have an
// 'error' listener, and the pool replaces broken clients on the next query.
//
// Cluster connections log in with temporary passwords (GetClusterCredentials, REFERENCE 4.6) that
// expire after 15 minutes: the pool asks for a fresh one when it opens a connection and the cached one
// is older than `credentialTtlMs`, retires connections after that age, and forgets the cached one after
// an authentication failure.
import pg from 'pg';
import type { Capability } from '../../../shared/model/collector.ts';
import type { Logger } from '../base/Logger.ts';
import { abortReason, settleOrAbort } from '../base/settleOrAbort.ts';
import { isAuthError, isConnectionError } from './isConnectionError.ts';
import type { RedshiftSession } from './RedshiftSession.ts';
import type { PgEndpoint } from './resolveEndpoint.ts';
import type { SqlRegistry } from './sqlRegistry.ts';

/** The query_group every monitoring statement runs under (REFERENCE 2.4), so WLM can route or exempt it. */
export const MONITOR_QUERY_GROUP = 'nightshift_monitor';
export const APPLICATION_NAME = 'nightshift';
/**
 * Every monitoring statement starts with this comment: Redshift keeps comments in the text it logs, so a
 * DBA sees whose statements they are, and the live view can leave Nightshift's own out of STV_RECENTS
 * (which has no query_group label to tell them by).
 */
export const STATEMENT_MARKER = '/* nightshift */';
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

export interface RedshiftSessionOptions {
  /** For log lines. */
  name: string;
  /** Where to connect; called at start and whenever the credentials must be renewed. */
  resolve(): Promise<PgEndpoint>;
  /** Renew credentials (and retire connections) after this long; null for static passwords. */
  credentialTtlMs?: number | null;
  registry: SqlRegistry;
  log: Logger;
  statementTimeoutMs?: number;
  maxClients?: number;
  connectTimeoutMs?: number;
}

// Timestamps stay text: a JS Date would read `timestamp without time zone` as local time and drop the
// microseconds (REFERENCE 1.1). collector/redshiftTime.ts parses them.
const TEXT_OIDS = new Set([1082, 1114, 1184]);
const keepText = (value: string) => value;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TEXT_OIDS.has(oid)
      ? keepText
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

const PROBES: { capability: Capability; queries: string[] }[] = [
  { capability: 'provisioned', queries: ['probe_stl_query', 'probe_stv_recents'] },
  { capability: 'serverless', queries: ['probe_sys_query_history'] },
];

export class SessionClosedError extends Error {
  override readonly name = 'SessionClosedError';
  constructor() {
    super('the Redshift session is closed');
  }
}

export async function createRedshiftSession(options: RedshiftSessionOptions): Promise<RedshiftSession> {
  const { log, registry, name } = options;
  const statementTimeoutMs = Math.round(options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
  const ttl = options.credentialTtlMs ?? null;
  let endpoint = await options.resolve();
  let resolvedAt = Date.now();
  let renewing: Promise<PgEndpoint> | null = null;
  const currentEndpoint = async (): Promise<PgEndpoint> => {
    if (ttl !== null && Date.now() - resolvedAt > ttl) {
      renewing ??= options.resolve().finally(() => (renewing = null));
      endpoint = await renewing;
      resolvedAt = Date.now();
    }
    return endpoint;
  };

  const closing = new AbortController();
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string, error?: unknown) => {
    if (warned.has(key)) return;
    warned.add(key);
    log.warn(`${name}: ${message}`, error);
  };

  const connectionConfig = (): pg.ClientConfig => ({
    host: endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user: endpoint.user,
    ...(ttl !== null
      ? { password: async () => (await currentEndpoint()).password ?? '' }
      : endpoint.password !== undefined
        ? { password: endpoint.password }
        : {}),
    ssl: endpoint.ssl,
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types,
  });

  const pool = new pg.Pool({
    ...connectionConfig(),
    max: options.maxClients ?? 3,
    idleTimeoutMillis: 60_000,
    ...(ttl !== null ? { maxLifetimeSeconds: Math.max(1, Math.floor(ttl / 1000)) } : {}),
  });
  // Idle clients whose server went away: the pool drops them; nothing to do but not crash.
  pool.on('error', (error) =>
    warnOnce('pool-error', 'an idle connection failed (it will be replaced)', error),
  );
  pool.on('connect', (client) => {
    client.on('error', () => {
      // The statement running on it (if any) reports the failure; the client is then discarded.
    });
  });

  // Session settings, once per new client, one statement at a time, before its first statement.
  const prepared = new WeakSet<pg.PoolClient>();
  const prepare = async (client: pg.PoolClient) => {
    await client.query(`SET statement_timeout TO ${statementTimeoutMs}`);
    try {
      await client.query(`SET query_group TO '${MONITOR_QUERY_GROUP}'`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/unrecognized configuration parameter "query_group"/i.test(message)) throw error;
      // Plain PostgreSQL (no Redshift proxy in front): there is no WLM to route by; carry on.
      warnOnce(
        'query-group',
        'the server has no query_group (not Redshift); monitoring runs without a label',
      );
    }
    prepared.add(client);
  };

  const inFlight = new Set<Promise<unknown>>();
  /** Each call's own abort, which close() fires: nothing listens on a session-long signal. */
  const callAborts = new Set<AbortController>();
  /** Calls per caller's signal: one listener on each such signal, however many calls share it. */
  const followers = new Map<AbortSignal, { calls: Set<AbortController>; onAbort: () => void }>();
  const follow = (source: AbortSignal, call: AbortController): (() => void) => {
    if (source.aborted) {
      call.abort(source.reason);
      return () => undefined;
    }
    let entry = followers.get(source);
    if (!entry) {
      const calls = new Set<AbortController>();
      const onAbort = () => {
        followers.delete(source);
        for (const c of calls) c.abort(source.reason);
      };
      source.addEventListener('abort', onAbort, { once: true });
      entry = { calls, onAbort };
      followers.set(source, entry);
    }
    entry.calls.add(call);
    const followed = entry;
    return () => {
      followed.calls.delete(call);
      if (followed.calls.size === 0 && followers.get(source) === followed) {
        followers.delete(source);
        source.removeEventListener('abort', followed.onAbort);
      }
    };
  };

  const acquire = (signal: AbortSignal): Promise<pg.PoolClient> =>
    settleOrAbort(pool.connect(), signal, {
      // The pool may still hand a client over: give it straight back.
      onAbort: (connecting) =>
        connecting.then(
          (c) => c.release(),
          () => undefined,
        ),
      onError: (error) => {
        if (isAuthError(error)) resolvedAt = 0; // renew the temporary password before the next try
      },
    });

  /** Asks the server to cancel a statement of ours, from a separate short-lived connection. */
  const cancelOnServer = async (pid: number) => {
    const client = new pg.Client({
      ...connectionConfig(),
      connectionTimeoutMillis: 5_000,
      statement_timeout: 5_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(registry.get('cancel_own_statement').sql, [pid]);
    } catch {
      // The statement may have ended, or the server is gone: dropping our connection is enough then.
    } finally {
      void client.end().catch(() => undefined);
    }
  };

  const run = async <R extends object>(
    queryName: string,
    params: unknown[],
    signal: AbortSignal,
  ): Promise<R[]> => {
    const q = registry.get(queryName);
    if (signal.aborted) throw abortReason(signal);
    const client = await acquire(signal);
    let discard = false;
    try {
      if (!prepared.has(client)) await prepare(client);
      const result = await settleOrAbort(client.query<R>(`${STATEMENT_MARKER} ${q.sql}`, params), signal, {
        onAbort: (running) => {
          discard = true;
          running.catch(() => undefined);
          const pid = (client as unknown as { processID: number | null }).processID;
          if (pid !== null) void cancelOnServer(pid);
        },
      });
      return result.rows;
    } catch (error) {
      if (isConnectionError(error)) discard = true;
      throw error;
    } finally {
      // A discarded client is closed: the server sees the connection end even if the cancel is lost.
      client.release(discard ? true : undefined);
    }
  };

  let capabilities: Capability[] = [];
  let serverVersion = '';
  const session: RedshiftSession = {
    get capabilities() {
      return capabilities;
    },
    get serverVersion() {
      return serverVersion;
    },
    async query<R extends object>(
      queryName: string,
      params: unknown[],
      opts: { signal?: AbortSignal } = {},
    ): Promise<R[]> {
      if (closing.signal.aborted) throw new SessionClosedError();
      const q = registry.get(queryName);
      if (q.requires.length > 0 && !q.requires.some((c) => capabilities.includes(c))) {
        throw new Error(
          `${queryName} needs ${q.requires.join(' or ')}; this connection has ${capabilities.join(', ') || 'neither'}`,
        );
      }
      // A signal of this call's own: run() listens on it while the call waits for a client and runs.
      // Many calls at once (views and actions pass no signal; a job may share one) listening on one
      // long-lived signal piled up listeners (MaxListenersExceededWarning, defect #13.8). Not
      // AbortSignal.any either: on Node 20 every call leaves ~50 bytes on its source for good.
      const call = new AbortController();
      const unfollow = opts.signal ? follow(opts.signal, call) : () => undefined;
      callAborts.add(call);
      const p = run<R>(queryName, params, call.signal);
      inFlight.add(p);
      try {
        return await p;
      } finally {
        inFlight.delete(p);
        callAborts.delete(call);
        unfollow();
      }
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort(new SessionClosedError());
      for (const call of callAborts) call.abort(closing.signal.reason);
      await Promise.allSettled([...inFlight]);
      await Promise.race([pool.end(), new Promise((r) => setTimeout(r, 5_000).unref())]);
    },
  };

  /** Whether a probe query runs here (a lost connection is no answer: it fails the probe). */
  const readable = async (queryName: string): Promise<boolean> => {
    try {
      await session.query(queryName, []);
      return true;
    } catch (error) {
      if (isConnectionError(error)) throw error;
      return false;
    }
  };
  /**
   * Capabilities (DESIGN.md §3): provisioned if STL/STV are readable; serverless if only SYS is. The
   * probes run at once: one after another they held back the first poll of every (re)start (#14).
   */
  const probe = async () => {
    const [identity, ...readables] = await Promise.all([
      session.query<{ version: string }>('server_identity', []),
      ...PROBES.map(async ({ queries }) => (await Promise.all(queries.map(readable))).every(Boolean)),
    ]);
    serverVersion = identity[0]?.version ?? 'unknown';
    const found: Capability[] = [];
    PROBES.forEach(({ capability }, i) => {
      // A provisioned cluster has the SYS views too; "serverless" means they are all there is.
      if (readables[i] && !(capability === 'serverless' && found.includes('provisioned')))
        found.push(capability);
    });
    capabilities = found;
  };
  try {
    await probe();
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}
