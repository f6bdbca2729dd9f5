// Retention: rows older than their horizon go, newer ones stay, open gaps are never deleted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTOR_SETTINGS } from '../../../electron/core/base/CollectorSettings.ts';
import { applyRetention } from '../../../electron/core/store/history/applyRetention.ts';
import { CollectionGaps } from '../../../electron/core/store/history/CollectionGaps.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';

const DAY_US = 86_400_000_000;

describe('retention', () => {
  it('deletes history past its horizon (400 days of queries by default) in batches, and nothing else', async () => {
    const db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-retention-')) });
    const now = new Date('2025-06-01T00:00:00Z');
    const nowUs = now.getTime() * 1000;
    const insertQuery = db.prepare(
      `INSERT INTO queries (connection_id, query, start_us, end_us, user_id, pid, xid, label, database, queue_us, exec_us,
         elapsed_us, aborted, fingerprint, text, text_complete, source)
       VALUES ('c', ?, ?, ?, 100, 1, 1, 'default', 'dev', 0, 0, 0, 0, 'f', 'SELECT 1', 1, 'stl')`,
    );
    db.transaction(() => {
      // 12,000 rows older than 400 days (more than one batch), 10 newer ones.
      for (let i = 0; i < 12_000; i++) insertQuery.run(i, nowUs - 401 * DAY_US + i, nowUs - 401 * DAY_US + i);
      for (let i = 0; i < 10; i++) insertQuery.run(100_000 + i, nowUs - 399 * DAY_US, nowUs - 399 * DAY_US);
    })();
    const sample = db.prepare(
      "INSERT INTO wlm_samples (connection_id, at_us, service_class, queue_name, running, queued, slots) VALUES ('c', ?, 6, 'q', 0, 0, 5)",
    );
    sample.run(nowUs - 91 * DAY_US);
    sample.run(nowUs - 89 * DAY_US);
    const gaps = new CollectionGaps(db);
    gaps.record('c', 'wlm_state', nowUs - 500 * DAY_US, nowUs - 499 * DAY_US, 'old');
    gaps.open('c', 'query_history', nowUs - 500 * DAY_US, 'still open');

    const deleted = await applyRetention(db, DEFAULT_COLLECTOR_SETTINGS.retentionDays, now);
    expect(deleted).toBe(12_000 + 1 + 1);
    expect(db.prepare('SELECT count(*) AS n FROM queries').get()).toEqual({ n: 10 });
    expect(db.prepare('SELECT count(*) AS n FROM wlm_samples').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT job, reason FROM collection_gaps').all()).toEqual([
      { job: 'query_history', reason: 'still open' },
    ]);
    db.close();
  });
});
