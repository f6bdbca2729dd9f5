// The local SQLite store: one file in the data directory, WAL so readers never wait for the
// collector's writes, a busy timeout so a second process waits instead of failing.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, readMigrations } from './migrate.ts';

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface StoreOptions {
  dataDir: string;
  migrationsDir?: string;
}

export function openStore({
  dataDir,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
}: StoreOptions): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, 'nightshift.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // NORMAL is durable across an app crash in WAL mode; the audit log upgrades to FULL per write.
    db.pragma('synchronous = NORMAL');
    migrate(db, readMigrations(migrationsDir));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
