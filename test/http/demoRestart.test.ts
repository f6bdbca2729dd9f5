// The built-in demo cluster through a real `serve --demo` on the embedded engine (the app's PGlite),
// booted twice on one data directory. Kept in the data directory (issue #14): a WLM change applied to
// the demo survives a restart and the audit agrees with what the cluster runs, and the second start
// resumes the kept database instead of generating the history again. No noise in the terminal (issue
// #14): the first start also has 12 more connections, all failing and retrying, and prints no
// MaxListenersExceededWarning (nor any other warning) while the demo generates its history and the
// collector connects to it and polls. (test/core/collector/manyConnections covers long retry runs.)
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/model/audit.ts';
import type { CollectorStatus } from '../../shared/model/collector.ts';
import type { Connection } from '../../shared/model/connection.ts';
import type { WlmApplyResult, WlmApplyStatus, WlmEditorState } from '../../shared/model/governance.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';
import { waitFor, waitForValue } from '../support/waitFor.ts';

const LONG = 600_000;
const BOOT = { timeoutMs: 300_000, intervalMs: 250 };
const ARGS = ['--demo', '--demo-nights', '2'];
/** Nothing listens on port 1: each of these connections fails and retries. */
const OTHERS = 12;
const FAILING = Array.from({ length: OTHERS }, (_, i) => [
  '--connection',
  `postgres://user${i}@127.0.0.1:1/dev?sslmode=disable`,
]).flat();

interface QueueJson {
  name?: string;
  query_concurrency?: number;
}

async function call<T>(server: ServeProcess, method: string, args: unknown = {}): Promise<T> {
  const { body } = await server.call(method, args);
  const answer = body as { ok: boolean; result?: T; error?: { message?: string } };
  if (!answer.ok) throw new Error(`${method}: ${answer.error?.message ?? JSON.stringify(body)}`);
  return answer.result as T;
}

/** Starts serve and waits until its collector is connected to the demo; returns how long that took. */
async function startAndConnect(
  options: { dataDir?: string; args?: string[] } = {},
): Promise<{ server: ServeProcess; ms: number; id: string }> {
  const started = performance.now();
  const server = await startServe({
    admin: true,
    args: [...ARGS, ...(options.args ?? [])],
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const id = await waitForValue(
    async () => {
      const status = await call<CollectorStatus>(server, 'collector.status');
      return status.connections.find((c) => c.state === 'connected')?.connectionId;
    },
    { what: 'the demo connection connected', ...BOOT },
  );
  return { server, ms: performance.now() - started, id };
}

describe('the demo cluster kept in the data directory, beside failing connections', () => {
  const servers: ServeProcess[] = [];
  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) await s.stop();
  }, 60_000);

  it(
    'starts quietly beside 12 failing connections; keeps a WLM change across a restart, with the audit agreeing, and does not generate again',
    async () => {
      const first = await startAndConnect({ args: FAILING });
      servers.push(first.server);
      expect(first.server.stderr()).toMatch(/generating 2 nights/);
      // Reachable while it writes its history (newest night first); the restart resumes a complete one.
      await waitFor(
        () => call<CollectorStatus>(first.server, 'collector.status'),
        (s) => s.connections.find((c) => c.connectionId === first.id)?.preparing === null,
        { what: "the demo's history complete", ...BOOT },
      );
      // The demo's live poll succeeded; every other connection has failed at least once; no warning.
      const status = await waitFor(
        () => call<CollectorStatus>(first.server, 'collector.status'),
        (s) => {
          const live = s.connections
            .find((c) => c.connectionId === first.id)
            ?.jobs.find((j) => j.job === 'live_activity');
          return (
            live?.lastSuccessAt != null && s.connections.filter((c) => c.state === 'failed').length === OTHERS
          );
        },
        { what: 'the demo polled and every other connection failed', ...BOOT },
      );
      expect(status.connections).toHaveLength(OTHERS + 1);
      expect(first.server.stderr()).not.toMatch(/MaxListenersExceeded/);
      expect(first.server.stderr()).not.toMatch(/\bWarning:/);
      const connections = await call<Connection[]>(first.server, 'connections.list');
      expect(connections.find((c) => c.id === first.id)?.target.kind).toBe('demo');

      const before = await call<WlmEditorState>(first.server, 'wlm.load', { connectionId: first.id });
      const queues = JSON.parse(before.json) as QueueJson[];
      const etl = queues.find((q) => q.name === 'etl_nightly');
      expect(etl?.query_concurrency).toBe(3);
      etl!.query_concurrency = 5;
      const json = JSON.stringify(queues);
      const applied = await call<WlmApplyResult>(first.server, 'wlm.apply', {
        connectionId: first.id,
        json,
        baseVersion: before.version,
        reason: 'more slots for the nightly batch',
        idempotencyKey: `restart-${Date.now()}`,
      });
      expect(applied.outcome, applied.message).toBe('done');
      await waitFor(
        () => call<WlmApplyStatus>(first.server, 'wlm.status', { connectionId: first.id }),
        (s) => s.state === 'in-sync',
        { what: 'the dynamic change applied', timeoutMs: 120_000 },
      );
      expect(await first.server.stop()).toBe(0);

      const second = await startAndConnect({ dataDir: first.server.dataDir });
      servers.push(second.server);
      console.log(
        `demo start to connected: first ${(first.ms / 1000).toFixed(1)} s, restart ${(second.ms / 1000).toFixed(1)} s`,
      );
      expect(second.id).toBe(first.id);
      expect(second.server.stderr()).toMatch(/resuming the kept demo database/);
      expect(second.server.stderr()).not.toMatch(/generating \d+ nights/);

      const after = await call<WlmEditorState>(second.server, 'wlm.load', { connectionId: second.id });
      const etlAfter = (JSON.parse(after.json) as QueueJson[]).find((q) => q.name === 'etl_nightly');
      expect(etlAfter?.query_concurrency).toBe(5);
      expect(after.applyStatus.state).toBe('in-sync');

      // The audit's last applied change is exactly what the restarted cluster runs.
      const audit = await call<AuditPage>(second.server, 'audit.list', {
        action: 'wlm.apply',
        outcome: 'ok',
      });
      const last = audit.rows[0];
      expect(last?.reason).toBe('more slots for the nightly batch');
      expect(JSON.parse(last?.after ?? 'null')).toEqual(JSON.parse(after.json));
    },
    LONG,
  );
});
