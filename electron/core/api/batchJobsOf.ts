// The batch jobs of a connection as the batches area shows them (issue #10: labels that recur night
// after night, with the job editor's renames, merges, splits and hides), with their runs per night, for
// the loads area (impact, late because a job started), which may not import the batches area itself
// (DESIGN.md §1: areas ask each other through the API).
import type Database from 'better-sqlite3';
import { readJobMap } from '../batches/readJobMap.ts';
import { MEDIAN_NIGHTS } from '../batches/readBatchNight.ts';
import { addDays } from '../base/zonedTime.ts';
import type { BatchJobs } from '../loads/readImpact.ts';

/** Jobs with their runs on the nights `fromIso`..`toIso` (a day either side; job-ness over 28 more). */
export function batchJobsOf(
  db: Database.Database,
  connectionId: string,
  fromIso: string,
  toIso: string,
): BatchJobs {
  const from = addDays(fromIso.slice(0, 10), -1);
  const to = addDays(toIso.slice(0, 10), 1);
  return readJobMap(db, connectionId, addDays(from, -MEDIAN_NIGHTS), from, to);
}
