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

const rssMb = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))![1]) / 1024;
const storeMb = () => storeBytes(door.dataDir) / 1024 / 1024;

beforeAll(async () => {
  door = await startServe({ admin: true });
  // serve runs as one process (serveProcess.ts): its memory is the child's.
  serverPid = door.child.pid!;
});
afterAll(async () => {
  await door?.stop();
});

describe('door 2 under a schema-derived fuzzer', () => {
  it('answers every method cleanly, with bounded memory and store', async () => {
    const before = { rss: rssMb(), store: storeMb() };
    const statuses = new Map<number, number>();
    for (const method of Object.keys(API_METHODS) as ApiMethod[]) {
      await fc.assert(
        fc.asyncProperty(arbitraryFromSchema(argSchemas[method]), async (args) => {
          const r = await door.call(method, args);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          expect(r.status, `${method} ${JSON.stringify(args).slice(0, 300)}`).not.toBe(500);
          const body = r.body as { ok: boolean; error?: { code: unknown; message: unknown } };
          expect(typeof body.ok).toBe('boolean');
          if (!body.ok) {
            expect(typeof body.error?.code).toBe('string');
            expect(body.error?.message).toEqual(expect.any(String));
            expect(String(body.error?.message)).not.toMatch(/\n\s+at |RangeError|TypeError/);
          }
        }),
        { numRuns: RUNS_PER_METHOD, seed: Number(process.env.NIGHTSHIFT_FUZZ_SEED ?? 20261204) },
      );
    }
    const after = { rss: rssMb(), store: storeMb() };
    console.log(
      `fuzz: ${[...statuses.values()].reduce((a, b) => a + b, 0)} calls over ${Object.keys(API_METHODS).length} methods, ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; server RSS ${before.rss.toFixed(0)} -> ${after.rss.toFixed(0)} MB, ` +
        `store ${before.store.toFixed(2)} -> ${after.store.toFixed(2)} MB`,
    );
    expect(statuses.has(200)).toBe(true); // some calls got past validation into the handlers
    expect(after.rss).toBeLessThan(before.rss + 200);
    expect(after.store - before.store).toBeLessThan(16);
    expect(door.stderr()).not.toMatch(/\n\s+at .*\(/); // no stack traces logged
  });
});
