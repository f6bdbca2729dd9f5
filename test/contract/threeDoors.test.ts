// The contract test (DESIGN.md §2): every method in the runtime list answers identically through the
// core's dispatch, door 2 (HTTP) and door 1's IPC seam. Each door gets its own fresh core and runs the
// same script of calls; the transcripts must match once ids, clocks and the door's own name are masked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api.ts';
import { IPC_CALL_CHANNEL } from '../../shared/bridge.ts';
import type { ApiResponse } from '../../shared/errors.ts';
import { createCore } from '../../electron/core/createCore.ts';
import type { Core } from '../../electron/core/Core.ts';
import { silentLogger } from '../../electron/core/base/Logger.ts';
import { startHttpDoor, type HttpDoor } from '../../electron/http/startHttpDoor.ts';
import { registerIpc, type IpcInvokeEventLike, type IpcMainLike } from '../../electron/shell/ipc.ts';
import { APP_INDEX_URL } from '../../electron/shell/appProtocol.ts';
import { createTrustedUrlCheck } from '../../electron/shell/trustedSender.ts';
import { ROOT } from '../support/serveProcess.ts';
import { directTarget } from '../support/directTarget.ts';
import { BERLIN_SCHEDULE } from '../core/alerts/support/berlinSchedule.ts';

type Call = (method: string, args: unknown) => Promise<ApiResponse<unknown>>;
type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

const pg = inject('pg');
const cores: Core[] = [];
const doors: HttpDoor[] = [];

async function freshCore(): Promise<Core> {
  const core = createCore(
    { dataDir: mkdtempSync(join(tmpdir(), 'ns-contract-')), version: 'contract' },
    { log: silentLogger, secrets: null, env: {} },
  );
  await core.start();
  cores.push(core);
  return core;
}

const viaDispatch = async (): Promise<Call> => {
  const core = await freshCore();
  return (method, args) => core.dispatch(method, args, { door: 'http', admin: true });
};

const viaHttp = async (): Promise<Call> => {
  const core = await freshCore();
  const door = await startHttpDoor({
    core,
    admin: true,
    staticDir: join(ROOT, 'dist/renderer'),
    log: silentLogger,
  });
  doors.push(door);
  return async (method, args) => {
    const res = await fetch(`http://127.0.0.1:${door.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${door.token}` },
      body: JSON.stringify(args),
    });
    return (await res.json()) as ApiResponse<unknown>;
  };
};

const viaIpc = async (): Promise<Call> => {
  const core = await freshCore();
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  registerIpc(ipcMain, core, createTrustedUrlCheck());
  const ourFrame = { senderFrame: { url: APP_INDEX_URL } };
  // Structured clone is what Electron's IPC does to arguments and replies.
  return async (method, args) =>
    structuredClone(
      (await handlers.get(IPC_CALL_CHANNEL)!(
        ourFrame,
        method,
        structuredClone(args),
      )) as ApiResponse<unknown>,
    );
};

/** The same calls for every door; later calls use ids returned by earlier ones. */
async function script(call: Call): Promise<{ method: string; response: ApiResponse<unknown> }[]> {
  const transcript: { method: string; response: ApiResponse<unknown> }[] = [];
  const run = async (method: string, args: unknown) => {
    const response = await call(method, args);
    transcript.push({ method, response });
    return response;
  };
  const range = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };
  await run('app.info', {});
  await run('connections.list', {});
  await run('collector.status', {});
  const added = await run('connections.add', {
    name: 'test bed',
    target: directTarget(pg),
    password: pg.password,
  });
  const id = added.ok ? (added.result as { id: string }).id : 'missing';
  await run('connections.add', { name: 'bad', target: { kind: 'direct', host: 'x', port: 'x' } });
  await run('connections.test', { id });
  await run('connections.list', {});
  await run('queries.history', { connectionId: id, ...range, limit: 10 });
  await run('queries.get', { connectionId: id, query: 1 });
  await run('wlm.samples', { connectionId: id, ...range });
  await run('loads.errors', { connectionId: id, ...range });
  // Loads and deliveries (issue #11).
  await run('loads.list', { connectionId: id, ...range, sort: 'rejected' });
  await run('loads.get', { connectionId: id, query: 1 });
  await run('loads.ledger', { connectionId: id, ...range });
  await run('loads.drift', { connectionId: id, ...range });
  // Feed edits: an unknown feed is not found at every door, the same way.
  await run('loads.setFeed', {
    connectionId: id,
    feedKey: 'x.y ← s3://b/p/',
    name: 'Royalties',
    muted: true,
  });
  await run('loads.mergeFeeds', { connectionId: id, feedKey: 'x.y ← s3://b/p/', into: null });
  // Impact of bad data: a query the store does not hold is a clear not_found on every door.
  await run('loads.impact', { connectionId: id, query: 1, hops: 2 });
  await run('loads.impactExport', { connectionId: id, query: 1, format: 'markdown' });
  await run('metrics.series', {
    connectionId: id,
    metric: 'CPUUtilization',
    dimensions: {},
    ...range,
    maxPoints: 100,
  });
  // The on-call views read the store: an empty one answers with empty, well-formed results.
  await run('overview.get', { connectionId: id });
  await run('live.get', { connectionId: id });
  await run('live.text', { connectionId: id, query: 1 });
  await run('queries.fingerprints', { connectionId: id, ...range });
  await run('queries.runs', { connectionId: id, fingerprint: 'f', ...range, maxPoints: 50 });
  await run('queries.blastRadius', { connectionId: id, query: 1, startTime: range.from });
  await run('queries.steps', { connectionId: id, query: 1, startTime: range.from });
  await run('wlm.pressure', { connectionId: id, ...range, maxPoints: 50 });
  // Nightly batches (issue #10): an empty store answers with an empty night and drift.
  await run('batches.settings', { connectionId: id });
  await run('batches.night', { connectionId: id });
  await run('batches.statements', { connectionId: id, night: '2026-01-02', label: 'nightly_x' });
  await run('batches.drift', { connectionId: id, nights: 30 });
  await run('batches.compare', { connectionId: id });
  await run('batches.jobDrift', { connectionId: id, nights: 30, label: 'nightly_x' });
  await run('batches.monthStart', { connectionId: id, months: 4 });
  await run('batches.marks', { connectionId: id, night: '2026-01-02' });
  await run('batches.setJobSla', { connectionId: id, label: 'nightly_x', sla: '05:30' });
  await run('batches.setSettings', {
    connectionId: id,
    timeZone: 'Europe/Stockholm',
    nightStart: '18:00',
    nightEnd: '12:00',
    sla: '07:00',
  });
  const rules = [
    { action: 'job', labelPattern: 'nightly_*', user: null, queue: null, name: 'Nightly', splitBy: 'none' },
  ] as const;
  await run('batches.jobs', { connectionId: id });
  await run('batches.previewJobRules', { connectionId: id, rules: [...rules] });
  await run('batches.setJobRules', { connectionId: id, rules: [...rules] });
  // Statements hidden from lists by pattern (issue #14)
  await run('lists.hiddenPatterns', { connectionId: id });
  await run('lists.setHiddenPatterns', { connectionId: id, patterns: ['SELECT pg_sleep(%)'] });
  await run('overview.get', { connectionId: id, showHidden: true });
  // Governance on a plain PostgreSQL connection: refused or failed in words, and audited alike.
  const target = { pid: 2_000_000_000, query: 1, userName: 'nobody' };
  await run('actions.cancel', {
    connectionId: id,
    target,
    reason: 'contract',
    idempotencyKey: 'contract:c:1',
  });
  await run('actions.cancel', { connectionId: id, target, reason: '', idempotencyKey: 'contract:c:2' });
  await run('actions.terminate', {
    connectionId: id,
    target: { pid: 2_000_000_000, userName: 'nobody' },
    reason: 'contract',
    idempotencyKey: 'contract:t:1',
  });
  const json = '[{"query_concurrency":5}]';
  await run('wlm.load', { connectionId: id });
  await run('wlm.preview', { connectionId: id, json, baseVersion: 'v' });
  await run('wlm.whatIf', { connectionId: id, json });
  await run('wlm.apply', {
    connectionId: id,
    json,
    baseVersion: 'v',
    reason: 'contract',
    idempotencyKey: 'contract:w:1',
  });
  await run('wlm.status', { connectionId: id });
  // Alerts (issue #12): an empty store answers empty; a schedule, a webhook and an acknowledgement
  // are checked and refused alike.
  const schedule = BERLIN_SCHEDULE;
  await run('alerts.settings', { connectionId: id });
  await run('alerts.setSchedule', { connectionId: id, schedule });
  await run('alerts.setSchedule', { connectionId: id, schedule: { ...schedule, digestAt: '23:00' } });
  await run('alerts.setWebhook', { connectionId: id, webhook: { format: 'slack', url: 'ftp://x' } });
  await run('alerts.setWebhook', { connectionId: id, webhook: null });
  await run('alerts.incidents', { connectionId: id, state: 'all' });
  await run('alerts.acknowledge', { incidentId: 1, by: 'contract', note: '' });
  await run('alerts.nextDigest', { connectionId: id });
  await run('alerts.deliveries', { connectionId: id });
  // E-mail (password never answered back), past digests and exports; a bad address is refused alike.
  const email = {
    host: '127.0.0.1',
    port: 2525,
    security: 'starttls',
    from: 'nightshift@example.com',
    to: ['oncall@example.com'],
    user: 'alerts',
  };
  await run('alerts.setEmail', { connectionId: id, email: { ...email, password: 'contract-secret' } });
  await run('alerts.setEmail', { connectionId: id, email: { ...email, to: ['not an address'] } });
  await run('alerts.setEmail', { connectionId: id, email: null });
  await run('alerts.pastDigests', { connectionId: id });
  await run('alerts.pastDigest', { connectionId: id, at: '2026-06-10T08:00:00Z' });
  await run('alerts.exportDigest', { connectionId: id, at: '2026-06-10T08:00:00Z', format: 'html' });
  // Alert rules (issue #12): versions, a refused threshold, an exemption ended, a replay of an edited set.
  const ruleSettings = {
    enabled: true,
    severity: 'warning',
    threshold: 30,
    durationMinutes: 30,
    scope: { kind: 'queue', value: 'etl_nightly' },
  };
  await run('alerts.rules', { connectionId: id });
  await run('alerts.saveRule', {
    connectionId: id,
    ruleId: 'queue-wait',
    settings: ruleSettings,
    author: 'contract',
    note: 'tuning',
  });
  await run('alerts.saveRule', {
    connectionId: id,
    ruleId: 'queue-wait',
    settings: { ...ruleSettings, threshold: 5000 },
    author: 'contract',
    note: '',
  });
  await run('alerts.ruleHistory', { connectionId: id, ruleId: 'queue-wait' });
  await run('alerts.addExemption', {
    connectionId: id,
    kind: 'job',
    target: 'nightly_dq_checks',
    weekdays: [0],
    until: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    author: 'contract',
    reason: 'may run late on Sundays',
  });
  await run('alerts.exemptions', { connectionId: id });
  await run('alerts.endExemption', { exemptionId: 1, by: 'contract' });
  await run('alerts.suppressed', { connectionId: id });
  await run('alerts.replay', { connectionId: id, nights: 2, rules: { 'queue-wait': ruleSettings } });
  await run('alerts.cancelReplay', { replayId: 'no-such-replay' });
  await run('audit.list', { limit: 10 });
  await run('audit.csv', { outcome: 'refused' });
  await run('audit.verify', {});
  await run('connections.remove', { id });
  await run('connections.remove', { id });
  await run('collector.status', {});
  await run('no.such.method', {});
  return transcript;
}

/** Masks what legitimately differs between runs: generated ids, clocks, latency, the door's name. */
function mask(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (key === 'door') return '<door>';
      if (key === 'latencyMs' || key === 'durationMs') return '<ms>';
      if (typeof v === 'string') {
        return (
          v
            .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
            .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
            // Local wall-clock minutes (a digest's heading): the three doors may run either side of a minute.
            .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b/g, '<local time>')
            .replace(/\(ref [0-9a-f]{8}\)/, '(ref <ref>)')
            .replace(/\b[0-9a-f]{64}\b/g, '<hash>')
            .replace(/\d{8}T\d{6}Z/g, '<stamp>')
        );
      }
      return v;
    }),
  ) as unknown;
}

afterAll(async () => {
  await Promise.all(doors.map((d) => d.close()));
  await Promise.all(cores.map((c) => c.stop()));
});

describe('contract: one API behind two doors', () => {
  it('answers every method identically through dispatch, door 2 and the IPC seam', async () => {
    const [direct, http, ipc] = await Promise.all([viaDispatch(), viaHttp(), viaIpc()]);
    const transcripts = await Promise.all([script(direct), script(http), script(ipc)]);

    const covered = new Set(transcripts[0]!.map((t) => t.method));
    expect(METHOD_NAMES.filter((m) => !covered.has(m))).toEqual([]);

    const [a, b, c] = transcripts.map(mask);
    expect(b).toEqual(a);
    expect(c).toEqual(a);

    // And the answers are the real ones, not three identical failures.
    const byMethod = transcripts[0]!;
    expect(byMethod.find((t) => t.method === 'connections.test')?.response).toMatchObject({
      ok: true,
      result: { ok: true },
    });
    expect(byMethod.find((t) => t.method === 'no.such.method')?.response).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(byMethod[4]?.response).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
});
