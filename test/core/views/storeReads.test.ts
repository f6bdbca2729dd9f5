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
  addToHistogram,
  encodedPercentileBounds,
  encodeHistogram,
  mergeEncoded,
  type Histogram,
} from '../../../electron/core/store/history/durationHistogram.ts';
import { percentile } from '../../../electron/core/views/percentile.ts';
import { applyRetention } from '../../../electron/core/store/history/applyRetention.ts';
import type { QueryRecord } from '../../../electron/core/store/history/QueryRecord.ts';
import { QueryStore } from '../../../electron/core/store/history/QueryStore.ts';
import { storedStatement } from '../store/support/storedStatement.ts';
import { readQueryHistory } from '../../../electron/core/store/history/readQueryHistory.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { newlySlowFingerprints } from '../../../electron/core/views/newlySlowFingerprints.ts';
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
  it('bounds the exact nearest-rank percentile, merged from parts, within a few per cent; parts bound it too', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: 1 + Math.floor(next() * 300) }, () =>
        next() < 0.05 ? 0 : Math.floor(10 ** (next() * 11)),
      );
      // Two encoded parts merged into a third, as the rollup adds a page's runs to a stored block. Every
      // other trial reads a part at an unaligned offset (as a blob inside a larger buffer can be).
      const a: Histogram = new Map();
      const b: Histogram = new Map();
      const merged: Histogram = new Map();
      values.forEach((v, i) => addToHistogram(i % 3 === 0 ? merged : i % 3 === 1 ? a : b, v));
      const unaligned = (blob: Buffer) => Buffer.concat([Buffer.alloc(3), blob]).subarray(3);
      mergeEncoded(merged, encodeHistogram(a));
      mergeEncoded(merged, trial % 2 ? unaligned(encodeHistogram(b)) : encodeHistogram(b));
      const bounds = encodedPercentileBounds(encodeHistogram(merged), [50, 95]);
      for (const [i, p] of [50, 95].entries()) {
        const exact = percentile(values, p)!;
        const [lo, hi] = bounds[i]!;
        expect(exact).toBeGreaterThanOrEqual(lo);
        expect(exact).toBeLessThanOrEqual(hi);
        if (exact > 0) expect(hi / lo).toBeLessThan(1.07);
        // And between the lowest and highest of parts' own: what the rollup combines with min and max.
        const parts = Array.from({ length: 1 + (trial % 6) }, (_, k) =>
          values.filter((_v, i) => i % (1 + (trial % 6)) === k),
        ).filter((part) => part.length > 0);
        const own = parts.map((part) => percentile(part, p)!);
        expect(exact).toBeGreaterThanOrEqual(Math.min(...own));
        expect(exact).toBeLessThanOrEqual(Math.max(...own));
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

  it('still equals it once a store counted before its percentile bounds (0034) is opened again', () => {
    const bounds = 'SELECT p50_lo_us, p50_hi_us, p95_hi_us FROM fingerprint_days ORDER BY 1, 2, 3';
    const counted = db.prepare(bounds).raw().all();
    db.exec('UPDATE fingerprint_days SET p50_lo_us = NULL, p50_hi_us = NULL, p95_hi_us = NULL');
    db.close();
    db = openStore({ dataDir: dir });
    expect(db.prepare(bounds).raw().all()).toEqual(counted);
    expectRolledEqualsRaw(END_US - 90 * DAY_US, END_US);
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

describe("the newly-slow alert's fingerprints", () => {
  it("are the view's newly slow groups of the last 36 h with a median that long, in its order", () => {
    let judged = 0;
    for (const toUs of [END_US, END_US - 5 * HOUR_US, END_US - 20 * DAY_US + 7 * HOUR_US, END_US + DAY_US])
      for (const k of [1.5, 3])
        for (const minRecentUs of [0, 1_000, 20_000, 10_000_000]) {
          const view = readFingerprints(db, {
            connectionId: C,
            from: isoFromMicros(toUs - 36 * HOUR_US),
            to: isoFromMicros(toUs),
            k,
            limit: 1000,
          }).groups.filter((g) => g.newlySlow && (g.recentMedianMs ?? 0) * 1000 >= minRecentUs);
          const alert = newlySlowFingerprints(db, C, toUs, { k, minRecentUs, limit: 1000 });
          expect(
            alert.map((g) => ({
              fingerprint: g.fingerprint,
              recentMedianMs: g.recentMedianUs! / 1000,
              baselineMedianMs: g.baselineMedianUs! / 1000,
              ratio: g.ratio,
              latestQuery: g.latestQuery,
              textPreview: g.textPreview,
            })),
            `${toUs} k ${k} min ${minRecentUs}`,
          ).toEqual(
            view.map((g) => ({
              fingerprint: g.fingerprint,
              recentMedianMs: g.recentMedianMs,
              baselineMedianMs: g.baselineMedianMs,
              ratio: g.ratio,
              latestQuery: g.latestQuery,
              textPreview: g.textPreview,
            })),
          );
          judged += alert.length;
        }
    // fp_7 (×9 in the last day) is found at END_US with every threshold but the longest.
    expect(judged).toBeGreaterThanOrEqual(6);
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
