// The local SQLite store: one file in the data directory, WAL so readers never wait for the
// collector's writes, a busy timeout so a second process waits instead of failing.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFingerprintBounds, ensureFingerprintDays } from './history/FingerprintDays.ts';
import { migrate, readMigrations } from './migrate.ts';

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface StoreOptions {
  dataDir: string;
  migrationsDir?: string;
  /** Open an existing store without writing to it (another process owns it): no migrations run. */
  readOnly?: boolean;
}

export function openStore({
  dataDir,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
  readOnly = false,
}: StoreOptions): Database.Database {
  if (readOnly) return openReadOnly(dataDir, readMigrations(migrationsDir).length);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, 'nightshift.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // NORMAL is durable across an app crash in WAL mode; the audit log upgrades to FULL per write.
    db.pragma('synchronous = NORMAL');
    migrate(db, readMigrations(migrationsDir));
    // The rollup a migration cannot compute in SQL (its histograms): counted once, from the history.
    // A store opened with an older migration set (an upgrade test, a partial copy) has no such table yet.
    // Its percentile bounds (0034) likewise; the rollup is written with them, so both wait for 0034.
    const bounded = db
      .prepare("SELECT 1 FROM pragma_table_info('fingerprint_days') WHERE name = 'p50_lo_us'")
      .get();
    if (bounded !== undefined) {
      ensureFingerprintDays(db);
      ensureFingerprintBounds(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function openReadOnly(dataDir: string, migrationCount: number): Database.Database {
  const path = join(dataDir, 'nightshift.db');
  if (!existsSync(path)) throw new Error(`There is no Nightshift store in ${dataDir} to open read-only.`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const { applied } = db.prepare('SELECT count(*) AS applied FROM schema_migrations').get() as {
    applied: number;
  };
  if (applied !== migrationCount) {
    db.close();
    throw new Error(
      `The store in ${dataDir} has ${applied} of this version's ${migrationCount} migrations; ` +
        'it can be opened read-only only by the version that owns it.',
    );
  }
  return db;
}
