// The replay runs rules over stored history as if Nightshift had been watching: per digest period, what
// would have paged and what would have waited for the digest. Here on disk figures in a real store: a
// night whose disk flaps around 95 % pages once (hold-down), a night at 88 % only fills the digest, and
// a quiet night has nothing. The real incidents are untouched. In the core the replay runs in a worker
// thread on the store file: the same verdicts, with its progress.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskUsedRule } from '../../../electron/core/alerts/rules/diskUsedRule.ts';
import { replayRules, type ReplayResult } from '../../../electron/core/alerts/replayRules.ts';
import { AlertRuleSet } from '../../../electron/core/alerts/AlertRuleSet.ts';
import { defaultSettings } from '../../../electron/core/alerts/configuredRule.ts';
import { inThreadReplays } from '../../../electron/core/alerts/runReplayJob.ts';
import { ALERT_RULE_KINDS } from '../../../electron/core/alertRuleKinds.ts';
import { replayWorker } from './support/replayWorker.ts';
import { BERLIN_SCHEDULE } from './support/berlinSchedule.ts';
import { openStore } from '../../../electron/core/store/openStore.ts';

const MIN_S = 60;
const diskPages = (r: ReplayResult) =>
  r.periods.flatMap((p) => p.paged).filter((m) => m.includes('Disk used'));

/** Three days of disk used in a real store: a flapping night at 97 %, a night at 88 %, a quiet night. */
function diskNights() {
  const db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-replay-')) });
  const seriesId = Number(
    db
      .prepare(
        `INSERT INTO metric_series (connection_id, metric, dims_key, dims_json, period_seconds, updated_at)
           VALUES ('r', 'PercentageDiskSpaceUsed', '[["ClusterIdentifier","c1"]]', '{"ClusterIdentifier":"c1"}', 60, 'x')`,
      )
      .run().lastInsertRowid,
  );
  const start = Date.parse('2026-06-10T10:00:00Z') / 1000; // 12:00 in Berlin, after the 10:00 digest
  const end = start + 3 * 86_400;
  const insert = db.prepare('INSERT INTO metric_points (series_id, ts, value) VALUES (?, ?, ?)');
  // Night 1 (before the 11 June digest): 02:00-03:00 Berlin flapping 97 / 40 every 10 minutes.
  const flapFrom = Date.parse('2026-06-11T00:00:00Z') / 1000;
  // Night 2 (before the 12 June digest): 88 % from 01:00 to 04:00 Berlin.
  const warnFrom = Date.parse('2026-06-11T23:00:00Z') / 1000;
  db.transaction(() => {
    for (let ts = start; ts <= end; ts += MIN_S) {
      let value = 40;
      if (ts >= flapFrom && ts < flapFrom + 3600)
        value = Math.floor((ts - flapFrom) / 600) % 2 === 0 ? 97 : 40;
      if (ts >= warnFrom && ts < warnFrom + 3 * 3600) value = 88;
      insert.run(seriesId, ts, value);
    }
  })();

  return { db, start, end };
}

describe('replay over stored history', () => {
  it('says per night what would have paged and what would have gone to the digest', () => {
    const { db, start, end } = diskNights();
    const result = replayRules(db, 'r', [diskUsedRule()], {
      fromUs: start * 1e6,
      toUs: end * 1e6,
      stepUs: 5 * 60e6,
      schedule: BERLIN_SCHEDULE,
    });
    expect(result.periods.map((p) => [p.digestDate, p.pages, p.digestItems])).toEqual([
      ['2026-06-11', 1, 0],
      ['2026-06-12', 0, 1],
    ]);
    expect(result.pages).toBe(1);
    expect(result.periods[0]!.paged[0]).toMatch(/Disk used is 97\.0 %/);
    // Without a hold-down the same flapping night pages three times: the replay shows what a change does.
    const eager = replayRules(db, 'r', [diskUsedRule()], {
      fromUs: start * 1e6,
      toUs: end * 1e6,
      stepUs: 5 * 60e6,
      schedule: { ...BERLIN_SCHEDULE, holdDownMinutes: 0 },
    });
    expect(eager.pages).toBe(3);
    expect(db.prepare('SELECT count(*) FROM alert_incidents').pluck().get()).toBe(0);
    db.close();
  });

  it('runs in a worker thread on the store file with the same verdicts, reporting its progress', async () => {
    const { db, start, end } = diskNights();
    const ruleSet = new AlertRuleSet(db, ALERT_RULE_KINDS);
    const job = {
      connectionId: 'r',
      fromUs: start * 1e6,
      toUs: end * 1e6,
      stepUs: 5 * 60e6,
      schedule: BERLIN_SCHEDULE,
      edited: { 'disk-used': { ...defaultSettings(ruleSet.kind('disk-used')!), threshold: 99 } },
    };
    const inThread: number[] = [];
    const expected = await inThreadReplays(db, ruleSet)(job, (done) => inThread.push(done)).result;
    const seen: { done: number; total: number }[] = [];
    const viaWorker = await replayWorker(db)(job, (done, total) => seen.push({ done, total })).result;
    expect(viaWorker).toEqual(expected);
    expect(diskPages(viaWorker.current)).toHaveLength(1);
    // The edited set (critical from 99 %) would not have paged for that night.
    expect(diskPages(viaWorker.edited!)).toHaveLength(0);
    expect(seen.length).toBeGreaterThan(2);
    // 3 days at 5-minute steps, both sides.
    expect(seen.at(-1)).toEqual({ done: (864 + 1) * 2, total: (864 + 1) * 2 });
    expect(seen.map((p) => p.done)).toEqual(inThread);
    db.close();
  });
});
