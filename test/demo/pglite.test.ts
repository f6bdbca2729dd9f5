// The double on PGlite, the embedded engine of the built-in demo cluster (double-contract), reached
// through pglite-socket with the real `pg` client, as the demo is: the same catalog installs and behaves
// there, and the workload writes there too (INSERT ... unnest; PGlite does not answer COPY FROM STDIN
// over its socket) and round-trips hostile text unchanged. One PGlite for the file: booting it and
// installing the catalog is most of the cost. The catalog tests run first (they count a user's rows).
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CATALOG_COLUMNS,
  LIVE_RELATIONS,
  describeCatalogDrift,
  readRelationColumns,
} from '../../electron/demo/catalog/catalogColumns.ts';
import { installCatalog } from '../../electron/demo/catalog/installCatalog.ts';
import { generateWorkloadWindow } from '../../electron/demo/workload/generateWorkload.ts';
import { lookupUserIds, writeBatches } from '../../electron/demo/workload/writeWorkload.ts';
import { freePort } from '../support/freePort.ts';
import { recordQuery } from './catalog/catalogDatabase.ts';

let db: PGlite;
let server: PGLiteSocketServer;
let client: pg.Client;

beforeAll(async () => {
  db = await PGlite.create();
  const port = await freePort();
  server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
  await server.start();
  client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  client.on('error', () => {});
  await client.connect();
  await installCatalog(client);
});

afterAll(async () => {
  await client?.end().catch(() => undefined);
  await server?.stop();
  await db?.close();
});

describe('catalog on PGlite', () => {
  it('declares the same relations and columns as on PostgreSQL', async () => {
    const history = Object.fromEntries(
      Object.entries(CATALOG_COLUMNS).filter(([r]) => !LIVE_RELATIONS.includes(r)),
    );
    const actual = await readRelationColumns(client, 'rs_system', Object.keys(history));
    expect(describeCatalogDrift(history, actual)).toEqual([]);
  });

  it('records a statement and filters rows by user', async () => {
    const ids = await client.query<{ anna: number; ben: number }>(
      `SELECT (SELECT usesysid::integer FROM pg_user WHERE usename = 'analyst_anna') AS anna,
              (SELECT usesysid::integer FROM pg_user WHERE usename = 'analyst_ben') AS ben`,
    );
    const { anna, ben } = ids.rows[0] ?? { anna: 0, ben: 0 };
    for (const [i, userid] of [anna, ben].entries()) {
      await recordQuery(client, {
        query: 500 + i,
        userid,
        pid: 1073741824 + i,
        xid: 9000 + i,
        label: null,
        serviceClass: 7,
        slotCount: 1,
        querytxt: 'select 1\nfrom dual',
        starttime: '2024-03-01 02:00:00',
        execStart: '2024-03-01 02:00:00.25',
        endtime: '2024-03-01 02:00:01',
        aborted: 0,
      });
    }
    const timing = await client.query<{ elapsed: string; total: string; text: string }>(
      `SELECT q.elapsed, (w.total_queue_time + w.total_exec_time)::text AS total, rtrim(t.text) AS text
         FROM rs_system.svl_qlog q
         JOIN rs_system.stl_wlm_query w USING (query)
         JOIN rs_system.stl_querytext t USING (query)
        WHERE q.query = 500`,
    );
    expect(timing.rows).toEqual([{ elapsed: '1000000', total: '1000000', text: 'select 1\\nfrom dual' }]);

    await client.query('SET ROLE analyst_anna');
    try {
      const seen = await client.query<{ query: number }>(
        'SELECT query FROM rs_system.stl_query ORDER BY query',
      );
      expect(seen.rows).toEqual([{ query: 500 }]);
      const days = await client.query<{ d: string }>(
        `SELECT rs_system.datediff('day', '2024-01-01 23:59', '2024-01-02 00:01') AS d`,
      );
      expect(days.rows).toEqual([{ d: '1' }]);
    } finally {
      await client.query('RESET ROLE');
    }
  });
});

describe('workload on PGlite', () => {
  it('writes an afternoon of history, hostile strings intact', async () => {
    const userIds = await lookupUserIds(client);
    // 16:00-17:30: the moderation queries and hostile labels (scenarios.ts hostile).
    const batches = [
      ...generateWorkloadWindow(
        { seed: 3, scale: 'small', now: new Date('2025-03-10T12:00:00Z'), userIds, database: 'postgres' },
        new Date('2025-03-09T16:00:00Z'),
        new Date('2025-03-09T17:30:00Z'),
      ),
    ];
    const result = await writeBatches(client, batches);
    expect(result.rows.stl_query).toBeGreaterThan(20);
    const expected = new Set(batches.flatMap((b) => b.rows.stl_query.map((r) => r.querytxt)));
    const stored = await client.query<{ q: string }>(
      'SELECT rtrim(querytxt) AS q FROM rs_internal.stl_query',
    );
    const hostile = stored.rows.map((r) => r.q).filter((q) => q.includes('<script') || q.includes('\u202e'));
    expect(hostile.length).toBeGreaterThan(0);
    for (const q of hostile)
      expect(expected.has(q) || [...expected].some((e) => e?.startsWith(q) === true)).toBe(true);
  });
});
