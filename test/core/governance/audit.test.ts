// The audit view and its export (issue #6) over a real store: filters, newest first, paging, and a
// CSV that a spreadsheet neither mangles nor runs (formula cells are defused with a leading ').
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHandlers } from '../../../electron/core/api/auditHandlers.ts';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import { ActionRunner } from '../../../electron/core/governance/runAction.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import type Database from 'better-sqlite3';

const HOSTILE = [
  '=HYPERLINK("http://evil.example","click")',
  '+1+2',
  '-3*4',
  '@SUM(A1:A2)',
  '\tleading tab',
  '\rleading carriage return',
  'plain, with a comma',
  'she said "stop"',
  'two\nlines\r\nand CRLF',
  '"',
  '',
  'Ärger über ÜBERSTUNDEN',
];

/** RFC 4180 parser: quoted fields may hold commas, doubled quotes, CR and LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}

let db: Database.Database;
let audit: AuditLog;
const handlers = () => auditHandlers({ db });

beforeAll(() => {
  db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-audit-')) });
  audit = new AuditLog(db);
  HOSTILE.forEach((s, i) =>
    audit.append({
      requestId: `req-${i}`,
      action: i % 2 === 0 ? 'actions.cancel' : 'actions.terminate',
      outcome: i % 3 === 0 ? 'refused' : 'ok',
      connectionId: i < 6 ? 'conn-a' : 'conn-b',
      actorDbUser: s,
      target: { pid: 100 + i, userName: s },
      params: { note: s },
      reason: s === '' ? 'empty' : s,
      message: s,
    }),
  );
});

afterAll(() => db?.close());

describe('audit.list', () => {
  it('lists newest first, pages, and counts the total', async () => {
    const first = await handlers()['audit.list']({ limit: 5 }, { door: 'ipc', admin: true });
    expect(first.total).toBe(HOSTILE.length);
    expect(first.rows.map((r) => r.requestId)).toEqual(['req-11', 'req-10', 'req-9', 'req-8', 'req-7']);
    const last = await handlers()['audit.list']({ limit: 5, offset: 10 }, { door: 'ipc', admin: true });
    expect(last.rows.map((r) => r.requestId)).toEqual(['req-1', 'req-0']);
  });

  it('filters by action, outcome, connection, time and text (any case, any script)', async () => {
    const list = (args: Parameters<ReturnType<typeof handlers>['audit.list']>[0]) =>
      handlers()['audit.list'](args, { door: 'ipc', admin: true });
    expect((await list({ action: 'actions.terminate' })).total).toBe(6);
    expect((await list({ outcome: 'refused' })).rows.map((r) => r.requestId)).toEqual([
      'req-9',
      'req-6',
      'req-3',
      'req-0',
    ]);
    expect((await list({ connectionId: 'conn-b', outcome: 'ok' })).total).toBe(4);
    expect((await list({ text: 'äRGER über überstunden' })).rows.map((r) => r.requestId)).toEqual(['req-11']);
    expect((await list({ text: 'SHE SAID' })).total).toBe(1);
    expect((await list({ text: '"pid":103' })).rows.map((r) => r.requestId)).toEqual(['req-3']);
    const all = await list({ limit: 100 });
    const at = all.rows[0]!.at;
    expect((await list({ from: '2000-01-01T00:00:00Z', to: at })).total).toBe(HOSTILE.length);
    expect((await list({ from: new Date(Date.parse(at) + 1).toISOString() })).total).toBe(0);
  });
});

describe('audit.csv', () => {
  it('round-trips hostile strings exactly, formula cells defused with a leading quote', async () => {
    const out = await handlers()['audit.csv']({ limit: 1 }, { door: 'ipc', admin: true });
    expect(out.filename).toMatch(/^nightshift-audit-\d{8}T\d{6}Z\.csv$/);
    expect(out.rows).toBe(HOSTILE.length);
    const [header, ...rows] = parseCsv(out.csv);
    expect(header).toEqual([
      'seq',
      'at_utc',
      'request_id',
      'os_user',
      'db_user',
      'aws_identity',
      'connection_id',
      'action',
      'outcome',
      'target',
      'params',
      'reason',
      'before',
      'after',
      'message',
      'repeats',
      'repeats_last_at_utc',
      'prev_hash',
      'hash',
    ]);
    const defused = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    const col = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(HOSTILE.length);
    rows.forEach((row, n) => {
      const i = HOSTILE.length - 1 - n; // newest first
      const s = HOSTILE[i]!;
      expect(row).toHaveLength(header!.length);
      expect(row[col('request_id')]).toBe(`req-${i}`);
      expect(row[col('db_user')]).toBe(defused(s));
      expect(row[col('message')]).toBe(defused(s));
      expect(row[col('reason')]).toBe(s === '' ? 'empty' : defused(s));
      expect(JSON.parse(row[col('params')]!)).toEqual({ note: s });
      expect(row[col('aws_identity')]).toBe('');
    });
    // Every line a spreadsheet reads starts a cell; none of them can start a formula.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('ActionRunner', () => {
  it('never replays one action’s result for another, and lets a failed action run again', async () => {
    const runner = new ActionRunner(db, audit);
    const spec = {
      connectionId: 'conn-a',
      idempotencyKey: 'runner:key:1',
      target: { pid: 1 },
      targetKey: 'conn-a/backend/1',
      targetLabel: 'pid 1',
      request: { pid: 1 },
      reason: 'test',
    };
    let calls = 0;
    const failing = async () => {
      calls++;
      return { outcome: 'failed' as const, message: 'no route to the cluster', extra: {} };
    };
    const failed = await runner.run({ ...spec, action: 'actions.cancel' }, failing);
    const again = await runner.run({ ...spec, action: 'actions.cancel' }, failing);
    expect([failed.outcome, again.outcome, again.replayed, calls]).toEqual(['failed', 'failed', false, 2]);

    const done = await runner.run(
      { ...spec, idempotencyKey: 'runner:key:2', action: 'actions.cancel' },
      async () => {
        calls++;
        return { outcome: 'done' as const, message: 'cancelled', extra: {} };
      },
    );
    const other = await runner.run(
      { ...spec, idempotencyKey: 'runner:key:2', action: 'actions.terminate' },
      async () => {
        calls++;
        return { outcome: 'done' as const, message: 'ended', extra: {} };
      },
    );
    expect(done.outcome).toBe('done');
    expect(other).toMatchObject({ outcome: 'refused', replayed: false });
    expect(other.message).toContain('already used for actions.cancel');
    expect(calls).toBe(3);
  });
});
