// Cancel a statement / end a session against a Redshift double on real PostgreSQL (issue #6): the
// statement really ends, a changed target is refused with words, a double submit or a retry calls
// pg_cancel_backend once, a terminated session's transaction is rolled back, and a login without the
// privilege hears so in words. Every call leaves exactly one audit record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../shared/model/audit.ts';
import type { ActionResult } from '../../../shared/model/governance.ts';
import { GovernanceBed, isoOf, OPERATOR } from './support/governanceBed.ts';
import { waitFor } from '../../support/waitFor.ts';

let bed: GovernanceBed;
let operator: string;
let monitor: string;
let keys = 0;
const key = (what: string) => `test:${what}:${++keys}:${Date.now()}`;

beforeAll(async () => {
  bed = await GovernanceBed.start();
  operator = await bed.connect(OPERATOR.user, OPERATOR.password);
  monitor = await bed.connect('nightshift_monitor', 'nightshift_monitor_pw');
});

afterAll(async () => {
  await bed?.stop();
});

const auditFor = (requestId: string) =>
  bed
    .call<AuditPage>('audit.list', { limit: 1000 })
    .then((p) => p.rows.filter((r) => r.requestId === requestId));

describe('actions.cancel', () => {
  it('cancels a running statement: it ends, history shows it aborted, one audit record', async () => {
    const victim = await bed.victim('analyst_anna');
    const outcome = victim.run('SELECT pg_sleep(60)');
    const running = await bed.waitRunning(victim.pid);

    const result = await bed.call<ActionResult>('actions.cancel', {
      connectionId: operator,
      target: {
        pid: victim.pid,
        query: running.query,
        userName: 'analyst_anna',
        startTime: isoOf(running.wlmStartTime),
        xid: running.xid,
      },
      reason: 'runaway dashboard query',
      idempotencyKey: key('cancel'),
    });

    expect(result).toMatchObject({ outcome: 'done', replayed: false });
    expect(result.confirmation).toBe('gone from live activity; history shows it aborted');
    expect(await outcome).toEqual({
      ok: false,
      code: '57014',
      message: `Query (${running.query}) cancelled on user's request`,
    });
    expect(await bed.historyOf(running.query)).toEqual({ aborted: 1, pid: victim.pid });

    const records = await auditFor(result.requestId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: 'actions.cancel',
      outcome: 'ok',
      actorDbUser: OPERATOR.user,
      connectionId: operator,
      reason: 'runaway dashboard query',
      seq: result.auditSeq,
    });
    expect(JSON.parse(records[0]!.target!)).toMatchObject({ pid: victim.pid, query: running.query });
    expect(records[0]!.message).toContain('history shows it aborted');
    expect(Date.parse(records[0]!.at)).not.toBeNaN();
    expect(records[0]!.at.endsWith('Z')).toBe(true);
  });

  it('refuses when the statement finished, and says so', async () => {
    const victim = await bed.victim('analyst_anna');
    // Long enough to be seen running by a poll on a busy machine (1.5 s was missed beside a CPU hog),
    // short enough that the test then sees it finish.
    const outcome = victim.run('SELECT pg_sleep(6)');
    const running = await bed.waitRunning(victim.pid);
    expect(await outcome).toEqual({ ok: true });
    const before = await bed.signalCalls('pg_cancel_backend');

    const result = await bed.call<ActionResult>('actions.cancel', {
      connectionId: operator,
      target: { pid: victim.pid, query: running.query, userName: 'analyst_anna' },
      reason: 'too late',
      idempotencyKey: key('finished'),
    });

    expect(result.outcome).toBe('refused');
    expect(result.message).toBe(
      `Nothing was cancelled: the statement finished: query ${running.query} is no longer running or queued.`,
    );
    expect(await bed.historyOf(running.query)).toMatchObject({ aborted: 0 });
    expect(await bed.signalCalls('pg_cancel_backend')).toBe(before);
    const records = await auditFor(result.requestId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'refused', message: result.message });
  });

  it('refuses when the pid now runs another statement, which keeps running', async () => {
    const victim = await bed.victim('analyst_ben');
    const first = victim.run('SELECT pg_sleep(6)');
    const seen = await bed.waitRunning(victim.pid);
    expect(await first).toEqual({ ok: true });
    const second = victim.run('SELECT pg_sleep(60)');
    const now = await waitFor(
      () => bed.runningOn(victim.pid),
      (s) => s !== null && s.query !== seen.query,
      { what: 'the second statement' },
    );

    const result = await bed.call<ActionResult>('actions.cancel', {
      connectionId: operator,
      target: { pid: victim.pid, query: seen.query, userName: 'analyst_ben' },
      reason: 'the one I saw',
      idempotencyKey: key('reused'),
    });

    expect(result.outcome).toBe('refused');
    expect(result.message).toContain(`pid ${victim.pid} now runs query ${now!.query} for analyst_ben`);
    expect(await bed.runningOn(victim.pid)).toMatchObject({ query: now!.query });
    expect((await auditFor(result.requestId)).map((r) => r.outcome)).toEqual(['refused']);

    // Clean up through the app: the statement that really runs there now can be cancelled.
    const cleanup = await bed.call<ActionResult>('actions.cancel', {
      connectionId: operator,
      target: { pid: victim.pid, query: now!.query, userName: 'analyst_ben' },
      reason: 'cleanup',
      idempotencyKey: key('cleanup'),
    });
    expect(cleanup.outcome).toBe('done');
    expect((await second).ok).toBe(false);
  });

  it('cancels once for a double submit and a retry after a timeout: one call, one audit record', async () => {
    const victim = await bed.victim('analyst_anna');
    const first = victim.run('SELECT pg_sleep(60)');
    const running = await bed.waitRunning(victim.pid);
    // The moment its statement is cancelled the victim starts the next one: a second cancel would hit it.
    const next = first.then((r) => ({ r, after: victim.run('SELECT pg_sleep(60)') }));
    const before = await bed.signalCalls('pg_cancel_backend');
    const args = {
      connectionId: operator,
      target: { pid: victim.pid, query: running.query, userName: 'analyst_anna' },
      reason: 'double click',
      idempotencyKey: key('once'),
    };

    const [a, b] = await Promise.all([
      bed.call<ActionResult>('actions.cancel', args),
      bed.call<ActionResult>('actions.cancel', args),
    ]);
    const retry = await bed.call<ActionResult>('actions.cancel', args);

    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    for (const r of [a, b, retry]) {
      expect(r).toMatchObject({ outcome: 'done', requestId: a.requestId, auditSeq: a.auditSeq });
    }
    expect(retry.replayed).toBe(true);
    const { r, after } = await next;
    expect(r).toMatchObject({ ok: false, code: '57014' });
    const secondStatement = await waitFor(
      () => bed.runningOn(victim.pid),
      (s) => s !== null && s.query !== running.query,
      { what: 'the victim’s next statement' },
    );
    expect(secondStatement).not.toBeNull();

    // The server counted one pg_cancel_backend (stats arrive when the action's session flushes them).
    expect(
      await waitFor(
        () => bed.signalCalls('pg_cancel_backend'),
        (n) => n > before,
        { what: 'the cancel in the stats' },
      ),
    ).toBe(before + 1);
    expect(await auditFor(a.requestId)).toHaveLength(1);
    const page = await bed.call<AuditPage>('audit.list', { text: 'double click' });
    expect(page.total).toBe(1);

    // The next statement was not hit by a second cancel: it is still running (the bed ends it).
    expect(await bed.runningOn(victim.pid)).toMatchObject({ query: secondStatement!.query });
    void after;
  });
});

describe('actions.terminate', () => {
  it('ends a session holding an open transaction: gone, and its transaction rolled back', async () => {
    const victim = await bed.victim('analyst_ben');
    await victim.client.query('BEGIN');
    await victim.client.query("INSERT INTO public.gov_probe VALUES ('uncommitted')");
    const session = await bed.sessionOf(victim.pid);
    expect(session).not.toBeNull();
    const ended = new Promise<void>((resolve) => victim.client.once('end', () => resolve()));

    const result = await bed.call<ActionResult>('actions.terminate', {
      connectionId: operator,
      target: { pid: victim.pid, userName: 'analyst_ben', sessionStart: isoOf(session!.start) },
      reason: 'holds a lock on gov_probe',
      idempotencyKey: key('terminate'),
    });

    expect(result.outcome).toBe('done');
    expect(result.message).toContain('open transaction in it was rolled back');
    expect(result.confirmation).toContain(`session ${victim.pid} is gone`);
    await ended;
    expect(await bed.sessionOf(victim.pid)).toBeNull();
    const rows = await bed.admin.query('SELECT count(*)::int AS n FROM public.gov_probe');
    expect(rows.rows[0]).toEqual({ n: 0 });
    const records = await auditFor(result.requestId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: 'actions.terminate',
      outcome: 'ok',
      actorDbUser: OPERATOR.user,
    });
  });

  it('refuses a session whose pid now belongs to another session start', async () => {
    const victim = await bed.victim('analyst_anna');
    const result = await bed.call<ActionResult>('actions.terminate', {
      connectionId: operator,
      target: { pid: victim.pid, userName: 'analyst_anna', sessionStart: '2020-01-01T00:00:00Z' },
      reason: 'old view',
      idempotencyKey: key('old-session'),
    });
    expect(result.outcome).toBe('refused');
    expect(result.message).toContain('another session of analyst_anna that reuses the pid');
    expect(await bed.sessionOf(victim.pid)).not.toBeNull();
  });
});

describe('a login without the privilege', () => {
  it('is told in words that it may not cancel or end other users’ work', async () => {
    const victim = await bed.victim('analyst_anna');
    const outcome = victim.run('SELECT pg_sleep(60)');
    const running = await bed.waitRunning(victim.pid);

    const cancel = await bed.call<ActionResult>('actions.cancel', {
      connectionId: monitor,
      target: { pid: victim.pid, query: running.query, userName: 'analyst_anna' },
      reason: 'try without rights',
      idempotencyKey: key('unprivileged'),
    });
    expect(cancel.outcome).toBe('failed');
    expect(cancel.message).toBe(
      "nightshift_monitor may not cancel other users' statements: it needs superuser or the sys:operator role. Nothing was cancelled.",
    );
    const terminate = await bed.call<ActionResult>('actions.terminate', {
      connectionId: monitor,
      target: { pid: victim.pid, userName: 'analyst_anna' },
      reason: 'try without rights',
      idempotencyKey: key('unprivileged-terminate'),
    });
    expect(terminate.outcome).toBe('failed');
    expect(terminate.message).toContain("nightshift_monitor may not end other users' sessions");

    expect(await bed.runningOn(victim.pid)).toMatchObject({ query: running.query });
    const records = [...(await auditFor(cancel.requestId)), ...(await auditFor(terminate.requestId))];
    expect(records.map((r) => [r.outcome, r.actorDbUser])).toEqual([
      ['failed', 'nightshift_monitor'],
      ['failed', 'nightshift_monitor'],
    ]);
    void outcome;
  });
});
