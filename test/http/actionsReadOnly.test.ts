// The read-only door (door 2 without --admin) refuses every admin action with a clear 403, and each
// refusal is still an action someone tried: one 'refused' audit record per call (issue #6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/model/audit.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';

let serve: ServeProcess;

beforeAll(async () => {
  serve = await startServe();
});

afterAll(async () => {
  await serve?.stop();
});

const connectionId = 'no-such-connection';
const CALLS: [string, Record<string, unknown>][] = [
  [
    'actions.cancel',
    {
      connectionId,
      target: { pid: 1234, query: 5678, userName: 'etl_user' },
      reason: 'runaway load',
      idempotencyKey: 'read-only:cancel:1',
    },
  ],
  [
    'actions.terminate',
    {
      connectionId,
      target: { pid: 1234, userName: 'etl_user' },
      reason: 'holds a lock',
      idempotencyKey: 'read-only:terminate:1',
    },
  ],
  [
    'wlm.apply',
    {
      connectionId,
      json: '[{"query_concurrency":5}]',
      baseVersion: 'v1',
      reason: 'more slots',
      idempotencyKey: 'read-only:wlm:1',
    },
  ],
];

describe('the read-only door', () => {
  it('refuses every admin action with 403 read_only and a clear message', async () => {
    for (const [method, args] of CALLS) {
      const r = await serve.call(method, args);
      expect(r.status, method).toBe(403);
      expect(r.body).toEqual({
        ok: false,
        error: {
          code: 'read_only',
          message: `${method} changes state, and this door is read-only. Use the desktop app, or start the server with --admin.`,
        },
      });
    }
  });

  it('keeps a refused audit record for each refused action', async () => {
    const r = await serve.call('audit.list', { outcome: 'refused' });
    expect(r.status).toBe(200);
    const page = (r.body as { ok: true; result: AuditPage }).result;
    expect(page.total).toBe(CALLS.length);
    expect(page.rows.map((row) => row.action).sort()).toEqual(CALLS.map(([m]) => m).sort());
    for (const row of page.rows) {
      expect(row).toMatchObject({ outcome: 'refused', connectionId });
      expect(row.message).toContain('this door is read-only');
      expect(row.reason).not.toBeNull();
    }
  });
});
