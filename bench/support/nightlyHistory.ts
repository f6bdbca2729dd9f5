// The synthetic nights the batch benches store: each night's jobs start from 01:00 UTC, each a chain
// of statements that run longer as the nights grow, written through the collector's write path
// (QueryStore.upsert in pages, with the batch rollup upkeep as queryHistoryJob does it). One home, so
// the batches and month-start benches measure the same history and differ only in their night shape.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DEFAULT_NIGHT_SPEC } from '../../electron/core/base/batchNight.ts';
import { BatchRollups } from '../../electron/core/store/batches/BatchRollups.ts';
import { writeBatchSettings } from '../../electron/core/store/batches/BatchSettingsStore.ts';
import type { QueryRecord } from '../../electron/core/store/history/QueryRecord.ts';
import { QueryStore } from '../../electron/core/store/history/QueryStore.ts';
import { openStore } from '../../electron/core/store/openStore.ts';
import { nightlyStatement } from './nightlyStatement.ts';

const PAGE = 5_000;

export interface NightShape {
  connectionId: string;
  /** 'YYYY-MM-DD'. */
  night: string;
  /** Multiplies run times and step gaps (1 + 1 % a night). */
  growth: number;
  firstQuery: number;
  jobs: number;
  statements: number;
  jobGapUs: number;
  stepGapUs: number;
  /** Every `queueEvery`-th statement (by step + job) waits 3 s for a slot. */
  queueEvery: number;
  label(job: number): string;
}

/** Every statement of one night, in start order. */
export function* nightStatements(n: NightShape): Generator<QueryRecord> {
  const base = Date.parse(`${n.night}T01:00:00Z`) * 1000;
  let q = n.firstQuery;
  for (let s = 0; s < n.statements; s++)
    for (let j = 0; j < n.jobs; j++)
      yield nightlyStatement({
        connectionId: n.connectionId,
        query: q++,
        night: n.night,
        job: j,
        step: s,
        label: n.label(j),
        startUs: base + j * n.jobGapUs + Math.round(s * n.stepGapUs * n.growth),
        queueUs: (s + j) % n.queueEvery === 0 ? 3_000_000 : 0,
        execUs: Math.round((2_000_000 + ((j * 7 + s) % 13) * 500_000) * n.growth),
      });
}

/** Writes the rows in pages as the collector does; returns how many it wrote. */
export function writeNights(
  db: Database.Database,
  connectionId: string,
  rows: Iterable<QueryRecord>,
  withRollups = true,
): number {
  const store = new QueryStore(db);
  writeBatchSettings(db, connectionId, { ...DEFAULT_NIGHT_SPEC, slaMinute: 7 * 60 });
  const rollups = new BatchRollups(db, connectionId, DEFAULT_NIGHT_SPEC);
  const write = db.transaction((page: QueryRecord[]) => {
    if (withRollups) {
      store.upsert(page, (r) => rollups.add(r));
      rollups.flush();
    } else store.upsert(page);
  });
  let page: QueryRecord[] = [];
  let written = 0;
  for (const r of rows) {
    page.push(r);
    if (page.length === PAGE) {
      write(page);
      written += page.length;
      page = [];
    }
  }
  write(page);
  return written + page.length;
}

/**
 * Ingest throughput in rows per CPU second of this process (the bench machine is shared: wall time says
 * more about the neighbours than about us), on fresh stores, without and with the batch rollup upkeep,
 * alternating so the machine's drifting load falls on both alike. Averaged over `rounds`.
 */
export function upkeepThroughput(
  connectionId: string,
  rows: () => Iterable<QueryRecord>,
  rounds: number,
): { without: number; with: number } {
  const sums = { without: 0, with: 0 };
  for (let i = 0; i < rounds; i++)
    for (const withRollups of [false, true]) {
      const dir = mkdtempSync(join(tmpdir(), 'ns-bench-upkeep-'));
      const db = openStore({ dataDir: dir });
      try {
        const c0 = process.cpuUsage();
        const written = writeNights(db, connectionId, rows(), withRollups);
        const c = process.cpuUsage(c0);
        sums[withRollups ? 'with' : 'without'] += written / ((c.user + c.system) / 1e6);
      } finally {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  return { without: sums.without / rounds, with: sums.with / rounds };
}
