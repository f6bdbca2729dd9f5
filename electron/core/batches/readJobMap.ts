// Which batch job a statement belongs to, as every batch view shows it (issue #10 job editor: renames,
// merges, splits and hides applied by readJobNights), for the areas that group statements by job
// (loads: impact, jobs that started before a feed arrived). They know a statement's label and user, not
// its queue: a job split by queue maps a label and user to the split that ran most of its statements.
import type Database from 'better-sqlite3';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { readJobNights, type JobNight } from './jobNights.ts';

export interface JobMap {
  /** The job of a statement with this label and user; null when not a job (or a hidden one). */
  jobOf(label: string, userName: string): string | null;
  /** The hidden job (job editor: hide) of a statement with this label and user, or null. */
  hiddenOf(label: string, userName: string): string | null;
  /** Every job's runs on the nights asked for, by night. */
  runs: { job: string; night: string; firstStartUs: number; lastEndUs: number }[];
}

/**
 * The job of a label and user among `jobs`: the one that ran most of that pair's statements, else the
 * only job of that label (for a user no stored night shows), else null.
 */
function lookupOf(jobs: readonly JobNight[]): (label: string, userName: string) => string | null {
  // label + user -> job -> statements; label -> jobs.
  const byActor = new Map<string, Map<string, number>>();
  const byLabel = new Map<string, Set<string>>();
  for (const j of jobs)
    for (const s of j.sources) {
      const key = `${s.label}\u0000${s.user}`;
      let counts = byActor.get(key);
      if (!counts) byActor.set(key, (counts = new Map()));
      counts.set(j.label, (counts.get(j.label) ?? 0) + j.statements);
      let names = byLabel.get(s.label);
      if (!names) byLabel.set(s.label, (names = new Set()));
      names.add(j.label);
    }
  const best = new Map<string, string>();
  for (const [key, counts] of byActor)
    best.set(key, [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
  return (label, userName) => {
    const found = best.get(`${label}\u0000${userName}`);
    if (found !== undefined) return found;
    const names = byLabel.get(label);
    return names?.size === 1 ? [...names][0]! : null;
  };
}

/**
 * The jobs of nights `from`..`to` ('YYYY-MM-DD'); which labels recur as jobs is judged over the nights
 * from `since` (earlier, so a job is one on the first night too).
 */
export function readJobMap(
  db: Database.Database,
  connectionId: string,
  since: string,
  from: string,
  to: string,
): JobMap {
  const { jobs, hidden } = readJobNights(
    db,
    connectionId,
    since,
    to,
    batchSettingsOrDefault(db, connectionId),
  );
  const jobOf = lookupOf(jobs);
  const hiddenOf = lookupOf(hidden);
  return {
    jobOf,
    // A pair that is a job on some nights is that job: hidden only when it is never shown as one.
    hiddenOf: (label, userName) => (jobOf(label, userName) === null ? hiddenOf(label, userName) : null),
    runs: jobs
      .filter((j) => j.night >= from)
      .map((j) => ({ job: j.label, night: j.night, firstStartUs: j.firstStartUs, lastEndUs: j.lastEndUs })),
  };
}
