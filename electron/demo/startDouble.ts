// Composes the Redshift double (DESIGN.md §5): an engine (a real PostgreSQL server, or PGlite in a
// worker for the built-in demo), the emulated catalog, a seeded history, the Redshift-dialect proxy
// with WLM admission control, the AWS stand-in, and optionally live sessions. Every client connects to
// the proxy, exactly as to a real cluster.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { readDemoState, markAppended, writeDemoState, type DemoState } from './demoState.ts';
import { installCatalog } from './catalog/installCatalog.ts';
import { DEMO_CLUSTER } from './defaultWlmConfiguration.ts';
import { createDemoAwsStandIn, DEMO_AWS_CREDENTIALS } from './aws/createDemoAwsStandIn.ts';
import type { AwsStandIn } from './aws/createAwsStandIn.ts';
import { startEmbeddedEngine, type EmbeddedEngine } from './engine/startEmbeddedEngine.ts';
import { startPostgresServer } from './engine/postgresServer.ts';
import { installLive } from './live/installLive.ts';
import { startLiveWorkload, type LiveWorkload } from './live/startLiveWorkload.ts';
import { startProxy, type RedshiftProxy } from './proxy/startProxy.ts';
import { appendWorkload } from './workload/appendWorkload.ts';
import type { WorkloadScale } from './workload/day.ts';
import type { WorkloadOptions } from './workload/generateWorkload.ts';
import { analyzeHistory, writeHistory } from './writeHistory.ts';

export type DoubleEngine = 'postgres' | 'embedded';

export interface DoubleOptions {
  engine: DoubleEngine;
  seed?: number;
  nights?: number;
  scale?: WorkloadScale;
  /** Run live sessions (statements that really run and queue) and keep history growing. */
  live?: boolean;
  retentionDays?: number;
  /** The end of the generated history (default: now). A test bed that reuses a store collected from an
   * earlier double passes that double's `now`, so both hold the same rows. */
  now?: Date;
  /** Progress lines for a human (stderr in the CLI). */
  log?: (line: string) => void;
  /**
   * Embedded engine only: keep the database in this folder. A later start resumes it as it was
   * (history, WLM configuration, logins) and appends the history missed since, instead of generating.
   */
  dataDir?: string;
  /**
   * Embedded engine with a kept database only: the engine already starting on `dataDir`. `serve`
   * starts it before it loads the core, so PGlite's start (the longest part of a restart) overlaps
   * the module loading (issue #14: polling again within 3 s of a restart).
   */
  startedEngine?: Promise<EmbeddedEngine>;
  /**
   * A first start returns as soon as the double serves the live relations and writes its history
   * after, newest night first (history resolves when it is written; issue #14: live data within 10 s).
   */
  historyInBackground?: boolean;
  /** Where a start stands, for a status a user sees (nights of history written so far). */
  onProgress?: (progress: DoubleProgress) => void;
}

export type DoubleProgress =
  | { phase: 'starting' }
  | { phase: 'generating'; nightsWritten: number; nights: number }
  | { phase: 'ready'; resumed: boolean };

export interface PgLogin {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface RedshiftDouble {
  /** The monitoring user (regular, SYSLOG ACCESS UNRESTRICTED), reached through the proxy. */
  pg: PgLogin;
  /** A superuser login through the proxy (admin actions, tests). */
  superuser: PgLogin;
  aws: {
    endpoint: string;
    region: string;
    clusterIdentifier: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
  engine: DoubleEngine;
  proxy: RedshiftProxy;
  standIn: AwsStandIn;
  /**
   * Resolves once the generated history is all written: true when that was after the double was
   * returned (historyInBackground on a first start), so a reader may have missed its older nights.
   */
  history: Promise<boolean>;
  /**
   * A collector's first poll is done: a resumed double writes the history it missed while stopped
   * now (otherwise at the first append tick).
   */
  collectorPolled(): void;
  stop(): Promise<void>;
}

const MONITOR = { user: 'nightshift_monitor', password: 'nightshift_monitor_pw' };
const DATABASE = DEMO_CLUSTER.database;
/** How often a live double writes the generated workload that finished since the last write. */
const APPEND_EVERY_MS = 60_000;

export async function startDouble(options: DoubleOptions): Promise<RedshiftDouble> {
  const log = options.log ?? (() => {});
  const progress = options.onProgress ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    log(`starting the ${options.engine} engine`);
    progress({ phase: 'starting' });
    // Only the embedded engine keeps its database in a folder.
    const dataDir = options.engine === 'embedded' ? options.dataDir : undefined;
    const started = dataDir !== undefined ? options.startedEngine : undefined;
    // A started engine has written into its folder already: it was given because the folder was kept.
    const wasEmpty = started === undefined && (dataDir === undefined || isEmptyDir(dataDir));
    let engine: Engine = started
      ? { ...(await started), singleSession: true }
      : await startEngine(options.engine, dataDir);
    stops.push(() => engine.stop());
    const kept = wasEmpty ? null : await readKeptState(engine);
    if (dataDir !== undefined && !wasEmpty && kept === null) {
      // A first start that did not finish: its half-written history is no use, begin again.
      log(`the kept demo database in ${dataDir} is incomplete; generating it again`);
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
      engine = await startEngine(options.engine, dataDir);
    }
    const upstream = { host: engine.host, port: engine.port };
    const superuser = { user: engine.user, password: engine.password };

    if (engine.singleSession || kept !== null) {
      // PGlite has one database and one session that every connection shares: the catalog goes into
      // it, and the search_path that ALTER DATABASE gives new sessions on a real server is set once.
    } else {
      const admin = new pg.Client({ ...upstream, ...superuser, database: 'postgres' });
      admin.on('error', () => {});
      await admin.connect();
      await admin.query(`CREATE DATABASE ${DATABASE}`);
      await admin.end();
    }

    const setup = new pg.Client({ ...upstream, ...superuser, database: DATABASE });
    setup.on('error', () => {});
    await setup.connect();
    if (kept === null) {
      log('installing the emulated catalog');
      await installCatalog(setup);
    }
    await installLive(setup);
    if (engine.singleSession) await setup.query('SET search_path TO "$user", public, rs_system');
    const now = options.now ?? new Date();
    const workload: WorkloadOptions = {
      seed: kept?.seed ?? options.seed ?? 42,
      nights: kept?.nights ?? options.nights ?? 75,
      scale: kept?.scale ?? options.scale ?? 'small',
      // A kept history goes on from the `now` it was generated for, so its scenarios keep their nights.
      now: kept?.generatedAt ?? now,
      database: DATABASE,
      ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
    };
    const nights = workload.nights ?? 75;
    // The first start's history: before the double is returned, or (historyInBackground) while it
    // already serves live sessions, newest night first.
    const generating = new AbortController();
    // Once the proxy serves sessions, the double's own writes take turns with theirs on the engine.
    let served: RedshiftProxy | null = null;
    const alone = <T>(write: () => Promise<T>): Promise<T> =>
      served === null ? write() : served.exclusive(write);
    // The collector's first look (collectorPolled), or a while without one (a demo nobody reads).
    let looked = () => {};
    const firstLook = new Promise<void>((resolve) => {
      looked = resolve;
      setTimeout(resolve, FIRST_LOOK_WAIT_MS).unref();
    });
    const generate = async (): Promise<void> => {
      await writeHistory(setup, workload, {
        ...(options.historyInBackground ? { firstLook } : {}),
        log,
        progress: (nightsWritten, nights) => progress({ phase: 'generating', nightsWritten, nights }),
        embedded: options.engine === 'embedded',
        order: options.historyInBackground ? 'newest-first' : 'oldest-first',
        signal: generating.signal,
        exclusive: alone,
        pace: options.historyInBackground === true,
      });
      // Without statistics PostgreSQL plans the history's joins row by row (minutes on 21 nights).
      if (options.engine === 'postgres' && !generating.signal.aborted)
        await alone(() => analyzeHistory(setup, log));
      if (dataDir !== undefined && !generating.signal.aborted) {
        // Only a complete history is marked: a start stopped half-way generates again next time.
        const state = {
          seed: workload.seed,
          nights,
          scale: workload.scale,
          generatedAt: now,
          appendedUntil: now,
        };
        await alone(() => writeDemoState(setup, state));
      }
    };
    if (kept === null && !options.historyInBackground) await generate();
    if (kept !== null) {
      log(
        `resuming the kept demo database (history generated for ${kept.generatedAt.toISOString()}, appended up to ${kept.appendedUntil.toISOString()})`,
      );
    }

    const proxy = await startProxy({
      upstream,
      admin: { ...superuser, database: DATABASE },
      // On PGlite every connection shares one backend: the proxy hands out its own pids.
      singleBackend: engine.singleSession,
    });
    stops.push(() => proxy.close());
    served = proxy;

    const pool = new pg.Pool({ ...upstream, ...superuser, database: DATABASE, max: 2 });
    pool.on('error', () => {});
    stops.push(() => pool.end());
    const standIn = await createDemoAwsStandIn({
      pool,
      endpoint: { address: proxy.host, port: proxy.port },
      onWlmApplied: (json) => proxy.applyWlmConfiguration(json),
      // A reboot ends every session, as on Redshift.
      onReboot: async () => proxy.disconnectAll(),
    });
    stops.push(() => standIn.close());

    // History missed while the double was stopped, then what finishes as the clock goes on. A kept
    // database more than `nights` behind gets only the last `nights` (it would hold no more).
    let appendedUntil =
      kept === null ? now : laterOf(kept.appendedUntil, new Date(now.getTime() - nights * DAY_MS));
    let appending: Promise<void> | null = null;
    const append = () => {
      const to = new Date();
      // A day at a time alone on the engine: hours missed while stopped never hold up a poll for long.
      appending ??= appendWorkload(setup, workload, { from: appendedUntil, to }, { alone })
        .then(async () => {
          appendedUntil = to;
          if (dataDir !== undefined) await alone(() => markAppended(setup, to));
        })
        .catch((error: Error) => log(`appending history failed: ${error.message}`))
        .finally(() => (appending = null));
    };
    let timer: NodeJS.Timeout | undefined;
    let caughtUp = kept === null || !options.live;
    const catchUp = () => {
      looked();
      if (caughtUp) return;
      caughtUp = true;
      append();
    };
    let history = Promise.resolve(false);
    if (options.live) {
      log('starting live sessions');
      const live: LiveWorkload = startLiveWorkload({
        ...(options.engine === 'embedded'
          ? { simulateWith: proxy }
          : { proxyAddress: { host: proxy.host, port: proxy.port } }),
        database: DATABASE,
        seed: workload.seed,
      });
      stops.push(() => live.stop());
    }
    if (kept === null && options.historyInBackground) {
      history = generate().then(
        () => true,
        (error: Error) => {
          log(`generating the history failed: ${error.message}`);
          return true;
        },
      );
    }
    // What finishes as the clock goes on, once the generated history is all written (both write on
    // the one setup client, a transaction per day). The history missed while stopped waits for the
    // first poll (catchUp): PGlite runs one statement at a time, and hours of catch-up written first
    // would hold back the collector's first polls (#14); the first tick writes it in any case.
    if (options.live)
      void history.then(
        () => (timer = generating.signal.aborted ? undefined : setInterval(append, APPEND_EVERY_MS)),
      );
    stops.push(() => setup.end());
    // First of all on stop: no new append or night, and the one in flight finishes before its client closes.
    stops.push(async () => {
      generating.abort();
      clearInterval(timer);
      await history;
      await appending;
    });

    const through = { host: proxy.host, port: proxy.port, database: DATABASE };
    void history.then(() => progress({ phase: 'ready', resumed: kept !== null }));
    return {
      history,
      collectorPolled: catchUp,
      pg: { ...through, ...MONITOR },
      superuser: { ...through, ...superuser },
      aws: {
        endpoint: standIn.endpoint,
        region: DEMO_CLUSTER.region,
        clusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
        ...DEMO_AWS_CREDENTIALS,
      },
      engine: options.engine,
      proxy,
      standIn,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface Engine {
  host: string;
  port: number;
  user: string;
  password: string;
  /**
   * PGlite: one backend whose single session every connection shares; it ignores the user and the
   * database a client asks for (everyone is its superuser, in its one database).
   */
  singleSession: boolean;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;
/** How long a first start's history waits for a collector's first look before it goes on anyway. */
const FIRST_LOOK_WAIT_MS = 15_000;

const laterOf = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** The kept history's state, read on a short connection of its own (null: nothing complete kept). */
async function readKeptState(engine: Engine): Promise<DemoState | null> {
  const client = new pg.Client({
    host: engine.host,
    port: engine.port,
    user: engine.user,
    password: engine.password,
    database: DATABASE,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return await readDemoState(client);
  } finally {
    await client.end();
  }
}

async function startEngine(kind: DoubleEngine, dataDir: string | undefined): Promise<Engine> {
  if (kind === 'embedded') {
    const e = await startEmbeddedEngine(dataDir !== undefined ? { dataDir } : {});
    return { ...e, singleSession: true };
  }
  const server = await startPostgresServer();
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    singleSession: false,
    stop: async () => server.destroy(),
  };
}
