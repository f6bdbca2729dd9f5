// The fast read paths of issue #14 give what the slow ones gave, on the real SQLite store: the
// fingerprint list from the day-block rollup equals the list grouped from every run (every sort, ranges
// that cut days, after retention and after a statement's fingerprint changed), and keyset pages of
// queries.history equal the offset pages in every sort.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoFromMicros } from '../../../electron/core/base/redshiftTime.ts';
import {
  addToDense,
  addToHistogram,
  DENSE_BUCKETS,
  encodeHistogram,
  mergeEncodedDense,
  percentileBounds,
  type Histogram,
} from '../../../electron/core/store/history/durationHistogram.ts';
import { percentile } from '../../../electron/core/views/percentile.ts';
import { applyRetention } from '../../../electron/core/store/history/applyRetention.ts';
import type { QueryRecord } from '../../../electron/core/store/history/QueryRecord.ts';
import { QueryStore } from '../../../electron/core/store/history/QueryStore.ts';
import { storedStatement } from '../store/support/storedStatement.ts';
import { readQueryHistory } from '../../../electron/core/store/history/readQueryHistory.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { readFingerprints } from '../../../electron/core/views/readFingerprints.ts';
import { DEFAULT_COLLECTOR_SETTINGS } from '../../../electron/core/base/CollectorSettings.ts';
import type { FingerprintSortKey } from '../../../shared/model/fingerprint.ts';
import type { QuerySortKey } from '../../../shared/model/query.ts';

const C = 'reads';
const HOUR_US = 3_600_000_000;
const DAY_US = 24 * HOUR_US;
// Not midnight: ranges and retention cut days.
const END_US = Date.UTC(2025, 5, 1, 13, 37) * 1000;
const DAYS = 150;
const RUNS = 6_000;

function record(i: number, over: Partial<QueryRecord> = {}): QueryRecord {
  const shape = (i * 31) % 40;
  const startUs = END_US - DAYS * DAY_US + Math.floor((i * DAYS * DAY_US) / RUNS);
  // Shape 7 gets slow in the last day; durations repeat a lot (ties) and spread over decades.
  const elapsedUs =
    (shape % 5 === 0 ? 1 : 10 ** (shape % 7)) *
    (100 + (i % 13) * 37) *
    (shape === 7 && startUs > END_US - DAY_US ? 9 : 1);
  const queueUs = (i % 4) * 1000;
  return storedStatement({
    connectionId: C,
    query: 10_000 + i,
    startUs,
    userId: 100 + (i % 3),
    userName: `user_${i % 3}`,
    xid: i,
    queueName: 'q',
    queueUs,
    execUs: elapsedUs - queueUs,
    aborted: i % 23 === 0,
    fingerprint: `fp_${shape}`,
    text: `SELECT ${shape}`,
    ...over,
  });
}

let dir: string;
let db: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-reads-'));
  db = openStore({ dataDir: dir });
  const store = new QueryStore(db);
  // Out of order, in pages, with a re-read overlap: the rollup counts each statement once.
  const all = Array.from({ length: RUNS }, (_, i) => record(i)).reverse();
  for (let p = 0; p < all.length; p += 700) db.transaction(() => store.upsert(all.slice(p, p + 800)))();
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The same list grouped from every run: a filter that keeps every row takes the per-run path. */
const everyRun = { minDurationMs: 0 };

function expectRolledEqualsRaw(fromUs: number, toUs: number): void {
  const range = { connectionId: C, from: isoFromMicros(fromUs), to: isoFromMicros(toUs) };
  for (const sort of ['newlySlow', 'p95Ms', 'totalMs', 'count', 'maxMs'] as FingerprintSortKey[]) {
    for (const [offset, limit] of [
      [0, 5],
      [3, 7],
      [0, 100],
    ] as const) {
      const rolled = readFingerprints(db, { ...range, sort, offset, limit });
      const raw = readFingerprints(db, { ...range, ...everyRun, sort, offset, limit });
      expect(rolled, `${sort} ${offset}+${limit}`).toEqual(raw);
    }
  }
}

describe('the duration histogram', () => {
  it('bounds the exact nearest-rank percentile, merged from parts, within a few per cent', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: 1 + Math.floor(next() * 300) }, () =>
        next() < 0.05 ? 0 : Math.floor(10 ** (next() * 11)),
      );
      // Two encoded parts merged, plus raw values added: as a reader combines blocks and edges.
      const a: Histogram = new Map();
      const b: Histogram = new Map();
      const dense = new Uint32Array(DENSE_BUCKETS);
      values.forEach((v, i) => (i % 3 === 0 ? addToDense(dense, v) : addToHistogram(i % 3 === 1 ? a : b, v)));
      mergeEncodedDense(dense, encodeHistogram(a));
      mergeEncodedDense(dense, encodeHistogram(b));
      for (const p of [50, 95]) {
        const exact = percentile(values, p)!;
        const [lo, hi] = percentileBounds(dense, p)!;
        expect(exact).toBeGreaterThanOrEqual(lo);
        expect(exact).toBeLessThanOrEqual(hi);
        if (exact > 0) expect(hi / lo).toBeLessThan(1.07);
      }
    }
  });
});

describe('queries.fingerprints from the rollup', () => {
  it('equals grouping every run, in every sort, whatever days the range cuts', () => {
    expectRolledEqualsRaw(END_US - 90 * DAY_US, END_US);
    expectRolledEqualsRaw(END_US - 140 * DAY_US + 5 * HOUR_US, END_US - 3 * DAY_US - 7 * HOUR_US);
    expectRolledEqualsRaw(END_US - 2 * DAY_US, END_US); // shorter than a block
    expectRolledEqualsRaw(END_US - 36 * HOUR_US, END_US); // the newly-slow alert's: the recent window read once
    expectRolledEqualsRaw(END_US - 400 * DAY_US, END_US + DAY_US); // wider than the history
    const list = readFingerprints(db, {
      connectionId: C,
      from: isoFromMicros(END_US - 90 * DAY_US),
      to: isoFromMicros(END_US),
    });
    expect(list.groups[0]).toMatchObject({ fingerprint: 'fp_7', newlySlow: true });
  });

  it('still equals it when a statement completed later changes fingerprint', () => {
    const store = new QueryStore(db);
    const moved = record(4_321);
    db.prepare('UPDATE queries SET text_complete = 0 WHERE connection_id = ? AND query = ?').run(
      C,
      moved.query,
    );
    db.transaction(() =>
      store.upsert([{ ...moved, fingerprint: 'fp_completed', text: 'SELECT all of it' }]),
    )();
    expect(
      readFingerprints(db, {
        connectionId: C,
        from: isoFromMicros(END_US - DAYS * DAY_US),
        to: isoFromMicros(END_US),
        text: 'all of it',
      }).groups.map((g) => g.fingerprint),
    ).toEqual(['fp_completed']);
    expectRolledEqualsRaw(END_US - 140 * DAY_US, END_US);
  });

  it('still equals it after retention cut the oldest days (mid-day)', async () => {
    const now = new Date((END_US + 3 * HOUR_US) / 1000);
    await applyRetention(db, { ...DEFAULT_COLLECTOR_SETTINGS.retentionDays, queries: 100 }, now);
    const oldestBlock = db.prepare('SELECT min(day_us) AS d FROM fingerprint_days').get() as { d: number };
    expect(oldestBlock.d).toBeGreaterThanOrEqual(END_US + 3 * HOUR_US - 100 * DAY_US);
    expectRolledEqualsRaw(END_US - 140 * DAY_US, END_US);
    expectRolledEqualsRaw(END_US - 99 * DAY_US - 5 * HOUR_US, END_US);
  });
});

describe('queries.history by keyset', () => {
  it('cursor pages equal offset pages, in every sort and direction, down to the last page', () => {
    const range = { connectionId: C, from: isoFromMicros(END_US - 120 * DAY_US), to: isoFromMicros(END_US) };
    for (const by of ['startTime', 'elapsedMs', 'queueMs', 'execMs'] as QuerySortKey[]) {
      for (const dir of ['asc', 'desc'] as const) {
        const args = { ...range, sort: { by, dir }, limit: 450 };
        const first = readQueryHistory(db, args);
        let next = first.next;
        let offset = 450;
        const seen = new Set(first.rows.map((r) => `${r.query}:${r.startTime}`));
        while (next !== null) {
          const byCursor = readQueryHistory(db, { ...args, after: next, withTotal: false });
          expect(byCursor.total).toBeNull();
          expect(byCursor.rows, `${by} ${dir} at ${offset}`).toEqual(
            readQueryHistory(db, { ...args, offset }).rows,
          );
          for (const r of byCursor.rows) seen.add(`${r.query}:${r.startTime}`);
          next = byCursor.next;
          offset += 450;
        }
        expect(seen.size).toBe(first.total);
      }
    }
  });

  it('a cursor and an offset together skip from the cursor', () => {
    const args = {
      connectionId: C,
      from: isoFromMicros(END_US - 120 * DAY_US),
      to: isoFromMicros(END_US),
      limit: 50,
    };
    const page = readQueryHistory(db, args);
    expect(readQueryHistory(db, { ...args, after: page.next!, offset: 100 }).rows).toEqual(
      readQueryHistory(db, { ...args, offset: 150 }).rows,
    );
  });
});
