// The on-call test bed: `serve --demo --demo-engine postgres` (door 2 on the whole app: the Redshift
// double on Debian's PostgreSQL in live mode, its AWS stand-in, the collector and the store), started
// once per test file. Waits until the demo connection's history and live activity are collected, and
// gives tests the double's SQL endpoint so they can run statements of their own (fill a queue).
import pg from 'pg';
import type { Connection } from '../../shared/model/connection.ts';
import type { ConnectionCollectorStatus, CollectorStatus } from '../../shared/model/collector.ts';
import { startServe, type ServeProcess } from './serveProcess.ts';

export interface DemoBed {
  server: ServeProcess;
  connectionId: string;
  /** The double's Redshift endpoint (the wire proxy, with WLM admission). */
  redshift: { host: string; port: number; database: string };
  /** Runs `fn` on a new client logged in as one of the double's roles (password `<user>_pw`). */
  asUser<T>(user: string, fn: (client: pg.Client) => Promise<T>): Promise<T>;
  /** A client left open (e.g. a statement that keeps a queue slot); the bed closes it at stop(). */
  openClient(user: string): Promise<pg.Client>;
  stop(): Promise<void>;
}

const READY_LINE = /demo cluster: ready; Redshift endpoint ([\d.]+):(\d+)/;

export async function startDemoBed(options: { admin?: boolean; nights?: number } = {}): Promise<DemoBed> {
  const server = await startServe({
    admin: options.admin ?? true,
    args: ['--demo', '--demo-engine', 'postgres', '--demo-nights', String(options.nights ?? 21)],
  });
  const clients: pg.Client[] = [];
  try {
    const endpoint = await waitFor('the demo cluster to start', 180_000, () => {
      const match = READY_LINE.exec(server.stderr());
      return match ? { host: match[1] ?? '127.0.0.1', port: Number(match[2]) } : null;
    });
    const connectionId = await waitFor('the demo connection', 30_000, async () => {
      const listed = (await server.call('connections.list')).body as { ok: boolean; result?: Connection[] };
      return listed.result?.find((c) => c.target.kind === 'demo')?.id ?? null;
    });
    await waitFor('the first collection of history and live activity', 180_000, async () => {
      const status = (await server.call('collector.status')).body as { result?: CollectorStatus };
      const demo = status.result?.connections.find((c) => c.connectionId === connectionId);
      return demo && collected(demo) ? true : null;
    });
    const redshift = { ...endpoint, database: 'dev' };
    const openClient = async (user: string) => {
      const client = new pg.Client({ ...redshift, user, password: `${user}_pw` });
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    };
    return {
      server,
      connectionId,
      redshift,
      openClient,
      async asUser(user, fn) {
        const client = await openClient(user);
        try {
          return await fn(client);
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      async stop() {
        await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- serve stderr ---\n${server.stderr().slice(-4000)}`, {
      cause: error,
    });
  }
}

function collected(status: ConnectionCollectorStatus): boolean {
  const done = (job: string) =>
    status.jobs.some((j) => j.job === job && j.lastSuccessAt !== null && (j.backfill?.done ?? true));
  return ['query_history', 'live_activity', 'wlm_state', 'wlm_config', 'alerts', 'metrics'].every(done);
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | null | Promise<T | null>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
