// A connection's batch settings, created with the defaults the first time they are needed. Creating
// them also plans the rollups' rebuild for history stored before they existed (a store from an
// earlier version; BatchRebuild.ts does it a slice at a time), so from then on ingest only has to add
// what is new.
import type Database from 'better-sqlite3';
import { DEFAULT_NIGHT_SPEC } from '../../base/batchNight.ts';
import { startRebuild } from './BatchRebuild.ts';
import { readBatchSettings, writeBatchSettings, type BatchSettingsRow } from './BatchSettingsStore.ts';

export function ensureBatchSettings(db: Database.Database, connectionId: string): BatchSettingsRow {
  const found = readBatchSettings(db, connectionId);
  if (found) return found;
  const defaults: BatchSettingsRow = { ...DEFAULT_NIGHT_SPEC, slaMinute: null };
  db.transaction(() => {
    writeBatchSettings(db, connectionId, defaults);
    startRebuild(db, connectionId, defaults, 'history stored before the batch views existed');
  })();
  return defaults;
}
