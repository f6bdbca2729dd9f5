// Retention (Redshift keeps ~7 days of STL, REFERENCE 1.1), appending history as the double's clock
// advances, both write methods, and the generator's relation list against the installed catalog.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendWorkload } from '../../../electron/demo/workload/appendWorkload.ts';
import { copyField, copyIn } from '../../../electron/demo/workload/copyIn.ts';
import {
  generateWorkload,
  generateWorkloadWindow,
} from '../../../electron/demo/workload/generateWorkload.ts';
import { pruneWorkload } from '../../../electron/demo/workload/pruneWorkload.ts';
import {
  RELATION_NAMES,
  RELATIONS,
  RETENTION,
  type ColumnSpec,
  type RelationName,
} from '../../../electron/demo/workload/relations.ts';
import { lookupUserIds, writeBatches, writeWorkload } from '../../../electron/demo/workload/writeWorkload.ts';
import { createCatalogDatabase, type CatalogDatabase } from '../catalog/catalogDatabase.ts';

const NOW = new Date('2025-03-10T12:00:00Z');
const DAY = 86_400_000;
const options = { seed: 99, scale: 'small' as const, nights: 10, now: NOW };

let db: CatalogDatabase;
let client: pg.Client;

async function counts(c: pg.ClientBase): Promise<Record<RelationName, number>> {
  const out = {} as Record<RelationName, number>;
  for (const relation of RELATION_NAMES) {
    const result = await c.query<{ n: string }>(`SELECT count(*) AS n FROM rs_internal.${relation}`);
    out[relation] = Number(result.rows[0]?.n);
  }
  return out;
}

beforeAll(async () => {
  db = await createCatalogDatabase();
  client = db.admin;
});

afterAll(async () => {
  await db?.destroy();
});

describe('retention', () => {
  it('keeps only the last retentionDays days of history rows', async () => {
    await writeWorkload(client, { ...options, retentionDays: 7 });
    const cutoff = new Date(NOW.getTime() - 7 * DAY);
    for (const relation of RELATION_NAMES) {
      const rule = RETENTION[relation];
      if (!('column' in rule)) continue;
      const result = await client.query<{ oldest: Date | null; n: string }>(
        `SELECT min("${rule.column}") AS oldest, count(*) AS n FROM rs_internal.${relation}`,
      );
      const row = result.rows[0];
      expect(Number(row?.n), relation).toBeGreaterThan(0);
      expect(row?.oldest?.getTime(), relation).toBeGreaterThanOrEqual(cutoff.getTime());
      // ... and reaches back to about the cut-off (generated history is dense).
      expect(row?.oldest?.getTime(), relation).toBeLessThan(cutoff.getTime() + DAY);
    }
    const orphans = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM rs_internal.stl_querytext t
       WHERE NOT EXISTS (SELECT 1 FROM rs_internal.stl_query q WHERE q.query = t.query)`,
    );
    expect(Number(orphans.rows[0]?.n)).toBe(0);
  });

  it('prunes a database to exactly what generating with the shorter retention gives', async () => {
    const pruned = await pruneWorkload(client, new Date(NOW.getTime() - 3 * DAY));
    expect(pruned.stl_query).toBeGreaterThan(0);
    expect(pruned.stl_querytext).toBeGreaterThan(0);
    expect(pruned.svv_table_info).toBe(0);
    const expected = {} as Record<RelationName, number>;
    for (const relation of RELATION_NAMES) expected[relation] = 0;
    for (const batch of generateWorkload({ ...options, retentionDays: 3 })) {
      for (const relation of RELATION_NAMES) expected[relation] += batch.rows[relation].length;
    }
    expect(await counts(client)).toEqual(expected);
  });
});

describe('appendWorkload', () => {
  it('adds the history of a later window with fresh ids, replacing the table snapshot', async () => {
    const before = await client.query<{ max: number }>('SELECT max(query) AS max FROM rs_internal.stl_query');
    const window = { from: NOW, to: new Date(NOW.getTime() + 6 * 3_600_000) };
    const result = await appendWorkload(client, { ...options, retentionDays: 3 }, window);
    expect(result.rows.stl_query).toBeGreaterThan(100);
    expect(result.pruned.stl_query).toBeGreaterThan(0); // the clock moved 6 hours: older rows age out
    const added = await client.query<{ n: string; first: Date; last: Date; min: number; dupes: string }>(
      `SELECT count(*) AS n, min(endtime) AS first, max(endtime) AS last, min(query) AS min,
              count(*) - count(DISTINCT query) AS dupes
       FROM rs_internal.stl_query WHERE query > $1`,
      [before.rows[0]?.max],
    );
    const row = added.rows[0];
    expect(Number(row?.n)).toBe(result.rows.stl_query);
    expect(row?.first.getTime()).toBeGreaterThanOrEqual(window.from.getTime() - 3 * 3_600_000); // transactions may start earlier
    expect(row?.last.getTime()).toBeLessThan(window.to.getTime());
    expect(Number(row?.dupes)).toBe(0);
    const snapshot = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM rs_internal.svv_table_info',
    );
    expect(Number(snapshot.rows[0]?.n)).toBe(15);
  });
});

describe('write methods', () => {
  it('stores the same values with COPY and with INSERT ... unnest, hostile strings included', async () => {
    const fresh = await createCatalogDatabase();
    try {
      const userIds = await lookupUserIds(fresh.admin);
      // The afternoon of the hostile moderation queries, labels and the nightly loads' rejected rows.
      const window = [new Date('2025-03-09T00:00:00Z'), new Date('2025-03-09T18:00:00Z')] as const;
      const batches = () => generateWorkloadWindow({ ...options, userIds, database: fresh.name }, ...window);
      await writeBatches(fresh.admin, batches(), { method: 'copy' });
      await writeBatches(fresh.admin, batches(), { method: 'unnest', chunkRows: 500 });
      // Every row must be there twice (once per method); ids differ, so they are left out, and the
      // snapshot replaces itself.
      for (const relation of RELATION_NAMES.filter((r) => r !== 'svv_table_info')) {
        const expressions = (RELATIONS[relation] as readonly ColumnSpec[])
          .filter(([, kind]) => kind !== 'qid' && kind !== 'qid8' && kind !== 'xid' && kind !== 'xid4')
          .map(([name]) =>
            name === 'error_message' && relation === 'sys_query_history'
              ? `regexp_replace(error_message, '[0-9]+', '', 'g')`
              : `"${name}"`,
          );
        const odd = await fresh.admin.query<{ n: string }>(
          `SELECT count(*) AS n FROM (
             SELECT ${expressions.join(', ')} FROM rs_internal.${relation}
             GROUP BY ${expressions.map((_e, i) => i + 1).join(', ')} HAVING count(*) % 2 <> 0) x`,
        );
        expect(Number(odd.rows[0]?.n), relation).toBe(0);
      }
      const hostile = await fresh.admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM rs_internal.stl_query WHERE querytxt LIKE '%<script>%' OR strpos(querytxt, chr(1)) > 0`,
      );
      expect(Number(hostile.rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await fresh.destroy();
    }
  });
});

describe('copyIn', () => {
  it('reports a COPY error and leaves the connection usable', async () => {
    await client.query('CREATE TEMP TABLE copy_probe (n integer)');
    await expect(copyIn(client, 'COPY copy_probe (n) FROM STDIN', '1\nnot a number\n')).rejects.toThrow(
      /invalid input syntax/,
    );
    await copyIn(client, 'COPY copy_probe (n) FROM STDIN', `${copyField(7)}\n${copyField(null)}\n`);
    const result = await client.query<{ n: number | null }>('SELECT n FROM copy_probe ORDER BY n');
    expect(result.rows).toEqual([{ n: 7 }, { n: null }]);
  });
});

describe('relations', () => {
  it('match the catalog’s columns, order and types (REFERENCE is the source for both)', async () => {
    const catalog = JSON.parse(
      readFileSync(new URL('../../../electron/demo/catalog/catalogColumns.json', import.meta.url), 'utf8'),
    ) as Record<string, { name: string; type: string }[]>;
    const typeOf = ([, kind, width]: ColumnSpec): string => {
      switch (kind) {
        case 'int4':
        case 'qid':
        case 'xid4':
          return 'integer';
        case 'int8':
        case 'qid8':
        case 'xid':
          return 'bigint';
        case 'char':
          return width === undefined ? 'bpchar' : `character(${width})`;
        case 'varchar':
          return `character varying(${width ?? ''})`;
        case 'ts':
          return 'timestamp without time zone';
        case 'float8':
          return 'double precision';
        case 'bool':
          return 'boolean';
        case 'numeric':
          return 'numeric';
        default:
          return kind;
      }
    };
    for (const relation of RELATION_NAMES) {
      const ours = (RELATIONS[relation] as readonly ColumnSpec[]).map((c) => ({
        name: c[0],
        type: typeOf(c),
      }));
      const theirs = (catalog[relation] ?? []).map((c) => ({
        name: c.name,
        type: c.type.startsWith('numeric') ? 'numeric' : c.type,
      }));
      expect(ours, relation).toEqual(theirs);
      const installed = await client.query<{ name: string; type: string }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [`rs_internal.${relation}`],
      );
      expect(
        installed.rows.map((c) => ({
          name: c.name,
          type: c.type.startsWith('numeric') ? 'numeric' : c.type,
        })),
        relation,
      ).toEqual(ours);
    }
  });
});
