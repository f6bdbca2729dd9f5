// Door 2 with input a careless or hostile client sends (issue #13, defects 4 and 5): every answer is a
// clean JSON error, nothing reaches the log as a stack, and oversized arguments never reach the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHttp } from '../support/rawHttp.ts';
import { storeBytes } from '../support/storeSize.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';

let door: ServeProcess;
beforeAll(async () => {
  door = await startServe();
});
afterAll(async () => {
  await door?.stop();
});

const post = (path: string, contentType: string, body = '{}') =>
  rawHttp(
    door.port,
    'POST',
    path,
    {
      Authorization: `Bearer ${door.token}`,
      'Content-Type': contentType,
      'Content-Length': String(Buffer.byteLength(body)),
    },
    body,
  );
const storeSize = () => storeBytes(door.dataDir);

describe('door 2 with bad input', () => {
  it('answers a malformed % escape in the method path with a clean 404, no stack in the log', async () => {
    for (const path of ['/api/%E0%A4%A', '/api/%', '/api/%ZZ', '/api/%00', '/api/%C0%AF', '/api/app.info%']) {
      const r = await post(path, 'application/json');
      expect(r.status, path).toBe(404);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(door.stderr()).not.toMatch(/URIError|\n\s+at /);
  });

  it('takes application/json (with a charset) and nothing that only starts like it', async () => {
    for (const type of [
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json ;charset=UTF-8',
    ])
      expect((await post('/api/app.info', type)).status, type).toBe(200);
    const untyped = await rawHttp(
      door.port,
      'POST',
      '/api/app.info',
      {
        Authorization: `Bearer ${door.token}`,
        'Content-Length': '2',
      },
      '{}',
    );
    expect(untyped.status).toBe(415);
    for (const type of ['application/jsonxyz', 'application/json-seq', 'text/json', 'text/plain', '']) {
      const r = await post('/api/app.info', type);
      expect(r.status, type).toBe(415);
      expect(JSON.parse(r.body).error.message).toMatch(/Content-Type: application\/json/);
    }
  });

  it('refuses a megabyte argument before it is read whole: 200 calls leave the store as it was', async () => {
    const before = storeSize();
    const started = Date.now();
    const megabyte = 'x'.repeat(1_048_576);
    for (let i = 0; i < 200; i++) {
      const r = await door.call('actions.cancel', {
        connectionId: 'c1',
        target: { pid: 1, query: 2, userName: i % 2 === 0 ? megabyte : 'ann' },
        reason: i % 2 === 0 ? 'flood' : megabyte,
        idempotencyKey: `flood:${String(i).padStart(4, '0')}`,
      });
      expect(r.status).toBe(413);
      expect((r.body as { error: { message: string } }).error.message).toBe(
        'The request body is larger than 262,144 bytes (256 KiB), more than any call of this API takes.',
      );
    }
    const grown = storeSize() - before;
    console.log(
      `200 x 1 MiB refused in ${Date.now() - started} ms; store ${before} -> ${before + grown} bytes`,
    );
    expect(grown).toBeLessThan(8 * 1024);
    expect(door.stderr()).not.toMatch(/\n\s+at /);
  }, 240_000); // 200 MiB uploaded: ~9 s on an idle machine, 30 s beside other tests

  it('refuses oversized arguments in words before they reach the audit log', async () => {
    const before = storeSize();
    const big = 'x'.repeat(100_000);
    const args = {
      connectionId: 'c1',
      target: { pid: 1, query: 2, userName: big },
      reason: big,
      idempotencyKey: 'flood:0001',
    };
    for (let i = 0; i < 200; i++) {
      const r = await door.call('actions.cancel', {
        ...args,
        idempotencyKey: `flood:${String(i).padStart(4, '0')}`,
      });
      expect(r.status).toBe(403);
      expect((r.body as { error: { message: string } }).error.message).toMatch(/this door is read-only/);
    }
    const refusals = (await door.call('audit.list', {})).body as {
      result: { total: number; rows: unknown[] };
    };
    // Each refusal is on the record, with why its arguments did not pass instead of the arguments.
    expect(refusals.result.total).toBeGreaterThan(0);
    expect(JSON.stringify(refusals.result.rows[0])).toMatch(
      /target\.userName: is 100,000 characters; at most 127 are allowed/,
    );
    expect(JSON.stringify(refusals.result.rows[0]).length).toBeLessThan(4000);
    const grown = storeSize() - before;
    console.log(`200 x 200 KB refused as read-only; store grew by ${grown} bytes`);
    // 200 requests of 200 KB (40 MB) grow the store by what short records take, WAL pages included.
    expect(grown).toBeLessThan(1024 * 1024);

    // A door that may act answers the same call with the bound, in words.
    const admin = await startServe({ admin: true });
    try {
      const r = await admin.call('actions.cancel', args);
      expect(r.status).toBe(400);
      expect((r.body as { error: { message: string } }).error.message).toBe(
        'actions.cancel: target.userName: is 100,000 characters; at most 127 are allowed',
      );
    } finally {
      await admin.stop();
    }
  }, 240_000);

  it('caps list sizes: a 100,000-row audit page is refused with the limit in words', async () => {
    const r = await door.call('audit.list', { limit: 100_000 });
    expect(r.status).toBe(400);
    expect((r.body as { error: { message: string } }).error.message).toMatch(/at most 1,000 is allowed/);
  });
});
