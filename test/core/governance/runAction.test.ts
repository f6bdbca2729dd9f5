// The exactly-once ledger on its own, on a real store: what a user sees when they click twice, retry,
// or come back after the app died in the middle of an action.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import { ActionRunner, type ActionSpec } from '../../../electron/core/governance/runAction.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';

let dir: string;
let db: Database.Database;
let runner: ActionRunner;

const spec = (key: string, action = 'actions.cancel', query = 7): ActionSpec => ({
  action,
  connectionId: 'c1',
  idempotencyKey: key,
  target: { pid: 42 + query - 7, query, userName: 'etl_user' },
  targetKey: `c1/backend/${42 + query - 7}`,
  targetLabel: `query ${query}`,
  request: { pid: 42 + query - 7, query },
  reason: 'runaway scan',
});
const done = async () => ({ outcome: 'done' as const, message: 'cancelled', extra: {} });
const auditRows = () => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nightshift-ledger-'));
  db = openStore({ dataDir: dir });
  runner = new ActionRunner(db, new AuditLog(db));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ActionRunner', () => {
  it('runs a double click once and answers both with the same request', async () => {
    let calls = 0;
    const perform = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 50));
      return { outcome: 'done' as const, message: 'cancelled', extra: {} };
    };
    const [a, b] = await Promise.all([runner.run(spec('k:1'), perform), runner.run(spec('k:1'), perform)]);
    const later = await runner.run(spec('k:1'), perform);
    expect(calls).toBe(1);
    expect(b.requestId).toBe(a.requestId);
    expect(later.requestId).toBe(a.requestId);
    expect([a.replayed, b.replayed, later.replayed]).toEqual([false, true, true]);
    expect(auditRows()).toBe(1);
  });

  it('lets a failed action be tried again, on the record each time', async () => {
    let calls = 0;
    const perform = async () => {
      calls++;
      if (calls === 1) throw new Error('connection reset');
      return { outcome: 'done' as const, message: 'cancelled', extra: {} };
    };
    expect((await runner.run(spec('k:2'), perform)).outcome).toBe('failed');
    expect((await runner.run(spec('k:2'), perform)).outcome).toBe('done');
    expect(auditRows()).toBe(2);
  });

  it('after a crash mid-action, says so once and then lets the user act again', async () => {
    db.prepare(
      `INSERT INTO action_requests (idempotency_key, action, connection_id, request_id, state, created_at)
       VALUES ('k:3', 'actions.cancel', 'c1', 'r-old', 'running', '2026-01-01T00:00:00Z')`,
    ).run();
    let calls = 0;
    const perform = async () => {
      calls++;
      return { outcome: 'done' as const, message: 'cancelled', extra: {} };
    };
    const first = await runner.run(spec('k:3'), perform);
    expect(first.outcome).toBe('refused');
    expect(first.message).toMatch(/interrupted before its outcome was recorded/);
    expect(calls).toBe(0);
    const second = await runner.run(spec('k:3'), perform);
    expect(second.outcome).toBe('done');
    expect(calls).toBe(1);
    expect(auditRows()).toBe(2);
  });

  it('refuses a key reused for another action instead of replaying the wrong result', async () => {
    await runner.run(spec('k:4'), async () => ({ outcome: 'done' as const, message: 'ok', extra: {} }));
    const other = await runner.run(spec('k:4', 'actions.terminate'), async () => {
      throw new Error('must not run');
    });
    expect(other.outcome).toBe('refused');
    expect(other.message).toMatch(/already used for actions\.cancel/);
  });

  it('refuses a key reused for another target, on the record, and acts on neither', async () => {
    const first = await runner.run(spec('k:5', 'actions.cancel', 189456), done);
    let calls = 0;
    const reused = await runner.run(spec('k:5', 'actions.cancel', 189458), async () => {
      calls++;
      return done();
    });
    expect(first.outcome).toBe('done');
    expect(reused.outcome).toBe('refused');
    expect(reused.replayed).toBe(false);
    expect(reused.message).toMatch(/already used for actions\.cancel on query 189456, not for this request/);
    expect(calls).toBe(0);
    const audited = db.prepare('SELECT outcome, target_json FROM audit_log ORDER BY seq').all() as {
      outcome: string;
      target_json: string;
    }[];
    expect(audited.map((r) => r.outcome)).toEqual(['ok', 'refused']);
    expect(JSON.parse(audited[1]!.target_json)).toMatchObject({ query: 189458 });
  });

  it('acts once on a target that several keys ask for at the same time, and tells the others why', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = async () => {
      calls++;
      await gate;
      return done();
    };
    const racing = [
      runner.run(spec('k:a'), slow),
      runner.run(spec('k:b'), slow),
      runner.run(spec('k:c'), slow),
    ];
    const [others1, others2] = await Promise.all(racing.slice(1));
    release();
    const first = await racing[0]!;
    expect(calls).toBe(1);
    expect(first.outcome).toBe('done');
    for (const other of [others1!, others2!]) {
      expect(other.outcome).toBe('refused');
      expect(other.message).toMatch(
        /actions\.cancel on query 7 is already in progress, started at .* by another request from this Nightshift/,
      );
    }
    // Once the first has finished, the target is free again.
    expect((await runner.run(spec('k:d'), done)).outcome).toBe('done');
  });
});
