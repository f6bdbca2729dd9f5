// A core (createCore, real dispatch and SQLite store) whose built-in demo cluster is the AWS
// stand-in alone, on a movable clock, with real @aws-sdk clients. The demo's database address is not
// served here: the collector's attempts fail quietly and nothing it does touches the WLM editor.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../../electron/core/createCore.ts';
import type { Core } from '../../../../electron/core/Core.ts';
import { silentLogger } from '../../../../electron/core/base/Logger.ts';
import type { DemoCluster } from '../../../../electron/core/base/DemoCluster.ts';
import type { AwsStandInOptions } from '../../../../electron/demo/aws/createAwsStandIn.ts';
import type { AuditPage } from '../../../../shared/model/audit.ts';
import type { Connection } from '../../../../shared/model/connection.ts';
import {
  ACCESS_KEY,
  CLUSTER_ID,
  REGION,
  SECRET_KEY,
  startStandIn,
  testClock,
  type StandInFixture,
  type TestClock,
} from '../../../demo/aws/standInHarness.ts';

export const admin = { door: 'ipc', admin: true } as const;

export interface WlmBed {
  core: Core;
  fixture: StandInFixture;
  clock: TestClock;
  dataDir: string;
  connectionId: string;
  call<T>(method: string, args: unknown): Promise<T>;
  /** The raw answer, for refusals that come back as errors. */
  raw(method: string, args: unknown): ReturnType<Core['dispatch']>;
  modifyCalls(): number;
  audit(action: string): Promise<AuditPage>;
  /** The core's store, opened a second time (WAL) to seed history. */
  openStore(): Database.Database;
  close(): Promise<void>;
}

export async function startWlmBed(overrides: Partial<AwsStandInOptions> = {}): Promise<WlmBed> {
  const clock = testClock();
  const fixture = await startStandIn({ now: clock.now, ...overrides });
  const demo: DemoCluster = {
    clusterIdentifier: CLUSTER_ID,
    region: REGION,
    address: () => Promise.reject(new Error('the demo database is not part of this test bed')),
    aws: async () => ({
      endpoint: fixture.standIn.endpoint,
      region: REGION,
      clusterIdentifier: CLUSTER_ID,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET_KEY,
    }),
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'ns-wlm-editor-'));
  const core = createCore({ dataDir, version: 'test' }, { log: silentLogger, secrets: null, env: {}, demo });
  await core.start();
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await core.dispatch(method, args, admin);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
  const connection = await call<Connection>('connections.add', { name: 'demo', target: { kind: 'demo' } });
  return {
    core,
    fixture,
    clock,
    dataDir,
    connectionId: connection.id,
    call,
    raw: (method, args) => core.dispatch(method, args, admin),
    modifyCalls: () =>
      fixture.standIn.state.requests.filter((r) => r.action === 'ModifyClusterParameterGroup').length,
    audit: (action) => call<AuditPage>('audit.list', { action }),
    openStore: () => {
      const db = new Database(join(dataDir, 'nightshift.db'));
      db.pragma('busy_timeout = 5000');
      return db;
    },
    close: async () => {
      await core.stop();
      await fixture.standIn.close();
    },
  };
}
