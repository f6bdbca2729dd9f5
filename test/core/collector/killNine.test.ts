// kill -9 of the serve process while it ingests, 20 times: the store stays intact, keeps every row it
// had committed, never holds a statement twice, and collection resumes from the watermark (it finishes
// without reading the history again from the start).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobStatus } from '../../../shared/model/collector.ts';
import { runConnectionId } from '../../../electron/core/collector/runConnection.ts';
import { createDoubleDatabase, waitFor, type DoubleDatabase } from './support/collectorBed.ts';
import { killCycle, prepareStore } from './support/killCycle.ts';
import { seedDoubleHistory } from './support/seedDouble.ts';
import { startServeChild } from './support/serveChild.ts';

const CYCLES = 20;

function countStored(dataDir: string): number {
  const db = new Database(join(dataDir, 'nightshift.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM queries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
let double: DoubleDatabase;

beforeAll(async () => {
  double = await createDoubleDatabase(inject('pg'));
});

afterAll(async () => {
  await double?.destroy();
});

describe('kill -9 during ingest', () => {
  it(`keeps the store intact and exact across ${CYCLES} kills`, { timeout: 600_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ns-kill9-'));
    prepareStore(dataDir);
    const seeder = await double.direct();
    const user = 'nightshift_monitor';
    const url = `postgres://${user}:${user}_pw@${double.proxy.host}:${double.proxy.port}/${double.database}`;
    const connectionId = runConnectionId({
      kind: 'direct',
      host: double.proxy.host,
      port: double.proxy.port,
      database: double.database,
      user,
      sslMode: 'disable',
    });
    let total = 0;
    const base = Date.now() - 6 * 3_600_000;
    // A history to start with, then new statements before every cycle.
    await seedDoubleHistory(seeder, { count: 1_000, endBase: new Date(base) });
    total += 1_000;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const result = await killCycle({
        dataDir,
        connectionUrl: url,
        connectionId,
        seeder,
        newRows: 300,
        endBase: new Date(base + (cycle + 1) * 600_000),
      });
      total += 300;
      expect(result.integrity).toBe('ok');
      expect(result.lost).toBe(0);
      expect(result.duplicates).toBe(0);
      expect(result.afterRestart).toBeGreaterThanOrEqual(result.committedBeforeKill);
      expect(result.afterRestart).toBeLessThanOrEqual(total);
    }

    // A last, clean run collects the rest: from the watermark, not from the start.
    const db = new Database(join(dataDir, 'nightshift.db'), { readonly: true });
    const storedBefore = (db.prepare('SELECT count(*) AS n FROM queries').get() as { n: number }).n;
    // The backfill's progress counts every row read since it began, across the killed runs too.
    const cursor = db.prepare("SELECT value_json FROM watermarks WHERE job = 'query_history'").get() as {
      value_json: string;
    };
    const saved = JSON.parse(cursor.value_json) as { backfillRead: number; caughtUp: boolean };
    db.close();
    const serve = await startServeChild(['--data-dir', dataDir, '--connection', url]);
    try {
      const status = await waitFor(
        async () => {
          const r = await serve.call('collector.status');
          const jobs = (r.result as { connections: { jobs: JobStatus[] }[] }).connections[0]?.jobs;
          return jobs?.find((j) => j.job === 'query_history');
        },
        (j) => j !== undefined && j.state.kind === 'ok' && j.backfill?.done !== false,
        60_000,
        'the final run to catch up',
      );
      await waitFor(
        () => countStored(dataDir),
        (n) => n === total,
        60_000,
        'every statement',
      );
      if (!saved.caughtUp) {
        // Mid-backfill: it read exactly the rows it did not have (the progress counts the killed runs too).
        expect(status!.backfill!.rowsRead - saved.backfillRead).toBe(total - storedBefore);
      } else {
        // Caught up: the next poll starts just before the cursor; no backfill from the start.
        expect(status!.backfill).toBeNull();
      }
    } finally {
      await serve.stop();
    }
    const final = new Database(join(dataDir, 'nightshift.db'), { readonly: true });
    expect(
      final
        .prepare('SELECT count(*) AS n, count(DISTINCT query) AS d FROM queries WHERE connection_id = ?')
        .get(connectionId),
    ).toEqual({ n: total, d: total });
    final.close();
  });
});
