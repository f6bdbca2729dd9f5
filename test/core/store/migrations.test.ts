import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/AuditLog.ts';
import { DEFAULT_MIGRATIONS_DIR, openStore } from '../../../electron/core/store/openStore.ts';

const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A private copy of the real migrations, so a test can tamper with it. */
function copyOfMigrations(): string {
  const dir = tempDir('ns-migrations-');
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

/** A store opened once on a private copy of the migrations, which the test then tampers with. */
function storeOnOwnMigrations(): { dataDir: string; migrationsDir: string } {
  const dataDir = tempDir('ns-store-');
  const migrationsDir = copyOfMigrations();
  openStore({ dataDir, migrationsDir }).close();
  return { dataDir, migrationsDir };
}

describe('store migrations', () => {
  it('apply once, in order, and are recorded with checksums', () => {
    const dataDir = tempDir('ns-store-');
    const first = openStore({ dataDir });
    const applied = first.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all() as {
      id: number;
      name: string;
    }[];
    expect(applied[0]).toEqual({ id: 1, name: '0001_init.sql' });
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('busy_timeout', { simple: true })).toBe(5000);
    first.close();
    const second = openStore({ dataDir });
    expect(second.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: applied.length,
    });
    second.close();
  });

  it('apply a new migration added later, and only that one', () => {
    const { dataDir, migrationsDir } = storeOnOwnMigrations();
    // A number used already, or one below a migration already applied, is refused with a clear message…
    writeFileSync(join(migrationsDir, '0001_again.sql'), 'CREATE TABLE later (x INTEGER);');
    expect(() => openStore({ dataDir, migrationsDir })).toThrow(/out of sequence/);
    rmSync(join(migrationsDir, '0001_again.sql'));
    const other = copyOfMigrations();
    const fresh = tempDir('ns-store-');
    writeFileSync(join(other, '0999_last.sql'), 'CREATE TABLE last (x INTEGER);');
    openStore({ dataDir: fresh, migrationsDir: other }).close();
    writeFileSync(join(other, '0998_between.sql'), 'CREATE TABLE between_them (x INTEGER);');
    expect(() => openStore({ dataDir: fresh, migrationsDir: other })).toThrow(/out of sequence/);
    writeFileSync(
      join(migrationsDir, `${nextNumber(migrationsDir)}_later.sql`),
      'CREATE TABLE later (x INTEGER);',
    );
    const db = openStore({ dataDir, migrationsDir });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'later'").get()).toEqual({
      name: 'later',
    });
    db.close();
  });

  it('refuse to start on an applied migration that was edited, naming it', () => {
    const { dataDir, migrationsDir } = storeOnOwnMigrations();
    appendFileSync(join(migrationsDir, '0001_init.sql'), '\n-- a harmless-looking edit\n');
    expect(() => openStore({ dataDir, migrationsDir })).toThrow(
      /"0001_init\.sql" was changed after it was applied/,
    );
  });

  it('refuse to start when an applied migration is missing', () => {
    const dataDir = tempDir('ns-store-');
    const migrationsDir = copyOfMigrations();
    writeFileSync(join(migrationsDir, `${nextNumber(migrationsDir)}_extra.sql`), 'SELECT 1;');
    openStore({ dataDir, migrationsDir }).close();
    expect(() => openStore({ dataDir, migrationsDir: DEFAULT_MIGRATIONS_DIR })).toThrow(/does not have/);
  });

  it('keep data across a restart, and keep audit records unchangeable', () => {
    const dataDir = tempDir('ns-store-');
    const db = openStore({ dataDir });
    new AuditLog(db).append({ requestId: 'r1', action: 'connections.add', outcome: 'ok', reason: 'test' });
    db.close();
    const again = openStore({ dataDir });
    expect(again.prepare('SELECT action, reason, outcome FROM audit_log').all()).toEqual([
      { action: 'connections.add', reason: 'test', outcome: 'ok' },
    ]);
    expect(() => again.prepare("UPDATE audit_log SET outcome = 'refused'").run()).toThrow(/never edited/);
    expect(() => again.prepare('DELETE FROM audit_log').run()).toThrow(/never deleted/);
    again.close();
  });
});

/** The number the next migration file must carry. */
function nextNumber(dir: string): string {
  const last = Math.max(...readdirSync(dir).map((f) => Number(/^(\d{4})_/.exec(f)?.[1] ?? 0)));
  return String(last + 1).padStart(4, '0');
}

describe('upgrading a store with batch rollups (0033)', () => {
  it('keeps the CPU figures of a connection whose metrics carry CPU, batch settings left at their defaults', () => {
    const dataDir = tempDir('ns-store-');
    const before = copyOfMigrations();
    for (const f of readdirSync(before)) if (f >= '0033') rmSync(join(before, f));
    const old = openStore({ dataDir, migrationsDir: before });
    const rollup = old.prepare(
      `INSERT INTO batch_label_nights (connection_id, night, label, user_name, queue_name, night_start_us,
         first_start_us, last_end_us, statements, queued_statements, queue_us, exec_us, aborted, wait_queue, measured)
       VALUES (?, '2026-12-01', 'nightly_a', 'etl_user', 'etl_nightly', 0, 1, 2, 10, 0, 0, 1, 0, NULL, ?)`,
    );
    const metric = old.prepare(
      `INSERT INTO query_metrics (connection_id, query, end_us, rows_scanned, cpu_us, source) VALUES (?, 1, 5, 100, ?, ?)`,
    );
    rollup.run('provisioned', 7);
    metric.run('provisioned', 30, 'stl');
    rollup.run('serverless', 5);
    metric.run('serverless', null, 'sys');
    old.close();
    const upgraded = openStore({ dataDir });
    expect(
      upgraded
        .prepare('SELECT connection_id, cpu_measured FROM batch_label_nights ORDER BY connection_id')
        .all(),
    ).toEqual([
      { connection_id: 'provisioned', cpu_measured: 7 },
      { connection_id: 'serverless', cpu_measured: 0 },
    ]);
    upgraded.close();
  });
});
