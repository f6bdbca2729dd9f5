// The proxy's own connection to the engine (directly, not through the proxy, so its statements are never
// admitted or recorded). It writes the live registry and listens for cancel notifications. Reconnects
// after a drop; while down, writes fail fast and are logged, and the proxy keeps serving clients.
import pg from 'pg';
import type { ProxyLog } from './ProxyLog.ts';
import type { UpstreamLock } from './UpstreamLock.ts';

export interface AdminOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const RECONNECT_DELAY_MS = 1000;
const RECONNECT_MAX_MS = 30_000;
const CLOSE_GRACE_MS = 2000;
/** How long a failed statement waits for its ReadyForQuery before the engine lock is let go anyway. */
const READY_AFTER_ERROR_MS = 2000;

export class AdminConnection {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private closed = false;
  private readonly listeners = new Map<string, (payload: string) => void>();
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: AdminOptions,
    private readonly log: ProxyLog,
    /** A single-backend engine's lock (UpstreamLock.ts): every statement runs while holding it. */
    private readonly lock: UpstreamLock | null = null,
  ) {}

  /** Connects (first call) and subscribes to the channels registered so far. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Subscribes to a NOTIFY channel (re-subscribed after reconnects). */
  async listen(channel: string, handler: (payload: string) => void): Promise<void> {
    this.listeners.set(channel, handler);
    await this.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  }

  /**
   * Runs one statement. Statements run strictly one after another in call order (pg 8.23 deprecates
   * queueing on a client, and the registry relies on the order: a statement's start is written before
   * its state changes and its end).
   */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    const run = this.tail.then(async () => {
      const c = await this.connect();
      const result = await this.run<R>(c, sql, params);
      return result.rows;
    });
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Lets the queued registry writes finish (briefly), then disconnects. */
  async close(): Promise<void> {
    await Promise.race([this.tail, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    this.closed = true;
    const c = this.client;
    this.client = null;
    if (c !== null) await c.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('admin connection closed'));
    if (this.client !== null) return Promise.resolve(this.client);
    if (this.connecting !== null) return this.connecting;
    const c = new pg.Client({ ...this.options, application_name: 'rs_wlm_proxy' });
    c.on('error', (err) => {
      this.log.warn(`admin connection error: ${err.message}`);
      this.drop(c);
    });
    c.on('end', () => this.drop(c));
    c.on('notification', (n) => {
      const handler = this.listeners.get(n.channel);
      if (handler !== undefined) handler(n.payload ?? '');
    });
    this.connecting = (async () => {
      try {
        await c.connect();
        for (const channel of this.listeners.keys())
          await this.run(c, `LISTEN ${pg.escapeIdentifier(channel)}`);
        this.client = c;
        return c;
      } catch (err) {
        await c.end().catch(() => undefined);
        throw err;
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  /**
   * One statement on `c`; on a single-backend engine from the lock's acquisition to its ReadyForQuery,
   * so no client session's extended-protocol sequence is split by it (nor it by them).
   */
  private async run<R extends pg.QueryResultRow>(
    c: pg.Client,
    sql: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    if (this.lock === null) return c.query<R>(sql, params);
    const release = await this.lock.acquire();
    // pg settles a failed statement at its ErrorResponse, before the ReadyForQuery that ends the
    // sequence (the engine still has the Sync to process): the lock is kept until that arrives.
    let ready: () => void = () => {};
    const readyForQuery = new Promise<void>((resolve) => {
      ready = resolve;
    });
    c.connection.once('readyForQuery', ready);
    c.connection.once('end', ready);
    try {
      return await c.query<R>(sql, params);
    } catch (err) {
      if (err instanceof pg.DatabaseError) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          readyForQuery,
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, READY_AFTER_ERROR_MS);
          }),
        ]);
        clearTimeout(timer);
      }
      throw err;
    } finally {
      c.connection.off('readyForQuery', ready);
      c.connection.off('end', ready);
      release();
    }
  }

  private drop(c: pg.Client): void {
    if (this.client !== c) return;
    this.client = null;
    this.scheduleReconnect();
  }

  /**
   * Re-subscribes soon so cancels of queued statements keep working after an engine restart. Retries
   * back off up to RECONNECT_MAX_MS and only the first failure of an outage is logged.
   */
  private scheduleReconnect(delay = RECONNECT_DELAY_MS): void {
    if (this.closed || this.listeners.size === 0) return;
    setTimeout(() => {
      if (this.closed || this.client !== null || this.connecting !== null) return;
      this.connect().then(
        () => {
          if (delay > RECONNECT_DELAY_MS) this.log.info('admin connection restored');
        },
        (err: Error) => {
          if (delay === RECONNECT_DELAY_MS)
            this.log.warn(`admin reconnect failed (will keep trying): ${err.message}`);
          this.scheduleReconnect(Math.min(delay * 2, RECONNECT_MAX_MS));
        },
      );
    }, delay).unref();
  }
}
