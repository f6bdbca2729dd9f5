// Faults the collector must survive, on a PostgreSQL server of its own (so it can be stopped): the
// server stopped with `pg_ctl -m immediate` in the middle of a backfill and started again, and the
// collector's backends killed with pg_terminate_backend. Each time: no crash, the job reports the
// failure, collects again soon after the server is back, records the gap, and stores no row twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresServer, type PostgresServer } from '../../support/postgresServer.ts';
import { jobStatus, startCollectorBed, type CollectorBed } from './support/collectorBed.ts';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';
import { waitFor } from '../../support/waitFor.ts';
import { seedDoubleHistory } from './support/seedDouble.ts';

let server: PostgresServer;
let double: DoubleDatabase;
const beds: CollectorBed[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
  double = await createDoubleDatabase(server);
});

afterAll(async () => {
  await Promise.all(beds.map((b) => b.stop().catch(() => undefined)));
  await double?.destroy().catch(() => undefined);
  server?.destroy();
});

// History pages small enough that a fault lands mid-backfill; the other jobs a little calmer, so the
// history job has the proxy's WLM queue mostly to itself.
const SETTINGS = {
  historyPagesPerRun: 1,
  intervalsMs: { live_activity: 1_000, wlm_state: 1_000, wlm_config: 5_000, loads: 2_000, alerts: 2_000 },
};

// Statements each test seeds: enough pages that a fault lands mid-backfill with pages to go after it,
// few enough that the rest of the backfill takes seconds (at 4,000 + 3,000 it took half the file's
// 80-100 s on a busy 2-core machine, in pages of one run each).
const FIRST_SEED = 1_500;
const SECOND_SEED = 2_000;

function storedQueries(bed: CollectorBed): number[] {
  return (
    bed.db
      .prepare('SELECT query FROM queries WHERE connection_id = ? ORDER BY query')
      .all(bed.connection.id) as { query: number }[]
  ).map((r) => r.query);
}

function gaps(bed: CollectorBed, job: string) {
  return bed.db
    .prepare(
      'SELECT from_us, to_us, reason FROM collection_gaps WHERE connection_id = ? AND job = ? ORDER BY from_us',
    )
    .all(bed.connection.id, job) as {
    from_us: number;
    to_us: number | null;
    reason: string;
  }[];
}

/** Seeds `count` statements ending `hoursAgo` hours back and starts a collector backfilling them. */
async function seedAndCollect(count: number, hoursAgo: number, historyPageSize: number) {
  const seeded = await seedDoubleHistory(await double.direct(), {
    count,
    endBase: new Date(Date.now() - hoursAgo * 3_600_000),
  });
  const bed = startCollectorBed({ double, settings: { ...SETTINGS, historyPageSize } });
  beds.push(bed);
  return { seeded, bed };
}

describe('collector faults', () => {
  it('survives the server stopping mid-poll (immediate) and recovers within 30 s of its return', async () => {
    const { seeded, bed } = await seedAndCollect(FIRST_SEED, 5, 200);
    await waitFor(
      () => storedQueries(bed).length,
      (n) => n >= 400,
      { what: 'part of the backfill', timeoutMs: 60_000 },
    );
    const stoppedAt = Date.now();
    server.stop('immediate');
    const failed = await waitFor(
      () => jobStatus(bed, 'query_history'),
      (j) => j.state.kind === 'failing',
      { what: 'the failure' },
    );
    expect(failed.state).toMatchObject({ kind: 'failing', error: expect.stringMatching(/./) as unknown });
    // "since" is the first failure of the streak, not the latest retry.
    const failingSince = failed.state.kind === 'failing' ? Date.parse(failed.state.since) : NaN;
    expect(failingSince).toBeGreaterThanOrEqual(stoppedAt - 1_000);
    expect(bed.collector.status().connections[0]!.state).toBe('failed');
    const storedWhileDown = storedQueries(bed).length;
    // Stay down until the backoff has grown (a few failed attempts in a row).
    await waitFor(
      () => jobStatus(bed, 'query_history'),
      (j) => j.consecutiveFailures >= 3,
      { what: 'three failed attempts in a row' },
    );
    const stillFailing = jobStatus(bed, 'query_history').state;
    expect(stillFailing.kind === 'failing' && Date.parse(stillFailing.since)).toBe(failingSince);
    server.start();
    const backAt = Date.now();
    await waitFor(
      () => jobStatus(bed, 'query_history'),
      (j) => j.state.kind !== 'failing' && j.lastSuccessAt !== null && Date.parse(j.lastSuccessAt) > backAt,
      { what: 'recovery within 30 s of the server coming back', timeoutMs: 30_000 },
    );
    await waitFor(
      () => storedQueries(bed).length,
      (n) => n === FIRST_SEED,
      { what: 'the rest of the backfill', timeoutMs: 60_000 },
    );
    expect(storedWhileDown).toBeLessThan(FIRST_SEED);
    expect(storedQueries(bed)).toEqual(seeded.map((s) => s.query));
    const gap = gaps(bed, 'query_history').at(-1)!;
    expect(gap.to_us).not.toBeNull();
    expect(gap.from_us).toBeLessThanOrEqual(stoppedAt * 1000);
    expect(gap.to_us!).toBeGreaterThanOrEqual(backAt * 1000);
    // Sampling jobs record the outage too: the WLM chart draws it as a gap.
    const wlmGap = gaps(bed, 'wlm_state').at(-1);
    expect(wlmGap?.to_us).toBeGreaterThanOrEqual(backAt * 1000);
    expect(bed.collector.status().connections[0]!.state).toBe('connected');
  });

  it('survives its backends being terminated (pg_terminate_backend) again and again', async () => {
    const { seeded, bed } = await seedAndCollect(SECOND_SEED, 4, 300);
    const killer = await double.direct();
    await waitFor(
      () => storedQueries(bed).length,
      (n) => n >= 300,
      { what: 'part of the backfill', timeoutMs: 60_000 },
    );
    let terminated = 0;
    for (let i = 0; i < 8; i++) {
      const r = await killer.query(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
         WHERE usename = 'nightshift_monitor' AND datname = current_database() AND pid <> pg_backend_pid()`,
      );
      terminated += Number((r.rows[0] as { n: string }).n);
      // The next kill once the collector is back at work (or done): kills land on a working collector.
      const stored = storedQueries(bed).length;
      await waitFor(
        () => storedQueries(bed).length,
        (n) => n > stored || n >= FIRST_SEED + SECOND_SEED,
        { what: 'the collector storing again after a kill', timeoutMs: 60_000 },
      );
    }
    expect(terminated).toBeGreaterThan(0);
    await waitFor(
      () => storedQueries(bed).length,
      (n) => n >= FIRST_SEED + SECOND_SEED,
      { what: 'the backfill despite the kills', timeoutMs: 60_000 },
    );
    const mine = new Set(storedQueries(bed));
    expect(seeded.every((s) => mine.has(s.query))).toBe(true);
    const all = storedQueries(bed);
    expect(new Set(all).size).toBe(all.length);
    const status = await waitFor(
      () => jobStatus(bed, 'query_history'),
      (j) => j.state.kind === 'ok',
    );
    expect(status.consecutiveFailures).toBe(0);
    expect(gaps(bed, 'query_history').every((g) => g.to_us !== null)).toBe(true);
  });
});
