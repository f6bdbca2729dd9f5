// A real store with the alert service and the rules panel's service on one rule set (the store's own
// rule kinds), a clock the test moves, and disk points to make the disk rule fire at will.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AlertRuleService } from '../../../../electron/core/alerts/AlertRuleService.ts';
import { AlertRuleSet } from '../../../../electron/core/alerts/AlertRuleSet.ts';
import { AlertService } from '../../../../electron/core/alerts/AlertService.ts';
import { STORE_RULE_KINDS } from '../../../../electron/core/alerts/storeRuleKinds.ts';
import { AuditLog } from '../../../../electron/core/audit/AuditLog.ts';
import { silentLogger } from '../../../../electron/core/base/Logger.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';

export interface RuleBed {
  db: Database.Database;
  alerts: AlertService;
  rules: AlertRuleService;
  ruleSet: AlertRuleSet;
  clock: { ms: number };
  /** Disk used at the clock's minute. */
  disk(percent: number): void;
  close(): void;
}

export function startRuleBed(connectionId: string, startIso: string): RuleBed {
  const db = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'ns-alert-rules-')) });
  const clock = { ms: Date.parse(startIso) };
  const ruleSet = new AlertRuleSet(db, STORE_RULE_KINDS);
  const audit = new AuditLog(db);
  const alerts = new AlertService({
    db,
    log: silentLogger,
    rules: [],
    ruleSet,
    secrets: null,
    audit,
    connectionName: (id) => `cluster ${id}`,
    now: () => clock.ms,
    defaultTimeZone: 'Europe/Berlin',
  });
  const rules = new AlertRuleService({
    db,
    ruleSet,
    audit,
    defaultTimeZone: 'Europe/Berlin',
    now: () => clock.ms,
  });
  const seriesId = Number(
    db
      .prepare(
        `INSERT INTO metric_series (connection_id, metric, dims_key, dims_json, period_seconds, updated_at)
         VALUES (?, 'PercentageDiskSpaceUsed', '[["ClusterIdentifier","c1"]]', '{"ClusterIdentifier":"c1"}', 60, 'x')`,
      )
      .run(connectionId).lastInsertRowid,
  );
  return {
    db,
    alerts,
    rules,
    ruleSet,
    clock,
    disk(percent) {
      db.prepare('INSERT OR REPLACE INTO metric_points (series_id, ts, value) VALUES (?, ?, ?)').run(
        seriesId,
        Math.floor(clock.ms / 1000),
        percent,
      );
    },
    close: () => db.close(),
  };
}
