// The built-in demo runs the double on PGlite (double-contract), reached through pglite-socket with the
// real `pg` client: the workload must write there too (INSERT ... unnest; PGlite does not answer COPY
// FROM STDIN over its socket) and round-trip hostile text unchanged.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCatalog } from '../../../electron/demo/catalog/installCatalog.ts';
import { generateWorkloadWindow } from '../../../electron/demo/workload/generateWorkload.ts';
import { lookupUserIds, writeBatches } from '../../../electron/demo/workload/writeWorkload.ts';
import { freePort } from '../../support/freePort.ts';

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
