// The audit export streamed through door 2 (issue #13, defect 4): with `Accept: text/csv` audit.csv is
// the file itself, read from the store page by page as the client takes it. 50,000 records (~90 MB of
// CSV) download whole, the copy verifies offline, and the server's memory stays far below the file's
// size; the file is the log as it was when the download began, and the store stays usable while a
// slow client holds a download open.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/core/audit/AuditLog.ts';
import { verifyLinks } from '../../electron/core/audit/verifyAuditChain.ts';
import { readAuditCsv } from '../../electron/core/governance/readAuditCsv.ts';
import { openStore } from '../../electron/core/store/openStore.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';

const RECORDS = 50_000;
const PADDING = 'x'.repeat(1_500);

let dataDir: string;
let door: ServeProcess;
let serverPid: number;

const rssMb = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))![1]) / 1024;

const download = (accept = 'text/csv', args: unknown = {}) =>
  fetch(`http://127.0.0.1:${door.port}/api/audit.csv`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${door.token}`,
      Accept: accept,
    },
    body: JSON.stringify(args),
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nightshift-csv-stream-'));
  const db = openStore({ dataDir });
  // Seeding writes the records through AuditLog (real chain) in one transaction; the per-record
  // fsync (synchronous = FULL, which SQLite refuses to switch inside a transaction) is skipped.
  const seeding = new Proxy(db, {
    get: (store, key) => {
      if (key === 'pragma') return () => undefined;
      const value: unknown = Reflect.get(store, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(store) : value;
    },
  });
  const audit = new AuditLog(seeding);
  db.transaction(() => {
    for (let i = 1; i <= RECORDS; i++)
      audit.append({
        requestId: `r${i}`,
        action: 'actions.cancel',
        outcome: i % 10 === 0 ? 'refused' : 'ok',
        connectionId: 'c1',
        target: { pid: 1000 + i, query: 500_000 + i },
        reason: `runaway scan ${i}, "quoted", with a comma`,
        message: `Cancelled query ${500_000 + i}. ${PADDING}`,
      });
  })();
  db.close();
  door = await startServe({ dataDir });
  // serve runs as one process (serveProcess.ts): its memory is the child's.
  serverPid = door.child.pid!;
}, 120_000);

afterAll(async () => {
  await door?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('audit.csv streamed through door 2', () => {
  it('downloads 50,000 records whole, with bounded server memory, and the copy verifies offline', async () => {
    const before = rssMb();
    let peak = before;
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="nightshift-audit-\d{8}T\d{6}Z\.csv"$/,
    );
    const decoder = new TextDecoder();
    const parts: string[] = [];
    let bytes = 0;
    for await (const chunk of res.body!) {
      bytes += chunk.byteLength;
      parts.push(decoder.decode(chunk, { stream: true }));
      peak = Math.max(peak, rssMb());
    }
    parts.push(decoder.decode());
    const links = readAuditCsv(parts.join(''));
    const mb = bytes / 1024 / 1024;
    console.log(
      `audit.csv stream: ${links.length.toLocaleString('en-US')} records, ${mb.toFixed(1)} MB; ` +
        `server RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB while streaming`,
    );
    expect(links.length).toBe(RECORDS);
    expect(links[0]!.seq).toBe(1);
    expect(links.at(-1)!.message).toContain(`Cancelled query ${500_000 + RECORDS}.`);
    expect(verifyLinks(links, { contiguous: true })).toMatchObject({ intact: true, records: RECORDS });
    expect(mb).toBeGreaterThan(80);
    // The whole file as one string would be 80+ MB (twice that as UTF-16, again as JSON).
    expect(peak - before).toBeLessThan(40);
  }, 120_000);

  it('streams only the records the filters match', async () => {
    const res = await download('text/csv', { outcome: 'refused', text: 'query 500010.' });
    expect(res.headers.get('x-nightshift-records')).toBe('1');
    const links = readAuditCsv(await res.text());
    expect(links.map((l) => l.seq)).toEqual([10]);
  });

  it('is the log as it was when it began, while the store stays usable under a paused download', async () => {
    const res = await download();
    expect(res.headers.get('x-nightshift-records')).toBe(String(RECORDS));
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const first = await reader.read();
    expect(first.done).toBe(false);
    text += decoder.decode(first.value, { stream: true });
    // The download is paused mid-file; the same store still answers, and takes a new record.
    expect(await door.call('audit.list', { limit: 3 })).toMatchObject({
      status: 200,
      body: { ok: true, result: { total: RECORDS } },
    });
    const refused = await door.call('actions.cancel', {
      connectionId: 'c1',
      target: { pid: 42, query: 4242 },
      reason: 'tried from the read-only door',
      idempotencyKey: 'csv-stream:1',
    });
    expect(refused.status).toBe(403);
    expect(await door.call('audit.list', { limit: 1 })).toMatchObject({
      body: { ok: true, result: { total: RECORDS + 1, rows: [{ outcome: 'refused' }] } },
    });
    for (let part = await reader.read(); !part.done; part = await reader.read())
      text += decoder.decode(part.value, { stream: true });
    text += decoder.decode();
    const links = readAuditCsv(text);
    expect(links.length).toBe(RECORDS);
    expect(links.at(-1)!.seq).toBe(RECORDS);
  }, 60_000);

  it('stops reading when the client leaves mid-file, and goes on answering, during a verify too', async () => {
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${door.port}/api/audit.csv`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${door.token}`,
        Accept: 'text/csv',
      },
      body: '{}',
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    abort.abort();
    await reader.closed.catch(() => undefined);
    // The walk over the whole log is paced: another call is answered while it goes on.
    const started = performance.now();
    const order: string[] = [];
    const verify = door.call('audit.verify', {}).then((r) => {
      order.push('verify');
      return r;
    });
    await door.call('app.info', {}).then(() => order.push('app.info'));
    expect(await verify).toMatchObject({ status: 200, body: { ok: true, result: { intact: true } } });
    console.log(`audit.verify over ${RECORDS + 1} records: ${(performance.now() - started).toFixed(0)} ms`);
    expect(order).toEqual(['app.info', 'verify']);
    expect(door.stderr()).not.toMatch(/request failed/);
  });

  it('refuses bad filters in JSON, as any other call, and answers the JSON envelope without Accept', async () => {
    const bad = await download('text/csv', { outcome: 'exploded' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    const json = await download('application/json', { text: 'query 500010.' });
    expect(await json.json()).toMatchObject({ ok: true, result: { rows: 1, truncated: false } });
  });
});
