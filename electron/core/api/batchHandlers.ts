// batches.* (issue #10): the night window and SLA per connection (changes audited like the other
// settings), one night's timeline, a job's statements, and the finish time's drift.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { BatchJobRule, BatchSettings } from '../../../shared/model/batch.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { ApiError } from '../base/ApiError.ts';
import { formatClock } from '../base/batchNight.ts';
import { isKnownTimeZone } from '../base/zonedTime.ts';
import type { BatchRebuilder } from '../batches/BatchRebuilder.ts';
import { previewJobRules, readBatchJobs } from '../batches/readBatchJobs.ts';
import { readBatchDrift } from '../batches/readBatchDrift.ts';
import { readBatchNight } from '../batches/readBatchNight.ts';
import { readBatchStatements } from '../batches/readBatchStatements.ts';
import { startRebuild } from '../store/batches/BatchRebuild.ts';
import { readJobRules, writeJobRules } from '../store/batches/JobRulesStore.ts';
import {
  batchSettingsOrDefault,
  writeBatchSettings,
  type BatchSettingsRow,
} from '../store/batches/BatchSettingsStore.ts';
import type { ApiHandlers } from './dispatch.ts';

type BatchMethods =
  | 'batches.settings'
  | 'batches.setSettings'
  | 'batches.night'
  | 'batches.statements'
  | 'batches.drift'
  | 'batches.jobs'
  | 'batches.previewJobRules'
  | 'batches.setJobRules';

const minuteOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function settingsOf(row: BatchSettingsRow): BatchSettings {
  return {
    timeZone: row.timeZone,
    nightStart: formatClock(row.startMinute),
    nightEnd: formatClock(row.endMinute),
    sla: row.slaMinute === null ? null : formatClock(row.slaMinute),
  };
}

/** A rule must not be a pattern that can never be written back (bad input gets a clear message). */
function checkRules(rules: readonly BatchJobRule[]): void {
  rules.forEach((r, i) => {
    if (r.action === 'job' && r.name.trim() === '' && r.labelPattern !== null && /[*%?]/.test(r.labelPattern))
      throw new ApiError(
        'invalid_args',
        `rules[${i}].name: a rule whose label pattern matches several labels needs a job name (or they stay separate jobs named by label only when split by user or queue).`,
      );
  });
}

export function batchHandlers(deps: {
  db: Database.Database;
  audit: AuditLog;
  rebuilder: BatchRebuilder;
}): Pick<ApiHandlers, BatchMethods> {
  const { db, audit, rebuilder } = deps;
  return {
    'batches.settings': async ({ connectionId }) => settingsOf(batchSettingsOrDefault(db, connectionId)),

    'batches.setSettings': async ({ connectionId, ...wanted }) => {
      const before = batchSettingsOrDefault(db, connectionId);
      if (!isKnownTimeZone(wanted.timeZone))
        throw new ApiError(
          'invalid_args',
          `timeZone: "${wanted.timeZone}" is not a time zone this system knows.`,
        );
      if (wanted.nightStart === wanted.nightEnd)
        throw new ApiError('invalid_args', 'nightEnd: the night window must not be empty.');
      const after: BatchSettingsRow = {
        timeZone: wanted.timeZone,
        startMinute: minuteOf(wanted.nightStart),
        endMinute: minuteOf(wanted.nightEnd),
        slaMinute: wanted.sla === null ? null : minuteOf(wanted.sla),
      };
      const windowChanged =
        after.timeZone !== before.timeZone ||
        after.startMinute !== before.startMinute ||
        after.endMinute !== before.endMinute;
      db.transaction(() => {
        writeBatchSettings(db, connectionId, after);
        // Nights are cut anew: every statement may belong to another night now. A slice at a time
        // (BatchRebuilder), so the core keeps answering meanwhile.
        if (windowChanged) startRebuild(db, connectionId, after, 'the night window changed');
      })();
      if (windowChanged) void rebuilder.kick();
      audit.append({
        requestId: randomUUID(),
        action: 'batches.setSettings',
        outcome: 'ok',
        connectionId,
        params: wanted,
        before: JSON.stringify(settingsOf(before)),
        after: JSON.stringify(settingsOf(after)),
      });
      return settingsOf(after);
    },

    'batches.night': async (args) => readBatchNight(db, args),
    'batches.statements': async (args) => readBatchStatements(db, args),
    'batches.drift': async (args) => readBatchDrift(db, args),
    'batches.jobs': async ({ connectionId }) => readBatchJobs(db, connectionId),
    'batches.previewJobRules': async ({ connectionId, rules }) => {
      checkRules(rules);
      return previewJobRules(db, connectionId, rules);
    },
    'batches.setJobRules': async ({ connectionId, rules }) => {
      checkRules(rules);
      const before = readJobRules(db, connectionId);
      // The readers apply the rules to the rollups as they read: nothing to rebuild.
      db.transaction(() => writeJobRules(db, connectionId, rules))();
      audit.append({
        requestId: randomUUID(),
        action: 'batches.setJobRules',
        outcome: 'ok',
        connectionId,
        params: { rules },
        before: JSON.stringify(before),
        after: JSON.stringify(rules),
      });
      return readBatchJobs(db, connectionId);
    },
  };
}
