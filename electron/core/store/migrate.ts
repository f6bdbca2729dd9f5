// Numbered, append-only migrations (migrations/NNNN_name.sql), applied in order and verified at every
// start: an applied migration that was edited or removed stops the app with a message that says which
// and what to do, instead of running on a schema nobody can reason about.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export function readMigrations(dir: string): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  // Numbers strictly increase; a gap is allowed (feature branches reserve their numbers and are merged
  // in any order), a repeated number is not.
  let previous = 0;
  return files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`Migration file "${file}" is not named NNNN_name.sql.`);
    const id = Number(match[1]);
    if (id <= previous) {
      throw new MigrationError(`Migration "${file}" is out of sequence: its number is used already.`);
    }
    previous = id;
    const sql = readFileSync(join(dir, file), 'utf8');
    return { id, name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/** Applies pending migrations; returns the names applied now. */
export function migrate(db: Database.Database, migrations: Migration[]): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = db.prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id').all() as {
    id: number;
    name: string;
    checksum: string;
  }[];

  for (const row of applied) {
    const file = migrations.find((m) => m.id === row.id);
    if (!file) {
      throw new MigrationError(
        `The store was migrated with "${row.name}", which this version of Nightshift does not have. ` +
          'Use the version that created this data directory, or start with a new --data-dir.',
      );
    }
    if (file.checksum !== row.checksum || file.name !== row.name) {
      throw new MigrationError(
        `Migration "${row.name}" was changed after it was applied to this store. ` +
          'Applied migrations are append-only: restore the original file and add a new migration instead.',
      );
    }
  }

  const done: string[] = [];
  const insert = db.prepare(
    'INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const pending = migrations.filter((m) => !applied.some((a) => a.id === m.id));
  const lastApplied = applied.at(-1);
  const early = lastApplied ? pending.find((m) => m.id < lastApplied.id) : undefined;
  if (early && lastApplied) {
    throw new MigrationError(
      `Migration "${early.name}" is out of sequence: "${lastApplied.name}" was applied to this store before it. ` +
        'Renumber it after the last applied migration, or start with a new --data-dir.',
    );
  }
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      insert.run(m.id, m.name, m.checksum, new Date().toISOString());
    })();
    done.push(m.name);
  }
  return done;
}
