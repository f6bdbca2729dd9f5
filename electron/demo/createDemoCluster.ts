// The built-in demo cluster: the embedded double, started on first use and shared by every caller. On a
// first start it can be reached within seconds and writes its history after, newest night first. It
// satisfies the core's DemoCluster shape (electron/core/base/DemoCluster.ts) structurally, so the double
// never imports the core.
import pg from 'pg';
import { DEMO_CLUSTER } from './defaultWlmConfiguration.ts';
import type { EmbeddedEngine } from './engine/startEmbeddedEngine.ts';
import {
  startDouble,
  type DoubleEngine,
  type DoubleProgress,
  type PgLogin,
  type RedshiftDouble,
} from './startDouble.ts';

export type DemoClusterProgress =
  | { phase: 'not-started' }
  | Exclude<DoubleProgress, { phase: 'ready' }>
  | { phase: 'ready' }
  | { phase: 'failed'; error: string };

export { DEMO_CLUSTER_DIR } from './demoClusterDir.ts';

export interface DemoClusterHandle {
  readonly clusterIdentifier: string;
  readonly region: string;
  address(): Promise<PgLogin>;
  aws(): Promise<RedshiftDouble['aws']>;
  progress(): DemoClusterProgress;
  /** Starts the double now instead of on first use. */
  warmUp(): Promise<void>;
  /** The collector's first poll of the demo is done (the double then writes what it missed). */
  collectorPolled(): void;
  /** True once a history written while the demo was reachable is complete (see RedshiftDouble.history). */
  lateHistory(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface DemoClusterOptions {
  /** The app embeds PGlite; test beds and `serve --demo-engine postgres` use a real PostgreSQL server. */
  engine?: DoubleEngine;
  nights?: number;
  /**
   * Keep the demo's database here (embedded engine): a restart resumes it as it was instead of
   * generating its history again.
   */
  dataDir?: string;
  /** The embedded engine, already starting on the kept database in `dataDir` (see DoubleOptions). */
  startedEngine?: Promise<EmbeddedEngine>;
}

export function createDemoCluster(
  log: (line: string) => void,
  options: DemoClusterOptions = {},
): DemoClusterHandle {
  let starting: Promise<RedshiftDouble> | undefined;
  let progress: DemoClusterProgress = { phase: 'not-started' };
  const double = () =>
    (starting ??= startDouble({
      engine: options.engine ?? 'embedded',
      live: true,
      // Live activity and WLM state can be read while the history is written, newest night first.
      historyInBackground: true,
      ...(options.nights !== undefined ? { nights: options.nights } : {}),
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      ...(options.startedEngine !== undefined ? { startedEngine: options.startedEngine } : {}),
      log: (line) => log(`demo cluster: ${line}`),
      // 'ready' waits for the monitor's grant and the history below.
      onProgress: (p) => {
        if (p.phase !== 'ready') progress = p;
      },
    }).then(
      async (started) => {
        await letMonitorOperate(started);
        // One line a person (or a test bed) can use to reach the demo's SQL endpoint directly.
        log(
          `demo cluster: ready; Redshift endpoint ${started.pg.host}:${started.pg.port} (${started.engine})`,
        );
        void started.history.then(() => {
          if (progress.phase !== 'failed') progress = { phase: 'ready' };
        });
        return started;
      },
      (error: Error) => {
        progress = { phase: 'failed', error: error.message };
        throw error;
      },
    ));
  return {
    clusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
    region: DEMO_CLUSTER.region,
    async address() {
      const { pg } = await double();
      return pg;
    },
    async aws() {
      return (await double()).aws;
    },
    progress: () => progress,
    async warmUp() {
      await double();
    },
    async lateHistory() {
      return (await double()).history;
    },
    collectorPolled() {
      void starting?.then((started) => started.collectorPolled()).catch(() => undefined);
    },
    async stop() {
      if (starting) await (await starting.catch(() => null))?.stop();
    },
  };
}

/**
 * The built-in demo is the user's own cluster: its login is also the admin's, so it may cancel and
 * end anyone's statements (sys:operator, REFERENCE 2.2). The bare double keeps nightshift_monitor a
 * regular user, so tests can show what an unprivileged login is told.
 */
async function letMonitorOperate(started: RedshiftDouble): Promise<void> {
  const client = new pg.Client({ ...started.superuser });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`GRANT "sys:operator" TO ${started.pg.user}`);
    // Table ids to schema-qualified names for impact (superuser-only view, opened by a grant: REFERENCE 1.23).
    await client.query(`GRANT SELECT ON rs_system.svv_table_info TO ${started.pg.user}`);
  } finally {
    await client.end();
  }
}
