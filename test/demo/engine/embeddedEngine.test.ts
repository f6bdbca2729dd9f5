// The built-in demo's engine: PGlite in a worker thread, spoken to over the real wire protocol.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCatalog } from '../../../electron/demo/catalog/installCatalog.ts';
import {
  startEmbeddedEngine,
  type EmbeddedEngine,
} from '../../../electron/demo/engine/startEmbeddedEngine.ts';

describe('embedded engine (PGlite in a worker)', () => {
  let engine: EmbeddedEngine;
  let client: pg.Client;

  beforeAll(async () => {
    engine = await startEmbeddedEngine();
    client = new pg.Client({
      host: engine.host,
      port: engine.port,
      user: engine.user,
      password: engine.password,
      database: 'postgres',
    });
    client.on('error', () => {});
    await client.connect();
  });
  afterAll(async () => {
    await client?.end().catch(() => {});
    await engine?.stop();
  });

  it('answers the pg client over loopback, in UTC', async () => {
    const r = await client.query<{ version: string; tz: string }>(
      "SELECT version(), current_setting('TimeZone') AS tz",
    );
    expect(r.rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    expect(r.rows[0]?.tz).toBe('UTC');
  });

  it('takes the same emulated catalog as the real server', async () => {
    await installCatalog(client);
    const r = await client.query<{ n: string }>('SELECT count(*) AS n FROM rs_system.stl_query');
    expect(r.rows[0]?.n).toBe('0');
  });

  it("leaves the caller's event loop free while it works", async () => {
    let finished = false;
    const heavy = client
      .query('SELECT count(*) FROM generate_series(1, 3000000)')
      .then(() => (finished = true));
    let turns = 0;
    while (!finished && turns < 5) {
      await new Promise((r) => setTimeout(r, 1));
      turns++;
    }
    // The loop turned while the engine was still busy: the engine is not on this thread.
    expect(turns).toBe(5);
    expect(finished).toBe(false);
    await heavy;
  });
});
