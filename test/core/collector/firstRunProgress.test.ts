// What a first start says while it cannot show data yet (issue #14): while the demo cluster generates
// its history the connection says so, n of N nights, as it moves (not "connecting…" for a minute), also
// once it can be read while it writes (newest night first), and no older night is missed when the
// history is complete; and a backfill reports its progress page by page during a run, not only when
// the run ends.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CollectorStatus } from '../../../shared/model/collector.ts';
import type { Connection } from '../../../shared/model/connection.ts';
import { DEFAULT_COLLECTOR_SETTINGS } from '../../../electron/core/base/CollectorSettings.ts';
import { demoProgressText, type DemoClusterProgress } from '../../../electron/core/base/DemoCluster.ts';
import { EventBus } from '../../../electron/core/base/EventBus.ts';
import { silentLogger } from '../../../electron/core/base/Logger.ts';
import { Collector } from '../../../electron/core/collector/Collector.ts';
import { createJobs } from '../../../electron/core/collector/jobs/createJobs.ts';
import { historyCaughtUpSince } from '../../../electron/core/collector/jobs/queryHistoryJob.ts';
import { DEFAULT_QUERIES_DIR } from '../../../electron/core/collector/startCollector.ts';
import { SqlRegistry } from '../../../electron/core/redshift/sqlRegistry.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';
import { waitFor } from '../../support/waitFor.ts';
import { startCollectorBed } from './support/collectorBed.ts';
import { seedDoubleHistory } from './support/seedDouble.ts';

describe('a demo cluster that is still generating its history', () => {
  it('says what it is doing, n of N nights, as it moves, then connects', async () => {
    const db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-first-run-')) });
    const events = new EventBus();
    const pushed: CollectorStatus[] = [];
    events.subscribe((e) => {
      if (e.name === 'collector.status') pushed.push(e.payload as CollectorStatus);
    });
    let progress: DemoClusterProgress = { phase: 'generating', nightsWritten: 3, nights: 75 };
    let ready!: () => void;
    const generated = new Promise<void>((resolve) => (ready = resolve));
    const demo: Connection = {
      id: 'demo',
      name: 'Demo cluster',
      target: { kind: 'demo' },
      passwordSource: 'none',
      createdAt: new Date().toISOString(),
    };
    const collector = new Collector({
      db,
      log: silentLogger,
      events,
      registry: SqlRegistry.load(DEFAULT_QUERIES_DIR),
      settings: DEFAULT_COLLECTOR_SETTINGS,
      jobs: createJobs(DEFAULT_COLLECTOR_SETTINGS),
      // As the real demo: its address is known once its history is written.
      endpointFor: async () => {
        await generated;
        throw new Error('the demo cluster stopped');
      },
      awsFor: () => null,
      preparingFor: (c) => (c.target.kind === 'demo' ? demoProgressText(progress) : null),
    });
    try {
      collector.start([], [demo]);
      const first = collector.status().connections[0];
      expect(first?.state).toBe('connecting');
      expect(first?.preparing).toBe("Generating the demo cluster's history: 3 of 75 nights");

      progress = { phase: 'generating', nightsWritten: 40, nights: 75 };
      const moved = await waitFor(
        () => pushed.at(-1)?.connections[0]?.preparing,
        (text) => text === "Generating the demo cluster's history: 40 of 75 nights",
        'a status event with the new night count',
      );
      expect(moved).toContain('40 of 75');

      progress = { phase: 'ready' };
      ready();
      const after = await waitFor(
        () => collector.status().connections[0],
        (c) => c?.state === 'failed',
        'the connection attempt after the demo is ready',
      );
      expect(after?.preparing).toBeNull();
    } finally {
      await collector.stop();
      db.close();
    }
  });
});

/** A double database of the describe block's own, for its tests. */
function useDoubleDatabase(): () => DoubleDatabase {
  let double: DoubleDatabase | undefined;
  beforeAll(async () => {
    double = await createDoubleDatabase(inject('pg'));
  });
  afterAll(async () => {
    await double?.destroy();
  });
  return () => {
    if (!double) throw new Error('the double database is not ready');
    return double;
  };
}

describe('a demo cluster read while it writes its history, newest night first', () => {
  const double = useDoubleDatabase();

  it('says how far the history is while connected, and reads the older nights once it is complete', async () => {
    const direct = await double().direct();
    const hour = 3_600_000;
    await seedDoubleHistory(direct, { count: 40, endBase: new Date(Date.now() - hour) });
    let progress: DemoClusterProgress = { phase: 'generating', nightsWritten: 1, nights: 75 };
    let complete!: (late: boolean) => void;
    const lateHistory = new Promise<boolean>((resolve) => (complete = resolve));
    const bed = startCollectorBed({
      double: double(),
      preparingFor: () => demoProgressText(progress),
      lateHistoryFor: () => () => lateHistory,
    });
    const stored = () =>
      (
        bed.db
          .prepare('SELECT count(*) AS n FROM queries WHERE connection_id = ?')
          .get(bed.connection.id) as {
          n: number;
        }
      ).n;
    const historyJob = () =>
      bed.collector.status().connections[0]?.jobs.find((j) => j.job === 'query_history');
    try {
      const connected = await waitFor(
        () => bed.collector.status().connections[0],
        (c) => c?.state === 'connected' && stored() >= 40,
        { what: 'the last night read', timeoutMs: 120_000 },
      );
      expect(connected?.preparing).toBe("Generating the demo cluster's history: 1 of 75 nights");
      const firstCaughtUp = historyCaughtUpSince(bed.db, bed.connection.id);
      expect(firstCaughtUp).not.toBeNull();

      // An older night lands behind the cursor: the polls that follow do not see it.
      await seedDoubleHistory(direct, { count: 25, endBase: new Date(Date.now() - 50 * hour) });
      const seeded = Date.now();
      await waitFor(
        historyJob,
        (j) =>
          j?.durationMs != null &&
          j.lastRunAt != null &&
          Date.parse(j.lastRunAt) > seeded &&
          j.state.kind === 'ok',
        { what: 'a history poll after the older night', timeoutMs: 120_000 },
      );
      expect(stored()).toBe(40);

      progress = { phase: 'ready' };
      complete(true);
      await waitFor(stored, (n) => n >= 65, { what: 'the older night read', timeoutMs: 120_000 });
      expect(stored()).toBe(65);
      expect(bed.collector.status().connections[0]?.preparing).toBeNull();
      // The history caught up anew once it was read again: what the alerts judged before (on the newest
      // night alone) is not kept (cachedRule.ts).
      const again = await waitFor(
        () => historyCaughtUpSince(bed.db, bed.connection.id),
        (since) => since !== null && since > firstCaughtUp!,
        'the history caught up again after reading the older night',
      );
      expect(again).toBeGreaterThan(firstCaughtUp!);
    } finally {
      await bed.stop();
    }
  });
});

describe('backfill progress', () => {
  const double = useDoubleDatabase();

  it('is reported page by page while a run reads, rows and what is left adding up', async () => {
    const direct = await double().direct();
    await seedDoubleHistory(direct, { count: 1200, endBase: new Date(Date.now() - 3 * 3_600_000) });
    const bed = startCollectorBed({
      double: double(),
      settings: { historyPageSize: 100, historyPagesPerRun: 6 },
    });
    // Progress as a reader sees it mid-run: in the pushed status events (at most two a second, so a
    // quick run may fold into one) and in the status read at any moment, sampled every few ms.
    const duringRuns: { rowsRead: number; remaining: number | null }[] = [];
    const note = (status: CollectorStatus) => {
      const job = status.connections[0]?.jobs.find((j) => j.job === 'query_history');
      if (job?.state.kind === 'running' && job.backfill && !job.backfill.done) duringRuns.push(job.backfill);
    };
    bed.events.subscribe((e) => {
      if (e.name === 'collector.status') note(e.payload as CollectorStatus);
    });
    try {
      await waitFor(
        () => {
          const status = bed.collector.status();
          note(status);
          return status.connections[0]?.jobs.find((j) => j.job === 'query_history')?.backfill;
        },
        (b) => b?.done === true,
        { what: 'the backfill done', timeoutMs: 120_000, intervalMs: 5 },
      );
      // Progress arrived while runs were still reading, and it only goes forward.
      // Events and samples interleave in time order, so together they only go forward too.
      const reads = duringRuns.map((p) => p.rowsRead);
      expect(new Set(reads).size).toBeGreaterThanOrEqual(3);
      expect([...reads].sort((a, b) => a - b)).toEqual(reads);
      for (const p of duringRuns) expect(p.remaining).not.toBeNull();
    } finally {
      await bed.stop();
    }
  });
});
