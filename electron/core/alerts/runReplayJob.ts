// One replay job (issue #12): the rules in force, and an edited set when given, over the same stretch of
// stored history. The same code runs in the replay's worker thread (on its own read-only connection to
// the store) and in-thread where there is no store file to share; it only reads the store.
import type Database from 'better-sqlite3';
import type { AlertSchedule } from '../../../shared/model/alert.ts';
import type { AlertRuleSettings } from '../../../shared/model/alertRule.ts';
import { ApiError } from '../base/ApiError.ts';
import type { AlertRuleSet } from './AlertRuleSet.ts';
import { replayRules, type ReplayResult } from './replayRules.ts';

export interface ReplayJob {
  connectionId: string;
  fromUs: number;
  toUs: number;
  stepUs: number;
  schedule: AlertSchedule;
  /** The rules panel's unsaved edits, replayed beside the rules in force; null for the rules in force only. */
  edited: Record<string, AlertRuleSettings> | null;
}

export interface ReplayJobResult {
  current: ReplayResult;
  edited: ReplayResult | null;
}

/** Steps judged so far of the job's total (both sides when an edited set is replayed too). */
export type ReplayProgress = (done: number, total: number) => void;

/** Steps between two progress reports: one replayed day at the hourly step. */
const REPORT_EVERY = 24;

export function runReplayJob(
  db: Database.Database,
  ruleSet: AlertRuleSet,
  job: ReplayJob,
  onProgress: ReplayProgress,
): ReplayJobResult {
  const perSide = Math.floor((job.toUs - job.fromUs) / job.stepUs) + 1;
  const total = perSide * (job.edited ? 2 : 1);
  let done = 0;
  const suppress = ruleSet.suppressor(job.connectionId, job.fromUs, job.toUs);
  const run = (edited: Record<string, AlertRuleSettings>) =>
    replayRules(db, job.connectionId, ruleSet.rulesWith(job.connectionId, edited), {
      fromUs: job.fromUs,
      toUs: job.toUs,
      stepUs: job.stepUs,
      schedule: job.schedule,
      suppress,
      onStep: () => {
        if (++done % REPORT_EVERY === 0) onProgress(done, total);
      },
    });
  const current = run({});
  const edited = job.edited ? run(job.edited) : null;
  onProgress(total, total);
  return { current, edited };
}

/** A replay on its way: its result, and a way to stop it (the result then fails with "cancelled"). */
export interface ReplayRun {
  result: Promise<ReplayJobResult>;
  cancel(): void;
}

/** Where replays run: a worker thread in the app and in serve (workerReplays), in-thread otherwise. */
export type ReplayRunner = (job: ReplayJob, onProgress: ReplayProgress) => ReplayRun;

export const REPLAY_CANCELLED = 'The replay was cancelled.';

/** In the caller's thread: for a store without a file a worker could open (and for small tests). */
export function inThreadReplays(db: Database.Database, ruleSet: AlertRuleSet): ReplayRunner {
  return (job, onProgress) => {
    let cancelled = false;
    const result = Promise.resolve().then(() => {
      if (cancelled) throw new ApiError('unavailable', REPLAY_CANCELLED);
      return runReplayJob(db, ruleSet, job, onProgress);
    });
    return { result, cancel: () => (cancelled = true) };
  };
}
