// A Redshift double (real PostgreSQL engine, 21 nights of seeded workload by default, no live sessions)
// collected by the real collector into a real store, as the built-in demo connection (the AWS stand-in
// included), and the handlers of the areas that read history on top (views, loads, batches). One bed per
// test file. The collector's backfill of the history (7 s for 75 nights alone at load ~4, over a
// minute in a busy full run; minutes before the double analyzed its history) runs once per run and
// number of nights: the first file makes the store and keeps a copy (runCache.ts); the next files start
// a double with the same history (the same `now`) and a copy of that store, which the collector carries
// on from, as after a restart of the app.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import type { Connection } from '../../../../shared/model/connection.ts';
import type { CollectorSettingsOverride } from '../../../../electron/core/base/CollectorSettings.ts';
import { startCollector } from '../../../../electron/core/collector/startCollector.ts';
import { loadHandlers } from '../../../../electron/core/api/loadHandlers.ts';
import { BatchRebuilder } from '../../../../electron/core/batches/BatchRebuilder.ts';
import { batchHandlers } from '../../../../electron/core/api/batchHandlers.ts';
import { batchViewHandlers } from '../../../../electron/core/api/batchViewHandlers.ts';
import { AuditLog } from '../../../../electron/core/audit/AuditLog.ts';
import { collectorHandlers } from '../../../../electron/core/api/collectorHandlers.ts';
import { viewHandlers } from '../../../../electron/core/api/viewHandlers.ts';
import { ConnectionRepository } from '../../../../electron/core/connections/ConnectionRepository.ts';
import { PasswordVault } from '../../../../electron/core/connections/PasswordVault.ts';
import { EventBus } from '../../../../electron/core/base/EventBus.ts';
import { silentLogger } from '../../../../electron/core/base/Logger.ts';
import type { DemoCluster } from '../../../../electron/core/base/DemoCluster.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';
import { DEMO_CLUSTER } from '../../../../electron/demo/defaultWlmConfiguration.ts';
import { startDouble, type PgLogin, type RedshiftDouble } from '../../../../electron/demo/startDouble.ts';
import { FAST_SETTINGS } from '../../collector/support/collectorBed.ts';
import { runCached } from '../../../support/runCache.ts';
import { waitFor } from '../../../support/waitFor.ts';

export const admin = { door: 'ipc', admin: true } as const;

export interface ViewsBed {
  double: RedshiftDouble;
  db: Database.Database;
  dataDir: string;
  connectionId: string;
  /** The end of the double's history: what scenarioCalendar needs (a cached bed's is earlier). */
  now: Date;
  api: ReturnType<typeof viewHandlers> &
    ReturnType<typeof collectorHandlers> &
    ReturnType<typeof loadHandlers> &
    ReturnType<typeof batchHandlers> &
    ReturnType<typeof batchViewHandlers>;
  /** A client through the proxy (a login of the double: password `<user>_pw`). */
  connectAs(user: string): Promise<pg.Client>;
  stop(): Promise<void>;
}

const SETTINGS: CollectorSettingsOverride = {
  ...FAST_SETTINGS,
  historyPageSize: 5_000,
  intervalsMs: { ...FAST_SETTINGS.intervalsMs, metrics: 5_000 },
};

/** nights: how much history the double holds (batches need 28-night medians and a month start). */
export async function startViewsBed(nights = 21): Promise<ViewsBed> {
  const own: { bed?: ViewsBed } = {};
  const cached = await runCached(`views-store-${nights}n`, async (path) => {
    const now = new Date();
    const bed = await startBed(nights, now, null);
    own.bed = bed;
    try {
      await loadsCaughtUp(bed);
      await batchCaughtUp(bed);
      await bed.db.backup(path);
    } catch (error) {
      await bed.stop();
      throw error;
    }
    return { now: now.toISOString() };
  });
  return own.bed ?? startBed(nights, new Date(cached.meta.now), cached.path);
}

/**
 * The collector stores the history in pages: wait for the double's newest batch statement, so a bed
 * made just after tonight's first batch transaction committed has tonight's batch begun too.
 */
async function batchCaughtUp(bed: ViewsBed): Promise<void> {
  const client = await bed.connectAs(bed.double.pg.user);
  const { rows } = await client.query<{ us: string | null }>(
    `SELECT (extract(epoch FROM max(endtime)) * 1000000)::bigint::text AS us FROM stl_query
     WHERE label LIKE 'nightly_%'`,
  );
  const newest = Number(rows[0]?.us ?? 0);
  const stored = bed.db
    .prepare(`SELECT max(end_us) FROM queries WHERE connection_id = ? AND label LIKE 'nightly_%'`)
    .pluck();
  await waitFor(
    () => (stored.get(bed.connectionId) as number | null) ?? 0,
    (us) => us >= newest,
    { what: "the double's newest batch statement to be stored", timeoutMs: 400_000 },
  );
}

/** COPYs start every hour (the hourly feeds at :05): the latest summarized is this close to `now`. */
const LATEST_COPY_WITHIN_MS = 3 * 3_600_000;

/**
 * The loads job summarizes the COPYs once their statements are stored, after the backfill: the kept
 * store holds them too, so a file starting from a copy does not summarize the same history again (the
 * failed-COPY test of batchViews waited a minute for it on a copy).
 */
async function loadsCaughtUp(bed: ViewsBed): Promise<void> {
  const since = (bed.now.getTime() - LATEST_COPY_WITHIN_MS) * 1000;
  const latest = bed.db.prepare('SELECT max(start_us) FROM copy_loads WHERE connection_id = ?').pluck();
  await waitFor(
    () => (latest.get(bed.connectionId) as number | null) ?? 0,
    (startUs) => startUs >= since,
    { what: 'the COPYs of the last hours to be summarized', timeoutMs: 400_000 },
  );
}

/** A bed on a double generated for `now`, on a new store or a copy of `store` collected from one. */
async function startBed(nights: number, now: Date, store: string | null): Promise<ViewsBed> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const double = await startDouble({ engine: 'postgres', live: false, nights, now });
  const dataDir = mkdtempSync(join(tmpdir(), 'ns-views-'));
  if (store !== null) copyFileSync(store, join(dataDir, 'nightshift.db'));
  const db = openStore({ dataDir });
  const repo = new ConnectionRepository(db);
  const connection: Connection = {
    id: 'demo-views',
    name: 'demo',
    target: { kind: 'demo' },
    passwordSource: 'none',
    createdAt: now.toISOString(),
  } as Connection;
  if (store === null) repo.insert(connection, null);
  const demo: DemoCluster = {
    clusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
    region: DEMO_CLUSTER.region,
    address: async () => double.pg,
    aws: async () => double.aws,
  };
  const events = new EventBus();
  const vault = new PasswordVault(null, {});
  const collector = startCollector({ db, log: silentLogger, events, repo, vault, demo, settings: SETTINGS });
  const clients: pg.Client[] = [];
  const audit = new AuditLog(db);
  const bed: ViewsBed = {
    double,
    db,
    dataDir,
    connectionId: connection.id,
    now,
    api: {
      ...viewHandlers({ db, access: collector.access }),
      ...collectorHandlers({ collector: collector.collector }),
      ...loadHandlers({ db, audit }),
      ...batchHandlers({
        db,
        audit,
        rebuilder: new BatchRebuilder({ db, events, log: silentLogger }),
      }),
      ...batchViewHandlers({ db, audit }),
    },
    async connectAs(user) {
      const login: PgLogin = { ...double.pg, user, password: `${user}_pw` };
      const c = new pg.Client(login);
      c.on('error', () => undefined);
      await c.connect();
      clients.push(c);
      return c;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await collector.stop().catch(() => undefined);
      db.close();
      await double.stop();
    },
  };
  try {
    // The whole history is in the store once the backfill says so.
    await waitFor(
      () => collector.collector.status().connections[0]?.jobs.find((j) => j.job === 'query_history'),
      // On a copied store the backfill was done before: the first run reads only what is new.
      (j) =>
        j?.backfill?.done === true || (store !== null && j?.backfill === null && j.lastSuccessAt !== null),
      { what: 'the history backfill', timeoutMs: 400_000 },
    );
  } catch (error) {
    await bed.stop();
    throw error;
  }
  return bed;
}
