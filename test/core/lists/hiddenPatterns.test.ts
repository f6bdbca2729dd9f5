// Hide-by-pattern (issue #14) on a real store: what the patterns match, that a demo connection starts
// with its own sleeps hidden, that a change is audited, and that live activity and the slow queries'
// "All runs" list count what they hide.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listHandlers } from '../../../electron/core/api/listHandlers.ts';
import { viewHandlers } from '../../../electron/core/api/viewHandlers.ts';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import { likeMatcher } from '../../../electron/core/base/likePatterns.ts';
import type { ClusterAccess } from '../../../electron/core/redshift/ClusterAccess.ts';
import { QueryStore } from '../../../electron/core/store/history/QueryStore.ts';
import { nightlyStatement } from '../../../bench/support/nightlyStatement.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import { validateArgs } from '../../../shared/validate.ts';

const admin = { door: 'ipc', admin: true } as const;
let dir: string;
let db: Database.Database;
let lists: ReturnType<typeof listHandlers>;
let views: ReturnType<typeof viewHandlers>;

function addConnection(id: string, kind: 'demo' | 'direct'): void {
  db.prepare(
    `INSERT INTO connections (id, name, kind, target_json, password_source, created_at)
     VALUES (?, ?, ?, '{}', 'none', '2026-12-01T00:00:00Z')`,
  ).run(id, id, kind);
}

function addLive(connectionId: string, query: number, text: string): void {
  db.prepare(
    `INSERT INTO live_statements (connection_id, query, pid, service_class, slot_count, state, wlm_start_us,
       queue_us, exec_us, text_preview, polled_us)
     VALUES (?, ?, ?, 6, 1, 'Running', 1, 0, 1000, ?, 2)`,
  ).run(connectionId, query, 100 + query, text);
}

/** Finished runs of `texts`, one a minute from 2026-12-01 00:00 (the benches' synthetic statement). */
function addRuns(connectionId: string, texts: string[]): void {
  const base = Date.UTC(2026, 11, 1) * 1000;
  const runs = texts.map((text, i) => ({
    ...nightlyStatement({
      connectionId,
      query: 1 + i,
      night: '2026-12-01',
      job: 1,
      step: i,
      label: 'default',
      startUs: base + i * 60_000_000,
      queueUs: 0,
      execUs: 1_000_000,
    }),
    fingerprint: `fp_${i}`,
    text,
  }));
  db.transaction(() => new QueryStore(db).upsert(runs))();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nightshift-hidden-'));
  db = openStore({ dataDir: dir });
  lists = listHandlers({ db, audit: new AuditLog(db) });
  views = viewHandlers({ db, access: {} as ClusterAccess });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hidden patterns', () => {
  it('match like SQL LIKE: the whole trimmed text, % and _, ASCII case folded', () => {
    const hide = likeMatcher(['SELECT pg_sleep(%)', '%FROM stl_%'])!;
    expect(hide('SELECT pg_sleep(12.500)')).toBe(true);
    expect(hide('\n  select PG_SLEEP(1) ')).toBe(true);
    expect(hide('SELECT pg_sleep(900) AS my_marker')).toBe(false);
    expect(hide('select * from stl_query')).toBe(true);
    expect(hide('select * from svl_query')).toBe(false);
    // Every other character is itself, never a regular expression.
    expect(likeMatcher(['a.c'])!('abc')).toBe(false);
    // `_` is one character, as SQLite's LIKE reads it (the "All runs" list filters in SQL).
    expect(likeMatcher(['note _'])!('note 🎵')).toBe(true);
    expect(likeMatcher([])).toBeNull();
  });

  it('refuses a pattern that would hide everything, or one that is not a line of text', () => {
    const refused = (patterns: string[]) =>
      validateArgs('lists.setHiddenPatterns', { connectionId: 'c', patterns });
    expect(refused(['%'])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/hide every statement/),
    });
    expect(refused(['a\nb'])).toMatchObject({ ok: false });
    expect(refused(['%pg_sleep%']).ok).toBe(true);
  });

  it('starts a demo connection with its sleeps hidden and another with nothing; a change is audited', async () => {
    addConnection('demo', 'demo');
    addConnection('prod', 'direct');
    expect(await lists['lists.hiddenPatterns']({ connectionId: 'demo' }, admin)).toEqual({
      connectionId: 'demo',
      patterns: ['SELECT pg_sleep(%)'],
      isDefault: true,
    });
    expect((await lists['lists.hiddenPatterns']({ connectionId: 'prod' }, admin)).patterns).toEqual([]);

    const saved = await lists['lists.setHiddenPatterns'](
      { connectionId: 'prod', patterns: [' %vacuum% ', '%vacuum%', 'SELECT 1'] },
      admin,
    );
    expect(saved).toEqual({ connectionId: 'prod', patterns: ['%vacuum%', 'SELECT 1'], isDefault: false });
    const audited = db
      .prepare(
        "SELECT before_text, after_text, outcome FROM audit_log WHERE action = 'lists.setHiddenPatterns'",
      )
      .get() as { before_text: string; after_text: string; outcome: string };
    expect(audited).toEqual({ before_text: '', after_text: '%vacuum%\nSELECT 1', outcome: 'ok' });
  });

  it('leaves hidden statements out of live activity, counts them, and shows them when asked', async () => {
    addConnection('demo', 'demo');
    addLive('demo', 1, 'SELECT pg_sleep(42.000)');
    addLive('demo', 2, 'SELECT pg_sleep(900) AS mine');
    addLive('demo', 3, 'UPDATE sales SET x = 1');
    const live = await views['live.get']({ connectionId: 'demo' }, admin);
    expect(live.statements.map((s) => s.query)).toEqual([2, 3]);
    expect(live.hiddenStatements).toBe(1);
    const all = await views['live.get']({ connectionId: 'demo', showHidden: true }, admin);
    expect(all.statements).toHaveLength(3);
    expect(all.hiddenStatements).toBe(0);
  });

  it('leaves hidden runs out of "All runs" (queries.history), counts them, pages past them, shows them when asked', async () => {
    addConnection('demo', 'demo');
    const texts = [
      'SELECT pg_sleep(42.000)',
      'UPDATE sales SET x = 1',
      '\n  select PG_SLEEP(1) ',
      'SELECT pg_sleep(900) AS mine',
      'SELECT 1',
    ];
    addRuns('demo', texts);
    const range = { connectionId: 'demo', from: '2026-12-01T00:00:00Z', to: '2026-12-01T01:00:00Z' };
    const sort = { by: 'startTime', dir: 'asc' } as const;
    const page = await views['queries.history']({ ...range, sort }, admin);
    expect(page.rows.map((r) => r.textPreview)).toEqual([texts[1], texts[3], texts[4]]);
    expect(page).toMatchObject({ total: 3, hidden: 2 });
    // The same statements the live list's matcher hides, no more and no fewer.
    const hide = likeMatcher(['SELECT pg_sleep(%)'])!;
    expect(page.rows.every((r) => !hide(r.textPreview))).toBe(true);

    // Pages by cursor skip the hidden runs too.
    const first = await views['queries.history']({ ...range, sort, limit: 2 }, admin);
    const second = await views['queries.history'](
      { ...range, sort, limit: 2, after: first.next!, withTotal: false },
      admin,
    );
    expect([...first.rows, ...second.rows].map((r) => r.query)).toEqual([2, 4, 5]);

    const all = await views['queries.history']({ ...range, sort, showHidden: true }, admin);
    expect(all).toMatchObject({ total: 5, hidden: 0 });
    expect(all.rows.map((r) => r.query)).toEqual([1, 2, 3, 4, 5]);

    // A connection that hides nothing counts nothing hidden.
    await lists['lists.setHiddenPatterns']({ connectionId: 'demo', patterns: [] }, admin);
    expect(await views['queries.history']({ ...range, sort }, admin)).toMatchObject({ total: 5, hidden: 0 });
  });
});
