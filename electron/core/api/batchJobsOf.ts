// The batch jobs of a connection as the batches area sees them (issue #10: labels that recur night
// after night), with their runs per night, for the loads area (impact, late because a job started),
// which may not import the batches area itself (DESIGN.md §1: areas ask each other through the API).
import type Database from 'better-sqlite3';
import { readLabelNights } from '../batches/labelNights.ts';
import { proposeJobs, windowMinutesOf } from '../batches/proposeJobs.ts';
import { MEDIAN_NIGHTS } from '../batches/readBatchNight.ts';
import { addDays } from '../base/zonedTime.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import type { BatchJobs } from '../loads/readImpact.ts';

/** Jobs with their runs on the nights `fromIso`..`toIso` (a day either side; job-ness over 28 more). */
export function batchJobsOf(
  db: Database.Database,
  connectionId: string,
  fromIso: string,
  toIso: string,
): BatchJobs {
  const settings = batchSettingsOrDefault(db, connectionId);
  const from = addDays(fromIso.slice(0, 10), -1);
  const to = addDays(toIso.slice(0, 10), 1);
  const rows = readLabelNights(db, connectionId, addDays(from, -MEDIAN_NIGHTS), to);
  const labels = proposeJobs(rows, windowMinutesOf(settings.startMinute, settings.endMinute));
  return {
    labels,
    runs: rows
      .filter((r) => labels.has(r.label) && r.night >= from)
      .map((r) => ({ label: r.label, night: r.night, firstStartUs: r.firstStartUs, lastEndUs: r.lastEndUs })),
  };
}
