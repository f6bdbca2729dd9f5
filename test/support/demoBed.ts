// The on-call test bed: `serve --demo --demo-engine postgres` (door 2 on the whole app: the Redshift
// double on Debian's PostgreSQL in live mode, its AWS stand-in, the collector and the store). Waits
// until the demo connection's history and live activity are collected, and gives tests the double's
// SQL endpoint so they can run statements of their own (fill a queue).
//
// Booting one takes a minute or more on a busy 2-core machine, so the browser areas that only read
// (sharedDemo.e2e.test.ts) share one, started once per run by test/support/sharedDemoSetup.ts
// (useSharedDemoBed). Files that change the cluster or the store (cancel, WLM changes) start their own
// (startDemoBed).
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Connection } from '../../shared/model/connection.ts';
import type { ConnectionCollectorStatus, CollectorStatus } from '../../shared/model/collector.ts';
import { startServe } from './serveProcess.ts';
import { waitForValue } from './waitFor.ts';

/** What a test may do with the serve process behind the bed (shared or its own). */
export interface DemoServer {
  url: string;
  port: number;
  token: string;
  stderr: () => string;
  call(method: string, args?: unknown): Promise<{ status: number; body: unknown }>;
}

export interface DemoBed {
  server: DemoServer;
  connectionId: string;
  /** The double's Redshift endpoint (the wire proxy, with WLM admission). */
  redshift: { host: string; port: number; database: string };
  /** Runs `fn` on a new client logged in as one of the double's roles (password `<user>_pw`). */
  asUser<T>(user: string, fn: (client: pg.Client) => Promise<T>): Promise<T>;
  /** A client left open (e.g. a statement that keeps a queue slot); the bed closes it at stop(). */
  openClient(user: string): Promise<pg.Client>;
  /** Closes the clients; stops the server if the bed owns it (a shared one stays for the next file). */
  stop(): Promise<void>;
}

/** One API call through the bed's door 2: its result, or an error naming the method and the refusal. */
export async function callDemo<T>(bed: DemoBed, method: string, args: unknown): Promise<T> {
  const res = (await bed.server.call(method, args)).body as { result?: T; error?: unknown };
  if (res.result === undefined) throw new Error(`${method} failed: ${JSON.stringify(res.error)}`);
  return res.result;
}

/** Where the shared demo server is, as sharedDemoSetup.ts provides it. */
export interface SharedDemoAddress {
  url: string;
  port: number;
  token: string;
  /** serve's stderr, copied to a file the test workers can read. */
  stderrPath: string;
  /**
   * When the server started: the `now` its demo history was generated for (ISO). A file that checks
   * the scenario manifest's nights builds its calendar from this, not from its own clock: a run that
   * crosses midnight UTC would otherwise expect every scenario a night later.
   */
  startedAt: string;
}

/** The run's shared demo server, as sharedDemoSetup.ts provided it. */
function sharedDemo(): SharedDemoAddress {
  const shared = inject('sharedDemo');
  if (!shared) throw new Error('no shared demo server: run this file in the e2e project (vitest.config.ts)');
  return shared;
}

/** The `now` the shared demo's history was generated for (scenarioCalendar's anchor). */
export function sharedDemoNow(): Date {
  return new Date(sharedDemo().startedAt);
}

declare module 'vitest' {
  export interface ProvidedContext {
    sharedDemo: SharedDemoAddress;
  }
}

/** The nights of history of the shared demo server (the slow-queries e2e needs 21). */
export const DEMO_NIGHTS = 21;

const READY_LINE = /demo cluster: ready; Redshift endpoint ([\d.]+):(\d+)/;
/** Starting the double and collecting its first history: minutes on a busy 2-core machine. */
const BOOT_TIMEOUT_MS = 300_000;

/** A demo server of the file's own (fewer nights boot faster). */
export async function startDemoBed(options: { admin?: boolean; nights?: number } = {}): Promise<DemoBed> {
  const server = await startServe({
    admin: options.admin ?? true,
    args: ['--demo', '--demo-engine', 'postgres', '--demo-nights', String(options.nights ?? DEMO_NIGHTS)],
  });
  try {
    return await demoBedOn(server, () => server.stop().then(() => undefined));
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- serve stderr ---\n${server.stderr().slice(-4000)}`, {
      cause: error,
    });
  }
}

/** The run's shared demo server (admin door), for files that only read and end what they start. */
export async function useSharedDemoBed(): Promise<DemoBed> {
  const shared = sharedDemo();
  const server: DemoServer = {
    url: shared.url,
    port: shared.port,
    token: shared.token,
    stderr: () => readFileSync(shared.stderrPath, 'utf8'),
    async call(method, args = {}) {
      const res = await fetch(`http://127.0.0.1:${shared.port}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${shared.token}` },
        body: JSON.stringify(args),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
  };
  try {
    return await demoBedOn(server, async () => undefined);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- serve stderr ---\n${server.stderr().slice(-4000)}`, {
      cause: error,
    });
  }
}

async function demoBedOn(server: DemoServer, stopServer: () => Promise<void>): Promise<DemoBed> {
  const clients: pg.Client[] = [];
  const endpoint = await waitForValue(
    () => {
      const match = READY_LINE.exec(server.stderr());
      return match ? { host: match[1] ?? '127.0.0.1', port: Number(match[2]) } : null;
    },
    { what: 'the demo cluster to start', timeoutMs: BOOT_TIMEOUT_MS, intervalMs: 250 },
  );
  const connectionId = await waitForValue(
    async () => {
      const listed = (await server.call('connections.list')).body as { ok: boolean; result?: Connection[] };
      return listed.result?.find((c) => c.target.kind === 'demo')?.id;
    },
    { what: 'the demo connection', timeoutMs: 60_000, intervalMs: 250 },
  );
  await waitForValue(
    async () => {
      const status = (await server.call('collector.status')).body as { result?: CollectorStatus };
      const demo = status.result?.connections.find((c) => c.connectionId === connectionId);
      return demo && collected(demo) ? true : null;
    },
    {
      what: 'the first collection of history and live activity',
      timeoutMs: BOOT_TIMEOUT_MS,
      intervalMs: 250,
    },
  );
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
      await stopServer();
    },
  };
}

function collected(status: ConnectionCollectorStatus): boolean {
  const done = (job: string) =>
    status.jobs.some((j) => j.job === job && j.lastSuccessAt !== null && (j.backfill?.done ?? true));
  return ['query_history', 'live_activity', 'wlm_state', 'wlm_config', 'alerts', 'metrics'].every(done);
}
