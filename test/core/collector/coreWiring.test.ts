// The collector inside the core: it starts with core.start() for every saved connection, follows
// connections.add / connections.remove, pushes 'collector.status' events, serves the read API through
// dispatch, and stops (every in-flight statement aborted) with core.stop(). A restarted demo cluster
// hears once, when every job has had its first look, that it may write the history it missed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JOB_NAMES, type CollectorStatus } from '../../../shared/model/collector.ts';
import type { Connection } from '../../../shared/model/connection.ts';
import type { FingerprintPage } from '../../../shared/model/fingerprint.ts';
import type { QueryHistoryPage } from '../../../shared/model/query.ts';
import { createCore } from '../../../electron/core/createCore.ts';
import type { DemoCluster } from '../../../electron/core/base/DemoCluster.ts';
import { ensureDemoConnection } from '../../../electron/core/ensureDemoConnection.ts';
import { silentLogger } from '../../../electron/core/base/Logger.ts';
import { FAST_SETTINGS } from './support/collectorBed.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';
import { waitFor } from '../../support/waitFor.ts';
import { seedDoubleHistory } from './support/seedDouble.ts';

const admin = { door: 'ipc', admin: true } as const;
let double: DoubleDatabase;

beforeAll(async () => {
  double = await createDoubleDatabase(inject('pg'));
  await seedDoubleHistory(await double.direct(), { count: 120, endBase: new Date(Date.now() - 3_600_000) });
});

afterAll(async () => {
  await double?.destroy();
});

describe('collector in the core', () => {
  it('collects from saved connections, follows adds and removes, and stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ns-core-collector-'));
    const core = createCore(
      { dataDir, version: 'test', collector: FAST_SETTINGS },
      { log: silentLogger, secrets: null, env: {} },
    );
    const events: CollectorStatus[] = [];
    core.events.subscribe((e) => {
      if (e.name === 'collector.status') events.push(e.payload as CollectorStatus);
    });
    const call = async <T>(method: string, args: unknown = {}): Promise<T> => {
      const r = await core.dispatch(method, args, admin);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.result as T;
    };
    await core.start();
    try {
      expect(await call<CollectorStatus>('collector.status')).toEqual({ running: true, connections: [] });
      const c = await call<Connection>('connections.add', {
        name: 'double',
        target: {
          kind: 'direct',
          host: double.proxy.host,
          port: double.proxy.port,
          database: double.database,
          user: 'nightshift_monitor',
          sslMode: 'disable',
        },
        password: 'nightshift_monitor_pw',
      });
      const range = {
        connectionId: c.id,
        from: new Date(Date.now() - 7_200_000).toISOString(),
        to: new Date().toISOString(),
      };
      const page = await waitFor(
        () => call<QueryHistoryPage>('queries.history', range),
        (p) => p.total === 120,
        { what: 'the history via dispatch' },
      );
      expect(page.rows[0]!.connectionId).toBe(c.id);
      // Defect #13.6: a NUL in the text filter is taken literally, so it matches nothing (SQLite's LIKE
      // used to stop at it and match all 120); ordinary text still filters.
      expect((await call<QueryHistoryPage>('queries.history', { ...range, text: '\u0000' })).total).toBe(0);
      // The fingerprint groups share the filter: a NUL, before or after a word, groups nothing.
      for (const text of ['\u0000', 'select\u0000', '\u0000select'])
        expect((await call<FingerprintPage>('queries.fingerprints', { ...range, text })).total).toBe(0);
      const word = page.rows[0]!.textPreview.split(/\s+/)[0]!;
      const matching = await call<QueryHistoryPage>('queries.history', { ...range, text: word });
      expect(matching.total).toBeGreaterThan(0);
      expect(matching.total).toBeLessThanOrEqual(120);
      const status = await call<CollectorStatus>('collector.status');
      expect(status.connections).toMatchObject([
        { connectionId: c.id, name: 'double', state: 'connected', capabilities: ['provisioned'] },
      ]);
      expect(status.connections[0]!.jobs.map((j) => j.job)).toEqual(JOB_NAMES);
      // Pushed too (throttled to at most two events a second).
      await waitFor(() => events.some((e) => e.connections[0]?.state === 'connected'), Boolean, {
        what: 'the event',
      });

      await call('connections.remove', { id: c.id });
      await waitFor(
        () => call<CollectorStatus>('collector.status'),
        (s) => s.connections.length === 0,
        { what: 'the removal' },
      );
      // The history stays readable after the connection is gone (retention deletes it in time).
      expect((await call<QueryHistoryPage>('queries.history', range)).total).toBe(120);
    } finally {
      await core.stop();
    }
    const r = await core.dispatch('collector.status', {}, admin);
    expect(r.ok).toBe(false);
  });
});

describe('the demo cluster in the core', () => {
  it('is told once, after every job has run once, that the collector has polled it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ns-core-demo-'));
    const polledAt: number[] = [];
    const demo: DemoCluster = {
      clusterIdentifier: 'nightshift-demo',
      region: 'eu-west-1',
      address: async () => ({
        host: double.proxy.host,
        port: double.proxy.port,
        database: double.database,
        user: 'nightshift_monitor',
        password: 'nightshift_monitor_pw',
      }),
      // No AWS stand-in here: the CloudWatch jobs fail, which is a finished first run all the same.
      aws: async () => {
        throw new Error('no AWS stand-in in this test');
      },
      collectorPolled: () => polledAt.push(Date.now()),
    };
    const core = createCore(
      { dataDir, version: 'test', collector: FAST_SETTINGS },
      { log: silentLogger, secrets: null, env: {}, demo },
    );
    const status = async () => {
      const r = await core.dispatch('collector.status', {}, admin);
      if (!r.ok) throw new Error(r.error.message);
      return (r.result as CollectorStatus).connections[0];
    };
    await core.start();
    try {
      await ensureDemoConnection(core);
      await waitFor(
        () => polledAt.length,
        (n) => n > 0,
        { what: 'the demo told', timeoutMs: 120_000 },
      );
      // Every job finished a run by then; the live poll runs again and again, the call is not repeated.
      const jobs = (await status())?.jobs ?? [];
      for (const job of jobs)
        if (job.state.kind !== 'skipped') expect(job.durationMs, job.job).not.toBeNull();
      const live = await waitFor(
        async () => (await status())?.jobs.find((j) => j.job === 'live_activity'),
        (j) => j?.lastRunAt != null && Date.parse(j.lastRunAt) > polledAt[0]! && j.state.kind !== 'running',
        { what: 'a live poll after the call', timeoutMs: 120_000 },
      );
      expect(live?.lastSuccessAt).not.toBeNull();
      expect(polledAt).toHaveLength(1);
    } finally {
      await core.stop();
    }
  });
});
