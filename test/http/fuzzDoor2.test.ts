// Every method of the API, driven through door 2 with arguments derived from its own schema and mixed
// with hostile values (issue #13): each answer is a clean { ok: false, error: { code, message } } or a
// result, never a 500 or a stack, and the server's memory and store stay bounded while it happens.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethod } from '../../shared/api.ts';
import { argSchemas } from '../../shared/validate.ts';
import { arbitraryFromSchema } from '../support/arbitraryFromSchema.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';
import { storeBytes } from '../support/storeSize.ts';

const RUNS_PER_METHOD = Number(process.env.NIGHTSHIFT_FUZZ_RUNS ?? 25);
let door: ServeProcess;
let serverPid: number;
let known: string[] = [];

const rssMb = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))![1]) / 1024;
const storeMb = () => storeBytes(door.dataDir) / 1024 / 1024;

beforeAll(async () => {
  door = await startServe({ admin: true });
  // serve runs as one process (serveProcess.ts): its memory is the child's.
  serverPid = door.child.pid!;
  // A saved connection that refuses at once (port 1): calls naming it get past "no such connection".
  const added = await door.call('connections.add', {
    name: 'fuzz target',
    target: { kind: 'direct', host: '127.0.0.1', port: 1, database: 'dev', user: 'u', sslMode: 'disable' },
  });
  known = [(added.body as { result: { id: string } }).result.id];
});
afterAll(async () => {
  await door?.stop();
});

/** Drives `methods` through the current door; checks every answer; returns what it saw. */
async function fuzz(methods: ApiMethod[], runs: number) {
  const before = { rss: rssMb(), store: storeMb() };
  const statuses = new Map<number, number>();
  let namingKnown = 0;
  for (const method of methods) {
    await fc.assert(
      fc.asyncProperty(arbitraryFromSchema(argSchemas[method], known), async (args) => {
        const r = await door.call(method, args);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (JSON.stringify(args ?? null).includes(known[0]!)) namingKnown++;
        expect(r.status, `${method} ${JSON.stringify(args).slice(0, 300)}`).not.toBe(500);
        const body = r.body as { ok: boolean; error?: { code: unknown; message: unknown } };
        expect(typeof body.ok).toBe('boolean');
        if (body.ok) expect(body).toHaveProperty('result');
        else {
          expect(typeof body.error?.code).toBe('string');
          expect(body.error?.message).toEqual(expect.any(String));
          expect(String(body.error?.message)).not.toMatch(/\n\s+at |RangeError|TypeError/);
        }
      }),
      { numRuns: runs, seed: Number(process.env.NIGHTSHIFT_FUZZ_SEED ?? 20261204) },
    );
  }
  const after = { rss: rssMb(), store: storeMb() };
  const calls = [...statuses.values()].reduce((a, b) => a + b, 0);
  console.log(
    `fuzz: ${calls} calls over ${methods.length} methods, ${namingKnown} naming a saved connection, ` +
      `statuses ${JSON.stringify(Object.fromEntries(statuses))}; server RSS ${before.rss.toFixed(0)} -> ` +
      `${after.rss.toFixed(0)} MB, store ${before.store.toFixed(2)} -> ${after.store.toFixed(2)} MB`,
  );
  expect(door.stderr()).not.toMatch(/\n\s+at .*\(/); // no stack traces logged
  return { statuses, rssGrowthMb: after.rss - before.rss, storeGrowthMb: after.store - before.store };
}

describe('door 2 under a schema-derived fuzzer', () => {
  it('answers every method cleanly, with bounded memory and store', async () => {
    const seen = await fuzz(Object.keys(API_METHODS) as ApiMethod[], RUNS_PER_METHOD);
    expect(seen.statuses.has(200)).toBe(true); // some calls got past validation into the handlers
    expect(seen.rssGrowthMb).toBeLessThan(200);
    expect(seen.storeGrowthMb).toBeLessThan(16);
  });

  it('on the read-only door, refuses every changing method cleanly; the audited refusals stay small', async () => {
    await door.stop();
    door = await startServe({ dataDir: door.dataDir });
    serverPid = door.child.pid!;
    const changing = (Object.keys(API_METHODS) as ApiMethod[]).filter((m) => API_METHODS[m].mutates);
    const seen = await fuzz(changing, RUNS_PER_METHOD);
    expect(seen.statuses.get(403)).toBeGreaterThan(0);
    expect([...seen.statuses.keys()].filter((s) => s === 200)).toEqual([]);
    expect(seen.rssGrowthMb).toBeLessThan(200);
    expect(seen.storeGrowthMb).toBeLessThan(4);
  });
});
