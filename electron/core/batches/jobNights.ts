// The one place job rules apply (issue #10): turns the rollup rows of a range of nights (one per
// night, label, user and queue) into one row per night and job. Groups a rule matches go where the
// rule says (rename, merge, split by user or queue, hide, add); the others are jobs when their label
// recurs night after night (proposeJobs), and otherwise stay "other labels" (dashboards, ad hoc).
import type Database from 'better-sqlite3';
import type { BatchJobRule } from '../../../shared/model/batch.ts';
import { nightWindow, type NightSpec } from '../base/batchNight.ts';
import { addDays } from '../base/zonedTime.ts';
import { readJobRules } from '../store/batches/JobRulesStore.ts';
import { lastNight, readLabelNights, type LabelNight } from './labelNights.ts';
import { proposeJobs, windowMinutesOf } from './proposeJobs.ts';

/** A night of a job: the sums of its groups; `label` is the job's name. */
export interface JobNight extends LabelNight {
  /** The groups it was made of, as 'label' or 'label · user · queue' when split. */
  sources: { label: string; user: string; queue: string }[];
  /** No rule made it a job: its label recurs. */
  proposed: boolean;
}

export interface JobNights {
  /** Job rows, by night. */
  jobs: JobNight[];
  /** Rows of labels that are not jobs, per night and label. */
  others: JobNight[];
  /** Rows of hidden jobs, per night and name. */
  hidden: JobNight[];
}

const globCache = new Map<string, RegExp>();

/** '*' (or SQL's '%') matches any run of characters, '?' (or '_' is literal) one character. */
export function globMatches(pattern: string, value: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' || c === '%' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 's');
    if (globCache.size > 1_000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re.test(value);
}

function ruleMatches(rule: BatchJobRule, r: LabelNight): boolean {
  return (
    (rule.labelPattern === null || globMatches(rule.labelPattern, r.label)) &&
    (rule.user === null || globMatches(rule.user, r.userName)) &&
    (rule.queue === null || globMatches(rule.queue, r.queueName))
  );
}

function nameOf(rule: BatchJobRule, r: LabelNight): string {
  const base = rule.name === '' ? r.label : rule.name;
  if (rule.splitBy === 'user') return `${base} · ${r.userName || 'no user'}`;
  if (rule.splitBy === 'queue') return `${base} · ${r.queueName || 'no queue'}`;
  return base;
}

/**
 * Per night and label: what proposeJobs reads (a label's groups added up). The rows come by night, so
 * a night's labels are keyed by label alone in a map that starts afresh with each night: no key is
 * built per row (16,000 rows for 400 nights of 40 jobs).
 */
function byLabel(rows: readonly LabelNight[]): readonly LabelNight[] {
  const out: LabelNight[] = [];
  const copies = new Set<LabelNight>();
  let night = new Map<string, LabelNight>();
  let current: string | null = null;
  for (const r of rows) {
    if (r.night !== current) {
      out.push(...night.values());
      night = new Map();
      current = r.night;
    }
    const found = night.get(r.label);
    if (!found) night.set(r.label, r);
    else if (copies.has(found)) addInto(found, r);
    else {
      const sum = addInto({ ...found }, r);
      copies.add(sum);
      night.set(r.label, sum);
    }
  }
  out.push(...night.values());
  // Usually one group per label and night: the rows themselves.
  return out.length === rows.length ? rows : out;
}

function addInto<T extends LabelNight>(into: T, r: LabelNight): T {
  if (r.firstStartUs < into.firstStartUs) into.firstStartUs = r.firstStartUs;
  if (r.lastEndUs > into.lastEndUs) into.lastEndUs = r.lastEndUs;
  into.statements += r.statements;
  into.queuedStatements += r.queuedStatements;
  into.queueUs += r.queueUs;
  into.execUs += r.execUs;
  into.aborted += r.aborted;
  into.waitQueue = r.waitQueue ?? into.waitQueue;
  into.measured += r.measured;
  into.rowsScanned += r.rowsScanned;
  into.cpuUs += r.cpuUs;
  into.cpuMeasured += r.cpuMeasured;
  return into;
}

/** One night's rows of a kind (jobs, other labels, hidden jobs), by name. */
type NightRows = Map<string, JobNight>;

/** Adds a row to its job of the night; an `owned` row may become the job itself (not copied). */
function collect(target: NightRows, name: string, r: LabelNight, proposed: boolean, owned: boolean): void {
  const source = { label: r.label, user: r.userName, queue: r.queueName };
  const found = target.get(name);
  if (!found) {
    const job = (owned ? r : { ...r }) as JobNight;
    job.label = name;
    job.sources = [source];
    job.proposed = proposed;
    target.set(name, job);
  } else {
    addInto(found, r);
    found.sources.push(source);
    found.proposed &&= proposed;
  }
}

/**
 * `owned`: the rows are the caller's to give away (read for this call only), so a job made of one row
 * is that row, not a copy: a year's rollups are 16,000 rows, and the copies were a fifth of reading them.
 */
export function jobNights(
  rows: readonly LabelNight[],
  rules: readonly BatchJobRule[],
  windowMinutes: number,
  owned = false,
): JobNights {
  const proposed = proposeJobs(byLabel(rows), windowMinutes);
  const out: JobNights = { jobs: [], others: [], hidden: [] };
  // The rows come by night: each night's rows are collected by name, then appended in night order.
  let jobs: NightRows = new Map();
  let others: NightRows = new Map();
  let hidden: NightRows = new Map();
  const flush = () => {
    out.jobs.push(...jobs.values());
    out.others.push(...others.values());
    out.hidden.push(...hidden.values());
    [jobs, others, hidden] = [new Map(), new Map(), new Map()];
  };
  let night: string | null = null;
  for (const r of rows) {
    if (r.night !== night) {
      flush();
      night = r.night;
    }
    const rule = rules.length === 0 ? undefined : rules.find((x) => ruleMatches(x, r));
    if (rule?.action === 'hide')
      collect(hidden, rule.name === '' ? r.label : nameOf(rule, r), r, false, owned);
    else if (rule) collect(jobs, nameOf(rule, r), r, false, owned);
    else if (proposed.has(r.label)) collect(jobs, r.label, r, true, owned);
    else collect(others, r.label, r, false, owned);
  }
  flush();
  return out;
}

/**
 * The rollups of nights `from`..`to` with the connection's job rules applied: what the readers call.
 * `night` is the connection's night window (its length decides which labels recur as jobs).
 */
export function readJobNights(
  db: Database.Database,
  connectionId: string,
  from: string,
  to: string,
  night: Pick<NightSpec, 'startMinute' | 'endMinute'>,
  rules: readonly BatchJobRule[] = readJobRules(db, connectionId),
): JobNights {
  const windowMinutes = windowMinutesOf(night.startMinute, night.endMinute);
  return jobNights(readLabelNights(db, connectionId, from, to), rules, windowMinutes, true);
}

/** Nights read to tell whether a label recurs as a job (as the timeline's medians do). */
const RECUR_NIGHTS = 28;

/**
 * The night the batch views open on: the last stored night, unless it is still under way and no job
 * has run in it yet (the evening's dashboards open tomorrow's night hours before its batch starts);
 * then the night before, whose batch is the one the admin asks about. Null when nothing is stored.
 */
export function lastBatchNight(
  db: Database.Database,
  connectionId: string,
  spec: NightSpec,
  nowMs: number = Date.now(),
): string | null {
  const newest = lastNight(db, connectionId);
  if (newest === null || nowMs >= nightWindow(newest, spec).toMs) return newest;
  const { jobs } = readJobNights(db, connectionId, addDays(newest, -RECUR_NIGHTS), newest, spec);
  if (jobs.some((j) => j.night === newest)) return newest;
  return lastNight(db, connectionId, newest) ?? newest;
}
