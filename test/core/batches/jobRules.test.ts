// Batch jobs on a real SQLite store (issue #10): the rollups written at ingest with rows scanned and
// CPU (metrics before or after their statements), the job rules (rename, merge, split, hide, add) with
// their preview and audit, and the stepwise rebuild after the night window changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchHandlers } from '../../../electron/core/api/batchHandlers.ts';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import { DEFAULT_NIGHT_SPEC } from '../../../electron/core/base/batchNight.ts';
import { EventBus } from '../../../electron/core/base/EventBus.ts';
import { silentLogger } from '../../../electron/core/base/Logger.ts';
import { addDays } from '../../../electron/core/base/zonedTime.ts';
import { BatchRebuilder } from '../../../electron/core/batches/BatchRebuilder.ts';
import { readBatchCompare } from '../../../electron/core/batches/readBatchCompare.ts';
import { readJobDrift } from '../../../electron/core/batches/readJobDrift.ts';
import { readBatchNight } from '../../../electron/core/batches/readBatchNight.ts';
import { BatchRollups, rebuildNight } from '../../../electron/core/store/batches/BatchRollups.ts';
import { ensureBatchSettings } from '../../../electron/core/store/batches/ensureBatchSettings.ts';
import type { QueryRecord } from '../../../electron/core/store/history/QueryRecord.ts';
import { QueryStore } from '../../../electron/core/store/history/QueryStore.ts';
import { storedStatement } from '../store/support/storedStatement.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';
import type { PushedEvent } from '../../../shared/events.ts';
import type { BatchJobRule } from '../../../shared/model/batch.ts';
import { waitFor } from '../../support/waitFor.ts';

const C = 'c1';
const LAST = '2026-12-03';
const NIGHTS = 20;
const admin = { door: 'ipc' as const, admin: true };
let dir: string;
let db: Database.Database;
let events: EventBus;
let api: ReturnType<typeof batchHandlers>;
let nextQuery = 1;

/** One statement of `label` on `night` at 01:00 UTC + `minute`. */
function statement(
  night: string,
  label: string,
  minute: number,
  execS: number,
  extra: Partial<QueryRecord> = {},
): QueryRecord {
  const startUs = (Date.parse(`${night}T01:00:00Z`) + minute * 60_000) * 1000;
  return storedStatement({
    connectionId: C,
    query: nextQuery++,
    startUs,
    label,
    queueUs: 0,
    execUs: execS * 1_000_000,
    fingerprint: label,
    text: `-- ${label}`,
    ...extra,
  });
}

/** Stores statements as the collector does, with their rollups; returns them. */
function ingest(rows: QueryRecord[]): QueryRecord[] {
  const rollups = new BatchRollups(db, C, ensureBatchSettings(db, C));
  const store = new QueryStore(db);
  db.transaction(() => {
    store.upsert(rows, (r) => rollups.add(r));
    rollups.flush();
  })();
  return rows;
}

/** Stores statements' metrics; Serverless's (source 'sys') carry no CPU. */
function metrics(
  rows: readonly QueryRecord[],
  rowsScanned: (r: QueryRecord) => number,
  source: 'stl' | 'sys' = 'stl',
): void {
  const rollups = new BatchRollups(db, C, ensureBatchSettings(db, C));
  db.transaction(() =>
    rollups.addMetrics(
      rows.map((r) => ({
        connectionId: C,
        query: r.query,
        endUs: r.endUs,
        rowsScanned: rowsScanned(r),
        cpuUs: source === 'stl' ? r.execUs / 2 : null,
        blocksRead: 10,
        blocksSpilled: 0,
        source,
      })),
    ),
  )();
}

/**
 * Twenty nights: nightly_load and nightly_calc every night (nightly_calc also run by a second user
 * into another queue), a dashboard label all day. nightly_calc's rows scanned stay flat; on the last
 * night its runtime grows ×8 (a slower plan). nightly_load scans 5 % more each night.
 */
function history(): void {
  for (let k = 0; k < NIGHTS; k++) {
    const night = addDays(LAST, k - NIGHTS + 1);
    const last = k === NIGHTS - 1;
    const load = ingest([
      statement(night, 'nightly_load', 0, 600),
      statement(night, 'nightly_load', 11, 600),
    ]);
    const calc = ingest([
      statement(night, 'nightly_calc', 30, last ? 4800 : 600),
      statement(night, 'nightly_calc', 45, 60, { userName: 'finance_user', queueName: 'finance' }),
    ]);
    ingest([statement(night, 'dashboard_sales', 300, 5), statement(night, 'dashboard_sales', -400, 5)]);
    // Metrics arrive after their statements for the loads, and before them for the calc (next night).
    metrics(load, () => Math.round(1_000_000 * (1 + 0.05 * k)));
    metrics(calc, () => 2_000_000);
  }
  // Metrics stored before their statement: added when the statement is.
  const early = statement(LAST, 'nightly_calc', 50, 30);
  metrics([early], () => 7);
  ingest([early]);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-jobrules-'));
  db = openStore({ dataDir: dir });
  events = new EventBus();
  api = batchHandlers({
    db,
    audit: new AuditLog(db),
    rebuilder: new BatchRebuilder({ db, events, log: silentLogger }),
  });
  nextQuery = 1;
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rows scanned in the rollups', () => {
  it('counts metrics stored before or after their statements, once', () => {
    history();
    const row = db
      .prepare(
        `SELECT sum(statements) AS statements, sum(measured) AS measured, sum(rows_scanned) AS rowsScanned
         FROM batch_label_nights WHERE connection_id = ? AND night = ? AND label = 'nightly_calc'`,
      )
      .get(C, LAST) as { statements: number; measured: number; rowsScanned: number };
    expect(row).toEqual({ statements: 3, measured: 3, rowsScanned: 4_000_007 });
  });

  it('gives no CPU (not 0 ms) where the metrics carry none, as on Serverless, also once the night is recut', () => {
    history();
    // A Serverless job's statements, two nights (a job): rows scanned from SYS_QUERY_DETAIL, no CPU time.
    for (const night of [addDays(LAST, -1), LAST]) {
      const sls = ingest([
        statement(night, 'nightly_sls', 60, 300),
        statement(night, 'nightly_sls', 70, 300),
      ]);
      metrics(sls, () => 5_000, 'sys');
    }
    const read = () => {
      const n = readBatchNight(db, { connectionId: C, night: LAST });
      return ['nightly_sls', 'nightly_load'].map((l) => {
        const j = n.jobs.find((x) => x.label === l)!;
        return { rows: j.rowsScanned, cpu: j.cpuMs };
      });
    };
    const before = read();
    expect(before).toEqual([
      { rows: 10_000, cpu: null },
      { rows: Math.round(2 * 1_000_000 * (1 + 0.05 * (NIGHTS - 1))), cpu: 600_000 },
    ]);
    db.transaction(() => rebuildNight(db, C, LAST, DEFAULT_NIGHT_SPEC))();
    expect(read()).toEqual(before);
    const row = db
      .prepare(
        `SELECT measured, rows_scanned AS rowsScanned, cpu_measured AS cpuMeasured FROM batch_label_nights
         WHERE connection_id = ? AND night = ? AND label = 'nightly_sls'`,
      )
      .get(C, LAST);
    expect(row).toEqual({ measured: 2, rowsScanned: 10_000, cpuMeasured: 0 });
  });

  it('says the slower job scanned the same rows: a slower plan', async () => {
    history();
    const night = await api['batches.night']({ connectionId: C, night: LAST }, admin);
    expect(night.movers[0]).toBe('nightly_calc');
    const calc = night.jobs.find((j) => j.label === 'nightly_calc')!;
    expect(calc.rowsFactor!).toBeCloseTo(1, 1);
    expect(calc.cause).toBe('slower plan');
    expect(night.story).toMatch(
      /nightly_calc ran 1 h \d+ min longer \(execution ×\d+\.\d, same rows scanned: a slower plan\)/,
    );
    const load = night.jobs.find((j) => j.label === 'nightly_load')!;
    expect(load.rowsScanned).toBe(Math.round(2 * 1_000_000 * (1 + 0.05 * (NIGHTS - 1))));
    expect(load.cpuMs).toBe(600_000);
  });

  it('gives every job its nights with rows scanned and CPU in the drift, and the growth in words', async () => {
    history();
    const drift = await api['batches.drift']({ connectionId: C, nights: NIGHTS, jobs: true }, admin);
    const load = drift.jobs!.find((j) => j.job === 'nightly_load')!;
    expect(load.nights).toHaveLength(NIGHTS);
    expect(load.nights[0]!.rowsScanned).toBe(2_000_000);
    expect(load.nights[0]!.cpuMs).toBe(600_000);
    // The loads scan 5 % more a night, the calc as much as ever and no job runs longer.
    expect(drift.growth).toMatch(
      /execution ×1\.0, same rows scanned, queue wait .*: steady\.$|execution ×1\.0, same rows scanned: steady\.$/,
    );
  });
});

describe('job rules', () => {
  const rule = (r: Partial<BatchJobRule>): BatchJobRule => ({
    action: 'job',
    labelPattern: null,
    user: null,
    queue: null,
    name: '',
    splitBy: 'none',
    ...r,
  });

  it('proposes the recurring labels as jobs, not the dashboard that runs all day', async () => {
    history();
    const jobs = await api['batches.jobs']({ connectionId: C }, admin);
    expect(jobs.jobs.map((j) => [j.name, j.proposed, j.nights])).toEqual([
      ['nightly_calc', true, NIGHTS],
      ['nightly_load', true, NIGHTS],
    ]);
    expect(jobs.others.map((o) => o.label)).toContain('dashboard_sales');
  });

  it('previews a rename, a merge, a split and a hide against the stored nights without saving', async () => {
    history();
    const preview = await api['batches.previewJobRules'](
      {
        connectionId: C,
        rules: [
          rule({ labelPattern: 'nightly_load', name: 'Loads' }),
          rule({ labelPattern: 'nightly_calc', splitBy: 'user' }),
          rule({ action: 'hide', labelPattern: 'dashboard_*' }),
        ],
      },
      admin,
    );
    expect(preview.after.jobs.map((j) => [j.name, j.nights, j.statements])).toEqual([
      ['Loads', NIGHTS, 2 * NIGHTS],
      ['nightly_calc · etl_user', NIGHTS, NIGHTS + 1],
      ['nightly_calc · finance_user', NIGHTS, NIGHTS],
    ]);
    expect(preview.after.hidden.map((j) => j.name)).toEqual(['dashboard_sales']);
    expect(preview.changes).toContain(
      `nightly_load is renamed Loads (${NIGHTS} nights, ${2 * NIGHTS} statements).`,
    );
    expect(
      preview.changes.some((c) => c.startsWith('nightly_calc is split: nightly_calc · finance_user')),
    ).toBe(true);
    // Nothing saved yet.
    expect((await api['batches.jobs']({ connectionId: C }, admin)).rules).toEqual([]);

    const merged = await api['batches.previewJobRules'](
      { connectionId: C, rules: [rule({ labelPattern: 'nightly_*', name: 'The batch' })] },
      admin,
    );
    expect(merged.after.jobs.map((j) => j.name)).toEqual(['The batch']);
    expect(merged.changes[0]).toMatch(/^nightly_calc and nightly_load merge into The batch/);
  });

  it('saves the rules (audited), and the timeline and drift read the jobs they make', async () => {
    history();
    const rules = [
      rule({ labelPattern: 'nightly_load', name: '<b>Loads</b>' }),
      rule({ labelPattern: 'nightly_calc', queue: 'finance', name: 'Finance calc' }),
      rule({ labelPattern: 'dashboard_sales', name: 'Dashboards' }),
    ];
    const saved = await api['batches.setJobRules']({ connectionId: C, rules }, admin);
    expect(saved.rules).toEqual(rules);
    const night = await api['batches.night']({ connectionId: C, night: addDays(LAST, -1) }, admin);
    expect(night.jobs.map((j) => j.label).sort()).toEqual([
      '<b>Loads</b>',
      'Dashboards',
      'Finance calc',
      'nightly_calc',
    ]);
    expect(night.jobs.find((j) => j.label === 'Finance calc')!.statements).toBe(1);
    // The other batch views read the same jobs: two nights side by side and the per-job drift.
    const compare = readBatchCompare(db, {
      connectionId: C,
      night: addDays(LAST, -1),
      other: addDays(LAST, -8),
    });
    expect(compare.jobs.map((j) => j.label)).toContain('Finance calc');
    expect(compare.jobs.map((j) => j.label)).not.toContain('nightly_load');
    const drift = readJobDrift(db, { connectionId: C, nights: NIGHTS });
    expect(drift.jobs.map((j) => j.label)).toContain('<b>Loads</b>');
    const audit = db
      .prepare(
        "SELECT before_text AS before, after_text AS after FROM audit_log WHERE action = 'batches.setJobRules'",
      )
      .all() as { before: string; after: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after)).toEqual(rules);
    expect(JSON.parse(audit[0]!.before)).toEqual([]);
  });

  it('refuses a pattern over several labels without a name, saying why', async () => {
    await expect(
      api['batches.setJobRules']({ connectionId: C, rules: [rule({ labelPattern: 'nightly_*' })] }, admin),
    ).rejects.toThrow(/rules\[0\]\.name/);
  });
});

describe('stepwise rebuild', () => {
  it('recuts the nights a slice at a time, the views saying how far it got, with the same totals', async () => {
    history();
    const before = db
      .prepare(
        `SELECT sum(statements) AS n, sum(rows_scanned) AS r FROM batch_label_nights
         WHERE connection_id = ? AND label LIKE 'nightly_%'`,
      )
      .get(C);
    const seen: PushedEvent[] = [];
    events.subscribe((e) => seen.push(e));
    await api['batches.setSettings'](
      { connectionId: C, timeZone: 'Europe/Stockholm', nightStart: '20:00', nightEnd: '11:00', sla: '07:00' },
      admin,
    );
    // The call returns before the rebuild is done; the views say so meanwhile.
    const during = await api['batches.drift']({ connectionId: C, nights: NIGHTS }, admin);
    if (during.rebuilding)
      expect(during.summary).toMatch(/^Rebuilding the nights for the new window: \d+ of \d+ nights done/);
    await waitFor(
      () => seen.find((e) => e.name === 'batches.rebuild' && 'finished' in e.payload && e.payload.finished),
      (e) => e !== undefined,
      { what: 'the rebuild to finish', timeoutMs: 60_000 },
    );
    expect(seen.filter((e) => e.name === 'batches.rebuild').length).toBeGreaterThanOrEqual(1);
    const after = db
      .prepare(
        `SELECT sum(statements) AS n, sum(rows_scanned) AS r FROM batch_label_nights
         WHERE connection_id = ? AND label LIKE 'nightly_%'`,
      )
      .get(C);
    expect(after).toEqual(before);
    const drift = await api['batches.drift']({ connectionId: C, nights: NIGHTS }, admin);
    expect(drift.rebuilding).toBeNull();
    expect(drift.timeZone).toBe('Europe/Stockholm');
    expect(drift.points.length).toBeGreaterThanOrEqual(NIGHTS - 1);
  });
});

it('keeps the default night window when none is set', () => {
  expect(ensureBatchSettings(db, 'other').timeZone).toBe(DEFAULT_NIGHT_SPEC.timeZone);
});
