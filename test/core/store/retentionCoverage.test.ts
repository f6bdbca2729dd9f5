// Every table of the store has a retention rule or a stated reason not to (issue #15): a table added
// by a migration and forgotten in applyRetention.ts fails here instead of growing forever.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NOT_RETAINED,
  RETAINED_TABLES,
  applyRetention,
} from '../../../electron/core/store/history/applyRetention.ts';
import { DEFAULT_COLLECTOR_SETTINGS } from '../../../electron/core/base/CollectorSettings.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';

describe('retention covers the store', () => {
  it('gives every table a horizon, the metrics retention, or a reason to keep it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nightshift-retention-'));
    const db = openStore({ dataDir: dir });
    const tables = (
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    db.close();
    rmSync(dir, { recursive: true, force: true });

    const covered = new Set([...RETAINED_TABLES.map((t) => t.table), ...Object.keys(NOT_RETAINED)]);
    const forgotten = tables.filter((t) => !covered.has(t) && !t.startsWith('metric_'));
    expect(forgotten, 'add these to RETAINED_TABLES or NOT_RETAINED in applyRetention.ts').toEqual([]);
    // And nothing listed that does not exist (a renamed table would otherwise slip through).
    expect([...covered].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('runs over every retained table (a WITHOUT ROWID table must name its key, or its delete fails)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nightshift-retention-'));
    const db = openStore({ dataDir: dir });
    try {
      await expect(applyRetention(db, DEFAULT_COLLECTOR_SETTINGS.retentionDays, new Date())).resolves.toBe(0);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
