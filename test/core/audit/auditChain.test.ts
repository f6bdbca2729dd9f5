// The audit chain (issue #13): what the triggers cannot stop — SQL run directly on the store — is
// found, and said where: an edited, a replaced, a deleted and a reordered record; and an exported
// copy checks offline.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import {
  verifyAuditChain,
  verifyAuditChainPaced,
  verifyLinks,
} from '../../../electron/core/audit/verifyAuditChain.ts';
import { auditCsv } from '../../../electron/core/governance/auditCsv.ts';
import { auditRefusal } from '../../../electron/core/governance/auditRefusal.ts';
import { eachAudit, listAudit } from '../../../electron/core/governance/readAudit.ts';
import { readAuditCsv } from '../../../electron/core/governance/readAuditCsv.ts';
import { DEFAULT_MIGRATIONS_DIR, openStore } from '../../../electron/core/store/openStore.ts';
import { ROOT } from '../../support/serveProcess.ts';

let dir: string;
let db: Database.Database;
let audit: AuditLog;

const write = (n: number) => {
  for (let i = 1; i <= n; i++)
    audit.append({
      requestId: `r${i}`,
      action: 'actions.cancel',
      outcome: 'ok',
      connectionId: 'c1',
      target: { pid: 100 + i, query: 1000 + i },
      reason: i === 2 ? '=HYPERLINK("x")' : `runaway scan ${i}`,
      message: i === 3 ? '' : `Cancelled query ${1000 + i}`,
    });
};
/** What someone with the SQLite file and a shell could do: the triggers go first. */
const tamper = (sql: string) => {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.exec(sql);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nightshift-chain-'));
  db = openStore({ dataDir: dir });
  audit = new AuditLog(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit chain', () => {
  it('is intact after ordinary writes, and says so with the count', () => {
    write(5);
    expect(verifyAuditChain(db)).toMatchObject({
      records: 5,
      intact: true,
      brokenAt: null,
      message: '5 records, chain intact.',
    });
  });

  it('finds an edited record', () => {
    write(5);
    tamper(`UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3`);
    const status = verifyAuditChain(db);
    expect(status).toMatchObject({ intact: false, brokenAt: 3 });
    expect(status.message).toBe(
      'Chain broken at record 3: its content no longer matches its hash (edited or replaced after it was written).',
    );
  });

  it('finds a record replaced with INSERT OR REPLACE (which the update trigger never sees)', () => {
    write(5);
    // The defect's own attack: no trigger dropped, the old hashes copied over.
    db.exec(`INSERT OR REPLACE INTO audit_log (seq, at, request_id, actor_os_user, action, outcome, message, prev_hash, hash)
             SELECT 1, at, 'forged', actor_os_user, 'actions.cancel', 'refused', 'never happened', prev_hash, hash
               FROM audit_log WHERE seq = 1`);
    expect(verifyAuditChain(db)).toMatchObject({ intact: false, brokenAt: 1 });
  });

  it('finds a deleted record, in the middle and at the end', () => {
    write(5);
    tamper('DELETE FROM audit_log WHERE seq = 3');
    expect(verifyAuditChain(db).message).toBe(
      'Chain broken at record 4: record 3 before it is missing (deleted).',
    );
    tamper('DELETE FROM audit_log WHERE seq >= 4');
    // The next record written keeps its own number, so the cut stays visible even then.
    expect(verifyAuditChain(db).message).toMatch(/^Chain broken at record [34]/);
  });

  it('finds records cut off the end', () => {
    write(5);
    tamper('DELETE FROM audit_log WHERE seq = 5');
    expect(verifyAuditChain(db).message).toBe('Chain broken at record 5: record 5 was deleted from the end.');
  });

  it('finds reordered records', () => {
    write(5);
    tamper(`UPDATE audit_log SET seq = -seq WHERE seq IN (2, 3);
            UPDATE audit_log SET seq = 3 WHERE seq = -2;
            UPDATE audit_log SET seq = 2 WHERE seq = -3;`);
    const status = verifyAuditChain(db);
    expect(status).toMatchObject({ intact: false, brokenAt: 2 });
    expect(status.message).toMatch(/does not follow record 1 \(records were reordered/);
  });

  it('says the same when paced over pages (audit.verify), across page boundaries', async () => {
    const paced = () => verifyAuditChainPaced(db, 10);
    write(25);
    expect(await paced()).toEqual(verifyAuditChain(db));
    expect(await paced()).toMatchObject({ records: 25, intact: true });
    tamper(`UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 15`);
    expect(await paced()).toMatchObject({ intact: false, brokenAt: 15 });
    tamper('DELETE FROM audit_log WHERE seq = 11');
    expect((await paced()).message).toBe(
      'Chain broken at record 12: record 11 before it is missing (deleted).',
    );
    tamper('DELETE FROM audit_log WHERE seq >= 12');
    expect((await paced()).message).toBe(
      'Chain broken at record 11: records 11–25 were deleted from the end.',
    );
  });

  it('seals the records written before the chain existed, once, and chains new ones after them', () => {
    const old = mkdtempSync(join(tmpdir(), 'nightshift-chain-old-'));
    const before = join(old, 'migrations');
    cpSync(DEFAULT_MIGRATIONS_DIR, before, { recursive: true });
    for (const f of readdirSync(before)) if (f >= '0007') rmSync(join(before, f));
    const legacy = openStore({ dataDir: old, migrationsDir: before });
    legacy
      .prepare(
        `INSERT INTO audit_log (at, request_id, actor_os_user, action, outcome, message)
         VALUES ('2026-11-01T00:00:00.000Z', 'legacy-1', 'ops', 'wlm.apply', 'ok', 'applied'),
                ('2026-11-02T00:00:00.000Z', 'legacy-2', 'ops', 'actions.cancel', 'refused', 'read-only')`,
      )
      .run();
    legacy.close();
    const upgraded = openStore({ dataDir: old });
    const log = new AuditLog(upgraded);
    log.append({ requestId: 'new-1', action: 'actions.cancel', outcome: 'ok', message: 'after the upgrade' });
    expect(verifyAuditChain(upgraded)).toMatchObject({ records: 3, intact: true });
    // A record slipped in later without a hash is a break, not something to seal.
    upgraded.exec(
      `INSERT INTO audit_log (at, request_id, actor_os_user, action, outcome) VALUES ('x', 'y', 'z', 'a', 'ok')`,
    );
    new AuditLog(upgraded);
    expect(verifyAuditChain(upgraded).message).toBe(
      'Chain broken at record 4: it has no hash, so it was written outside Nightshift.',
    );
    upgraded.close();
    rmSync(old, { recursive: true, force: true });
  });

  it('keeps a flood of identical refusals to one record with a count, chain intact', () => {
    for (let i = 0; i < 600; i++)
      auditRefusal(
        audit,
        'actions.cancel',
        { connectionId: 'c1', target: { pid: i } },
        'this door is read-only',
      );
    const page = listAudit(db, {});
    expect(page.total).toBe(1);
    expect(page.rows[0]!.repeats?.count).toBe(599);
    expect(verifyAuditChain(db)).toMatchObject({ records: 1, intact: true });
  });

  it('exports the chain so that a copy verifies offline, and a changed copy does not', () => {
    write(5);
    const { csv, rows, truncated } = auditCsv(eachAudit(db, {}));
    expect([rows, truncated]).toEqual([5, false]);
    expect(verifyLinks(readAuditCsv(csv), { contiguous: true })).toMatchObject({ records: 5, intact: true });

    const file = join(dir, 'audit.csv');
    writeFileSync(file, csv);
    const run = () =>
      spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'verify-audit.ts'), file], {
        encoding: 'utf8',
      });
    const good = run();
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('5 records, chain intact. (the whole log from record 1)');

    writeFileSync(file, csv.replace('runaway scan 4', 'routine check 4'));
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('Chain broken at record 4');
  });

  it('bounds the export by size and says it stopped', () => {
    write(50);
    const { rows, truncated } = auditCsv(eachAudit(db, {}), 4_000);
    expect(truncated).toBe(true);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(50);
  });
});
