// The jobs as the rules make them over the stored history (issue #10: "previewed against the stored
// history before saving"): per job, the labels, users and queues it takes statements from, its nights
// and statements; and, for a preview, the same with other rules and what would change, in words.
import type Database from 'better-sqlite3';
import type {
  BatchJobRule,
  BatchJobRulesPreview,
  BatchJobs,
  BatchJobSummary,
} from '../../../shared/model/batch.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { readJobRules } from '../store/batches/JobRulesStore.ts';
import { plural } from './batchWords.ts';
import { jobNights, type JobNight } from './jobNights.ts';
import { lastNight, readLabelNights, type LabelNight } from './labelNights.ts';
import { windowMinutesOf } from './proposeJobs.ts';
import { addDays } from '../base/zonedTime.ts';

/** The history a preview looks at: as far back as the drift goes. */
const PREVIEW_NIGHTS = 400;

const sourceKey = (s: { label: string; user: string; queue: string }) =>
  `${s.label}\u0000${s.user}\u0000${s.queue}`;

function summaries(rows: readonly JobNight[]): BatchJobSummary[] {
  const byName = new Map<string, BatchJobSummary & { keys: Set<string> }>();
  for (const r of rows) {
    let s = byName.get(r.label);
    if (!s)
      byName.set(
        r.label,
        (s = {
          name: r.label,
          proposed: r.proposed,
          sources: [],
          nights: 0,
          statements: 0,
          firstNight: r.night,
          lastNight: r.night,
          keys: new Set(),
        }),
      );
    s.nights++;
    s.statements += r.statements;
    if (r.night < s.firstNight) s.firstNight = r.night;
    if (r.night > s.lastNight) s.lastNight = r.night;
    for (const src of r.sources)
      if (!s.keys.has(sourceKey(src))) {
        s.keys.add(sourceKey(src));
        s.sources.push(src);
      }
  }
  return [...byName.values()]
    .map(({ keys: _keys, ...s }) => ({
      ...s,
      sources: s.sources.sort((a, b) => sourceKey(a).localeCompare(sourceKey(b))),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function jobsOf(
  connectionId: string,
  rows: readonly LabelNight[],
  rules: readonly BatchJobRule[],
  windowMinutes: number,
  from: string | null,
  to: string | null,
): BatchJobs {
  const grouped = jobNights(rows, rules, windowMinutes);
  return {
    connectionId,
    rules: [...rules],
    jobs: summaries(grouped.jobs),
    hidden: summaries(grouped.hidden),
    others: summaries(grouped.others)
      .map((o) => ({ label: o.name, nights: o.nights, statements: o.statements }))
      .sort((a, b) => b.nights - a.nights || b.statements - a.statements)
      .slice(0, 50),
    from,
    to,
  };
}

function storedRows(db: Database.Database, connectionId: string) {
  const settings = batchSettingsOrDefault(db, connectionId);
  const to = lastNight(db, connectionId);
  const from = to === null ? null : addDays(to, -(PREVIEW_NIGHTS - 1));
  const rows = to === null || from === null ? [] : readLabelNights(db, connectionId, from, to);
  return { rows, from, to, windowMinutes: windowMinutesOf(settings.startMinute, settings.endMinute) };
}

export function readBatchJobs(db: Database.Database, connectionId: string): BatchJobs {
  const s = storedRows(db, connectionId);
  return jobsOf(connectionId, s.rows, readJobRules(db, connectionId), s.windowMinutes, s.from, s.to);
}

export function previewJobRules(
  db: Database.Database,
  connectionId: string,
  rules: readonly BatchJobRule[],
): BatchJobRulesPreview {
  const s = storedRows(db, connectionId);
  const before = jobsOf(connectionId, s.rows, readJobRules(db, connectionId), s.windowMinutes, s.from, s.to);
  const after = jobsOf(connectionId, s.rows, rules, s.windowMinutes, s.from, s.to);
  return { before, after, changes: changesOf(before, after) };
}

/** What moved between the two sets of jobs, in words, by the statement groups each takes. */
function changesOf(before: BatchJobs, after: BatchJobs): string[] {
  const where = (jobs: BatchJobs) => {
    const m = new Map<string, string>();
    for (const j of jobs.jobs) for (const src of j.sources) m.set(sourceKey(src), j.name);
    for (const j of jobs.hidden) for (const src of j.sources) m.set(sourceKey(src), `hidden:${j.name}`);
    return m;
  };
  const was = where(before);
  const now = where(after);
  const changes: string[] = [];
  const beforeNames = new Set(before.jobs.map((j) => j.name));
  for (const j of after.jobs) {
    const from = [...new Set(j.sources.map((src) => was.get(sourceKey(src)) ?? null))];
    const fromJobs = from.filter((f): f is string => f !== null && !f.startsWith('hidden:'));
    const fresh = from.includes(null);
    if (beforeNames.has(j.name) && fromJobs.length === 1 && fromJobs[0] === j.name && !fresh) continue;
    const nights = `${plural(j.nights, 'night')}, ${plural(j.statements, 'statement')}`;
    if (fromJobs.length > 1) changes.push(`${fromJobs.join(' and ')} merge into ${j.name} (${nights}).`);
    else if (fromJobs.length === 1 && fromJobs[0] !== j.name && !fresh) {
      const split = after.jobs.filter((o) =>
        o.sources.some((src) => was.get(sourceKey(src)) === fromJobs[0]),
      ).length;
      changes.push(
        split > 1
          ? `${fromJobs[0]} is split: ${j.name} gets ${nights}.`
          : `${fromJobs[0]} is renamed ${j.name} (${nights}).`,
      );
    } else if (fresh)
      changes.push(
        `${j.name} becomes a job (${nights}, from ${[...new Set(j.sources.map((src) => src.label))].join(', ')}).`,
      );
    else changes.push(`${j.name} changes (${nights}).`);
  }
  const afterNames = new Set(after.jobs.map((j) => j.name));
  for (const j of before.jobs) {
    if (afterNames.has(j.name)) continue;
    const to = [...new Set(j.sources.map((src) => now.get(sourceKey(src)) ?? null))];
    if (to.every((t) => t !== null && t.startsWith('hidden:'))) changes.push(`${j.name} is hidden.`);
    else if (to.every((t) => t === null)) changes.push(`${j.name} is no longer a job.`);
  }
  if (changes.length === 0) changes.push('No job changes.');
  return changes;
}
