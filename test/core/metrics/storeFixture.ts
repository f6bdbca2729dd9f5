// A fresh store (real migrations, real SQLite file) in a temp directory for the metrics tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openStore } from '../../../electron/core/store/openStore.ts';

export interface TempStore {
  db: Database.Database;
  dataDir: string;
  close(): void;
}

export function tempStore(): TempStore {
  const dataDir = mkdtempSync(join(tmpdir(), 'ns-metrics-'));
  const db = openStore({ dataDir });
  return {
    db,
    dataDir,
    close: () => {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
