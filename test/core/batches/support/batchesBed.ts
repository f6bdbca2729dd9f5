// A Redshift double (real PostgreSQL engine, seeded workload of `nights` nights, no live sessions)
// collected by the real collector into a real store, with the batch handlers on top. The nights reach
// past a month start and far enough back for 28-night medians.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Connection } from '../../../../shared/model/connection.ts';
import { startCollector } from '../../../../electron/core/collector/startCollector.ts';
import { batchHandlers } from '../../../../electron/core/api/batchHandlers.ts';
import { AuditLog } from '../../../../electron/core/audit/AuditLog.ts';
import { ConnectionRepository } from '../../../../electron/core/connections/ConnectionRepository.ts';
import { PasswordVault } from '../../../../electron/core/connections/PasswordVault.ts';
import { EventBus } from '../../../../electron/core/base/EventBus.ts';
import { silentLogger } from '../../../../electron/core/base/Logger.ts';
import type { DemoCluster } from '../../../../electron/core/base/DemoCluster.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';
import { DEMO_CLUSTER } from '../../../../electron/demo/defaultWlmConfiguration.ts';
import { startDouble, type RedshiftDouble } from '../../../../electron/demo/startDouble.ts';
import { FAST_SETTINGS } from '../../collector/support/collectorBed.ts';
import { waitFor } from '../../../support/waitFor.ts';

export const admin = { door: 'ipc', admin: true } as const;

export interface BatchesBed {
  double: RedshiftDouble;
  db: Database.Database;
  connectionId: string;
  api: ReturnType<typeof batchHandlers>;
  stop(): Promise<void>;
}

export async function startBatchesBed(nights: number): Promise<BatchesBed> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const double = await startDouble({ engine: 'postgres', live: false, nights });
  const db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-batches-')) });
  const repo = new ConnectionRepository(db);
  const connection = {
    id: 'demo-batches',
    name: 'demo',
    target: { kind: 'demo' },
    passwordSource: 'none',
    createdAt: new Date().toISOString(),
  } as Connection;
  repo.insert(connection, null);
  const demo: DemoCluster = {
    clusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
    region: DEMO_CLUSTER.region,
    address: async () => double.pg,
    aws: async () => double.aws,
  };
  const collector = startCollector({
    db,
    log: silentLogger,
    events: new EventBus(),
    repo,
    vault: new PasswordVault(null, {}),
    demo,
    settings: { ...FAST_SETTINGS, historyPageSize: 5_000 },
  });
  const bed: BatchesBed = {
    double,
    db,
    connectionId: connection.id,
    api: batchHandlers({ db, audit: new AuditLog(db) }),
    async stop() {
      await collector.stop().catch(() => undefined);
      db.close();
      await double.stop();
    },
  };
  try {
    await waitFor(
      () => collector.collector.status().connections[0]?.jobs.find((j) => j.job === 'query_history'),
      (j) => j?.backfill?.done === true,
      { what: 'the history backfill', timeoutMs: 400_000 },
    );
  } catch (error) {
    await bed.stop();
    throw error;
  }
  return bed;
}
