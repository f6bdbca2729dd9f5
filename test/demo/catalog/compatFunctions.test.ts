// Redshift functions PostgreSQL lacks (REFERENCE 6.5), called as a regular user exactly as the app's
// queries call them on Redshift. Expected values marked DG come from the Redshift DG's own examples.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogDatabase, type CatalogDatabase } from './catalogDatabase.ts';

let db: CatalogDatabase;
let anna: pg.Client;

beforeAll(async () => {
  db = await createCatalogDatabase();
  anna = await db.connectAs('analyst_anna');
});

afterAll(async () => {
  await db?.destroy();
});

async function value(sql: string, params: unknown[] = []): Promise<unknown> {
  const result = await anna.query<{ v: unknown }>(`SELECT ${sql} AS v`, params);
  return result.rows[0]?.v;
}

describe('getdate()', () => {
  it('returns a timestamp without time zone in UTC with whole seconds', async () => {
    const result = await anna.query<{ type: string; whole: boolean; utc: boolean }>(
      `SELECT pg_typeof(getdate())::text AS type,
              getdate() = date_trunc('second', getdate()) AS whole,
              getdate() = date_trunc('second', statement_timestamp() AT TIME ZONE 'UTC') AS utc`,
    );
    expect(result.rows[0]).toEqual({ type: 'timestamp without time zone', whole: true, utc: true });
  });
});

describe('dateadd()', () => {
  const cases: Array<[datepart: string, n: number, ts: string, expected: string]> = [
    ['day', 1, '2024-01-31 10:00', '2024-02-01 10:00:00'],
    ['days', -1, '2024-03-01 10:00', '2024-02-29 10:00:00'],
    ['d', 7, '2024-01-01', '2024-01-08 00:00:00'],
    ['DAY', 1, '2024-01-01', '2024-01-02 00:00:00'],
    ['month', 1, '2024-01-31', '2024-02-29 00:00:00'],
    ['mon', 1, '2008-04-30', '2008-05-30 00:00:00'], // DG: corresponding day, not month end
    ['year', 1, '2024-02-29', '2025-02-28 00:00:00'],
    ['y', -2, '2024-06-01', '2022-06-01 00:00:00'],
    ['yr', 1, '2024-06-01', '2025-06-01 00:00:00'],
    ['quarter', 1, '2024-11-30', '2025-02-28 00:00:00'],
    ['week', 2, '2024-01-01', '2024-01-15 00:00:00'],
    ['w', -1, '2024-01-08', '2024-01-01 00:00:00'],
    ['hour', 25, '2024-01-01', '2024-01-02 01:00:00'],
    ['h', -1, '2024-01-01', '2023-12-31 23:00:00'],
    ['minute', 90, '2024-01-01', '2024-01-01 01:30:00'],
    ['m', 1, '2024-01-01', '2024-01-01 00:01:00'],
    ['min', 1, '2024-01-01', '2024-01-01 00:01:00'],
    ['second', 3600, '2024-01-01', '2024-01-01 01:00:00'],
    ['s', 1, '2024-01-01', '2024-01-01 00:00:01'],
    ['sec', 1, '2024-01-01', '2024-01-01 00:00:01'],
    ['millisecond', 1500, '2024-01-01', '2024-01-01 00:00:01.5'],
    ['ms', 1, '2024-01-01', '2024-01-01 00:00:00.001'],
    ['microsecond', 1, '2024-01-01', '2024-01-01 00:00:00.000001'],
    ['us', 2, '2024-01-01', '2024-01-01 00:00:00.000002'],
  ];
  it.each(cases)('dateadd(%s, %i, %s) = %s', async (datepart, n, ts, expected) => {
    expect(await value(`dateadd($1, $2, $3::timestamp)::text`, [datepart, n, ts])).toBe(expected);
  });

  it('accepts untyped literals, dates and getdate(), returning a timestamp', async () => {
    expect(await value(`dateadd('day', -7, '2024-01-08')::text`)).toBe('2024-01-01 00:00:00');
    expect(await value(`pg_typeof(dateadd('day', 1, current_date))::text`)).toBe(
      'timestamp without time zone',
    );
    expect(await value(`dateadd('day', -7, getdate()) < getdate()`)).toBe(true);
  });

  it('rejects a datepart Redshift does not know', async () => {
    await expect(value(`dateadd('fortnight', 1, '2024-01-01')`)).rejects.toThrow(
      /datepart "fortnight" is not supported/,
    );
  });
});

describe('datediff()', () => {
  const cases: Array<[datepart: string, a: string, b: string, expected: number]> = [
    ['day', '2024-01-01 23:59', '2024-01-02 00:01', 1], // two minutes apart, one day boundary
    ['days', '2024-01-02 00:01', '2024-01-01 23:59', -1],
    ['d', '2024-01-01 00:00', '2024-01-01 23:59:59', 0],
    ['year', '2008-12-31', '2009-01-01', 1], // DG
    ['y', '2009-01-01', '2009-12-31', 0],
    ['yr', '2000-06-01', '2024-01-01', 24],
    ['hour', '2009-01-01 08:30:00', '2009-01-01 10:00:00', 2], // DG
    ['hour', '2023-01-01', '2023-01-03 05:04:03', 53], // DG
    ['h', '2024-01-01 10:59:59', '2024-01-01 11:00:00', 1],
    ['week', '2009-01-01', '2009-12-31', 52], // DG
    ['w', '2024-01-07', '2024-01-08', 1], // Sunday -> Monday crosses a week boundary
    ['weeks', '2024-01-08', '2024-01-14', 0], // Monday -> Sunday does not
    ['month', '2024-01-31', '2024-02-01', 1],
    ['mon', '2024-02-01', '2024-02-29', 0],
    ['quarter', '2024-03-31', '2024-04-01', 1],
    ['minute', '2024-01-01 10:00:59', '2024-01-01 10:01:00', 1],
    ['m', '2024-01-01 10:00:00', '2024-01-01 10:00:59', 0],
    ['min', '2024-01-01 10:00:00', '2024-01-01 12:00:00', 120],
    ['second', '2024-01-01 10:00:00.999', '2024-01-01 10:00:01.001', 1],
    ['s', '2024-01-01 10:00:00.001', '2024-01-01 10:00:00.999', 0],
    ['sec', '2024-01-01 00:00:00', '2024-01-02 00:00:00', 86400],
    ['ms', '2024-01-01 00:00:00.0009', '2024-01-01 00:00:00.0011', 1],
    ['millisecond', '2024-01-01 00:00:00', '2024-01-01 00:00:02.5', 2500],
    ['us', '2024-01-01 00:00:00', '2024-01-01 00:00:01.000001', 1000001],
    ['microsecond', '2024-01-01 00:00:01', '2024-01-01 00:00:00', -1000000],
  ];
  it.each(cases)('datediff(%s, %s, %s) = %i', async (datepart, a, b, expected) => {
    expect(await value(`datediff($1, $2::timestamp, $3::timestamp)::integer`, [datepart, a, b])).toBe(
      expected,
    );
  });

  it('returns bigint and accepts untyped literals', async () => {
    expect(await value(`pg_typeof(datediff('day', '2024-01-01', '2024-01-02'))::text`)).toBe('bigint');
  });

  it('rejects a datepart Redshift does not know', async () => {
    await expect(value(`datediff('fortnight', '2024-01-01', '2024-01-02')`)).rejects.toThrow(
      /datepart "fortnight" is not supported/,
    );
  });
});

describe('len()', () => {
  it('ignores the blank padding of char(n) but counts trailing blanks of varchar and text', async () => {
    expect(await value(`len('abc  '::char(10))`)).toBe(3);
    expect(await value(`len(''::char(5))`)).toBe(0);
    expect(await value(`len('abc  '::varchar(10))`)).toBe(5);
    expect(await value(`len('abc  ')`)).toBe(5);
    expect(await value(`len('abc  '::text)`)).toBe(5);
  });

  it('supports the AWS reassembly idiom on blank-padded pieces', async () => {
    expect(await value(`len(rtrim(repeat(' ', 200)::char(200))) = 0`)).toBe(true);
  });
});

describe('nvl() / nvl2()', () => {
  it('returns the first non-null argument, unifying argument types like Redshift', async () => {
    expect(await value(`nvl(NULL::integer, 7)`)).toBe(7);
    expect(await value(`nvl(3, 7)`)).toBe(3);
    expect(await value(`pg_typeof(nvl(NULL::bigint, 0))::text`)).toBe('bigint');
    expect(await value(`nvl(NULL::numeric, 0)::text`)).toBe('0');
    expect(await value(`rtrim(nvl(NULL::char(5), 'none'))`)).toBe('none');
    expect(await value(`nvl(NULL, NULL, 'third')`)).toBe('third');
    expect(await value(`nvl2(NULL::integer, 'set', 'unset')`)).toBe('unset');
    expect(await value(`nvl2(1, 'set', 'unset')`)).toBe('set');
  });
});

describe('convert_timezone()', () => {
  it('converts between zones with daylight saving time, the source defaulting to UTC', async () => {
    expect(await value(`convert_timezone('UTC', 'Europe/Paris', '2024-07-01 12:00')::text`)).toBe(
      '2024-07-01 14:00:00',
    );
    expect(await value(`convert_timezone('Europe/Paris', '2024-01-15 12:00')::text`)).toBe(
      '2024-01-15 13:00:00',
    );
    expect(await value(`convert_timezone('America/New_York', 'UTC', '2024-03-10 12:00')::text`)).toBe(
      '2024-03-10 16:00:00',
    );
  });
});

describe('trunc(timestamp)', () => {
  it('returns the date, leaving numeric trunc() alone', async () => {
    expect(await value(`trunc('2024-05-06 23:59:59'::timestamp)::text`)).toBe('2024-05-06');
    expect(await value(`trunc(2.7)::text`)).toBe('2');
  });
});
