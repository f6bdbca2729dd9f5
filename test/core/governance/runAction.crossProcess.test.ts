// Defect #13.1: two processes on one store, the same cancels posted to both at once. The key's claim
// lives in SQLite, so each key acts exactly once across both and both get the same answer.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { ROOT } from '../../support/serveProcess.ts';

const KEYS = 15;
const dir = mkdtempSync(join(tmpdir(), 'nightshift-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function racer(): {
  ready: Promise<void>;
  results: Promise<{ requestId: string; message: string; replayed: boolean }[]>;
} {
  const child = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(import.meta.dirname, 'support', 'claimRace.ts'), dir, String(KEYS)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  createInterface({ input: child.stdout }).on('line', (line) =>
    line === 'ready' ? onReady() : lines.push(line),
  );
  const results = new Promise<{ requestId: string; message: string; replayed: boolean }[]>(
    (resolve, reject) =>
      child.once('exit', (code) =>
        code === 0 ? resolve(lines.map((l) => JSON.parse(l))) : reject(new Error(`racer exited ${code}`)),
      ),
  );
  return { ready, results };
}

describe('idempotency keys across processes', () => {
  it('acts once per key when two processes get the same requests at the same time', async () => {
    openStore({ dataDir: dir }).close(); // migrated before the race, as a running app would have it
    const a = racer();
    const b = racer();
    await Promise.all([a.ready, b.ready]);
    writeFileSync(join(dir, 'go'), '');
    const [ra, rb] = await Promise.all([a.results, b.results]);

    const db = openStore({ dataDir: dir });
    const done = db
      .prepare(
        `SELECT json_extract(target_json, '$.query') AS query, count(*) AS n FROM audit_log
                 WHERE action = 'actions.cancel' AND outcome = 'ok' GROUP BY query`,
      )
      .all() as { query: number; n: number }[];
    const refused = db.prepare(`SELECT count(*) AS n FROM audit_log WHERE outcome <> 'ok'`).get() as {
      n: number;
    };
    db.close();

    expect(done).toHaveLength(KEYS);
    expect(done.every((r) => r.n === 1)).toBe(true);
    expect(refused.n).toBe(0);
    for (let i = 0; i < KEYS; i++) {
      // Same answer on both sides: one acted, the other replayed its result (never "interrupted").
      expect(ra[i]!.requestId).toBe(rb[i]!.requestId);
      expect(ra[i]!.message).toBe(rb[i]!.message);
      expect([ra[i]!.replayed, rb[i]!.replayed].sort()).toEqual([false, true]);
    }
  });
});
