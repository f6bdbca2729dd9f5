// The collector's status in words: one line for the status bar (summariseCollector) and a headline,
// detail lines and backfill progress per connection (describeConnectionCollector). Pure functions of
// the status and the current time, so they are unit-tested and the components only lay them out.
// Staleness is judged here from lastSuccessAt and `now` (isJobStale): the core pushes no event when
// a job's data merely ages.
import type {
  BackfillProgress,
  CollectorStatus,
  ConnectionCollectorStatus,
  JobName,
  JobStatus,
} from '../../../../shared/model/collector.ts';
import { isJobStale } from '../../../../shared/model/collector.ts';

export type Tone = 'ok' | 'warn' | 'error' | 'idle';

export interface Summary {
  tone: Tone;
  text: string;
}

export interface DetailLine {
  tone: Tone;
  text: string;
}

export interface ConnectionCollectorView {
  tone: Tone;
  /** One short phrase: "Connected: 5 jobs ok, 3 skipped", "Connecting…", "Cannot connect". */
  headline: string;
  /** Why: the connection error, each failing or stale job, skipped jobs grouped by reason. */
  details: DetailLine[];
  /** One line per job still reading what the cluster holds, e.g. "Backfilling query history: …". */
  backfill: string[];
}

export type JobCondition = 'ok' | 'starting' | 'failing' | 'stale' | 'skipped' | 'waiting';

const JOB_LABELS: Record<JobName, string> = {
  live_activity: 'live activity',
  query_history: 'query history',
  query_metrics: 'rows scanned and CPU',
  wlm_state: 'WLM state',
  wlm_config: 'WLM configuration',
  loads: 'loads',
  table_access: 'table reads and writes',
  alerts: 'alerts',
  metrics: 'CloudWatch metrics',
  cluster: 'cluster details',
};

const numbers = new Intl.NumberFormat('en-US');

export function jobLabel(job: JobName): string {
  return JOB_LABELS[job];
}

export function formatCount(n: number): string {
  return numbers.format(n);
}

/** The reason a job is not run on this connection, or null when it is not skipped. */
export function skipReason(job: JobStatus): string | null {
  return job.state.kind === 'skipped' ? job.state.reason : null;
}

/** The latest failure in words while the job is failing, else null. */
export function failureText(job: JobStatus): string | null {
  return job.state.kind === 'failing' ? job.state.error : null;
}

export function jobCondition(job: JobStatus, now: Date): JobCondition {
  switch (job.state.kind) {
    case 'skipped':
      return 'skipped';
    case 'failing':
      return 'failing';
    case 'never-run':
    case 'stopped':
      return 'waiting';
    case 'running':
      if (job.lastSuccessAt === null) return 'starting';
      return isJobStale(job, now) ? 'stale' : 'ok';
    case 'ok':
      return isJobStale(job, now) ? 'stale' : 'ok';
  }
}

/** "Backfilling query history: 12,340 rows read, ~3,000 left"; null once done (or never started). */
export function backfillText(job: JobName, progress: BackfillProgress | null): string | null {
  if (progress === null || progress.done) return null;
  const read = `${formatCount(progress.rowsRead)} ${progress.rowsRead === 1 ? 'row' : 'rows'} read${percentText(progress)}`;
  const left =
    progress.remaining === null
      ? ', how many are left is not known yet'
      : progress.remaining > 0
        ? `, ~${formatCount(progress.remaining)} left`
        : ', almost done';
  return `Backfilling ${jobLabel(job)}: ${read}${left}`;
}

/** " (63 %)": how far a backfill is, when what is left is known. */
function percentText(progress: BackfillProgress): string {
  if (progress.remaining === null || progress.remaining === 0) return '';
  return ` (${Math.floor((100 * progress.rowsRead) / (progress.rowsRead + progress.remaining))} %)`;
}

/** "45 s", "12 min", "3 h", "2 days": how long ago, coarse enough to read at a glance. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 36) return `${h} h`;
  const days = Math.round(h / 24);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

export function describeConnectionCollector(
  c: ConnectionCollectorStatus,
  now: Date,
): ConnectionCollectorView {
  const backfill = c.jobs.flatMap((j) => backfillText(j.job, j.backfill) ?? []);
  switch (c.state) {
    case 'connecting':
      return {
        tone: 'idle',
        headline: c.preparing ? `${c.preparing}…` : 'Connecting…',
        details: [],
        backfill,
      };
    case 'stopped':
      return { tone: 'idle', headline: 'Stopped', details: [], backfill: [] };
    case 'failed':
      if (c.capabilities === null) {
        return {
          tone: 'error',
          headline: 'Cannot connect',
          details: [{ tone: 'error', text: c.lastError ?? 'No reason was given.' }],
          backfill,
        };
      }
      // Connected once, but the latest job lost the server: say so above the jobs' own state.
      return withJobs(c, now, backfill, {
        tone: 'error',
        text: `Connection lost: ${c.lastError ?? 'no reason was given.'}`,
      });
    case 'connected': {
      const view = withJobs(c, now, backfill, null);
      // The demo can be read while it still writes its history: say how far that is.
      if (c.preparing) view.details.unshift({ tone: 'idle', text: `${c.preparing}…` });
      return view;
    }
  }
}

function withJobs(
  c: ConnectionCollectorStatus,
  now: Date,
  backfill: string[],
  connectionProblem: DetailLine | null,
): ConnectionCollectorView {
  const by = groupJobs(c.jobs, now);
  const details: DetailLine[] = connectionProblem ? [connectionProblem] : [];
  for (const job of by.failing) {
    const times = job.consecutiveFailures > 1 ? ` (${job.consecutiveFailures} times in a row)` : '';
    details.push({
      tone: 'error',
      text: `${jobLabel(job.job)} failing${times}: ${failureText(job) ?? 'no reason was given.'}`,
    });
  }
  for (const job of by.stale) {
    const last = parseTime(job.lastSuccessAt);
    const age = last === null ? '' : ` for ${formatAge(now.getTime() - last)}`;
    details.push({ tone: 'warn', text: `${jobLabel(job.job)}: no new data${age}` });
  }
  for (const [reason, jobs] of groupSkipped(by.skipped)) {
    details.push({ tone: 'idle', text: `Skipped ${listLabels(jobs)}: ${reason}` });
  }

  const total = c.jobs.length;
  const runnable = total - by.skipped.length;
  const parts: string[] = [];
  if (by.ok.length > 0)
    parts.push(by.ok.length === runnable ? jobCount(by.ok.length, 'ok') : `${by.ok.length} ok`);
  if (by.failing.length > 0) parts.push(`${by.failing.length} failing`);
  if (by.stale.length > 0) parts.push(`${by.stale.length} stale`);
  const pending = by.starting.length + by.waiting.length;
  if (pending > 0) parts.push(`${pending} starting`);
  if (by.skipped.length > 0)
    parts.push(runnable === 0 ? jobCount(by.skipped.length, 'skipped') : `${by.skipped.length} skipped`);

  let tone: Tone = 'ok';
  if (connectionProblem || by.failing.length > 0) tone = 'error';
  else if (by.stale.length > 0 || (total > 0 && runnable === 0)) tone = 'warn';
  else if (by.ok.length === 0) tone = 'idle';

  const prefix = connectionProblem ? 'Connection lost' : 'Connected';
  const headline = parts.length > 0 ? `${prefix}: ${parts.join(', ')}` : prefix;
  return { tone, headline, details, backfill };
}

/** "all 8 jobs ok"; "1 job ok" when there is only one. */
function jobCount(n: number, what: string): string {
  return n === 1 ? `1 job ${what}` : `all ${n} jobs ${what}`;
}

interface Grouped {
  ok: JobStatus[];
  starting: JobStatus[];
  failing: JobStatus[];
  stale: JobStatus[];
  skipped: JobStatus[];
  waiting: JobStatus[];
}

function groupJobs(jobs: readonly JobStatus[], now: Date): Grouped {
  const g: Grouped = { ok: [], starting: [], failing: [], stale: [], skipped: [], waiting: [] };
  for (const job of jobs) g[jobCondition(job, now)].push(job);
  return g;
}

/** Skipped jobs share a handful of reasons; one line per reason, in the order they first appear. */
function groupSkipped(jobs: readonly JobStatus[]): Map<string, JobStatus[]> {
  const map = new Map<string, JobStatus[]>();
  for (const job of jobs) {
    const reason = skipReason(job) ?? '';
    const list = map.get(reason) ?? [];
    list.push(job);
    map.set(reason, list);
  }
  return map;
}

function listLabels(jobs: readonly JobStatus[]): string {
  const labels = jobs.map((j) => jobLabel(j.job));
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/**
 * The collector in one glance for the status bar. The worst problem wins (cannot connect or a failing
 * job, then stale data, then a connection with nothing to collect); with none, backfill progress, then
 * connecting, then "all jobs ok". More problems than the one named are counted, not listed.
 */
export function summariseCollector(status: CollectorStatus | null, now: Date): Summary {
  if (status === null) return { tone: 'idle', text: 'Collector …' };
  if (!status.running) return { tone: 'idle', text: 'Collector stopped' };
  const conns = status.connections;
  if (conns.length === 0) return { tone: 'idle', text: 'Collector: no connections' };

  const errors: string[] = [];
  const warnings: string[] = [];
  for (const c of conns) {
    const name = quoteName(c.name);
    if (c.state === 'failed') {
      const verb = c.capabilities === null ? 'cannot connect to' : 'lost the connection to';
      errors.push(`${verb} ${name} — ${c.lastError ?? 'no reason was given'}`);
    }
    if (c.state !== 'connected' && c.state !== 'failed') continue;
    const by = groupJobs(c.jobs, now);
    if (c.state === 'connected') {
      const [first, ...rest] = by.failing;
      if (first) {
        const what =
          rest.length === 0 ? `${jobLabel(first.job)} failing` : `${by.failing.length} jobs failing`;
        const why = rest.length === 0 ? failureText(first) : `${jobLabel(first.job)}: ${failureText(first)}`;
        errors.push(`${what} on ${name} — ${why ?? 'no reason was given'}`);
      }
    }
    const [stale] = by.stale;
    if (stale) {
      const last = parseTime(stale.lastSuccessAt);
      const age = last === null ? '' : ` (no new data for ${formatAge(now.getTime() - last)})`;
      const what =
        by.stale.length === 1 ? `${jobLabel(stale.job)} is stale` : `${by.stale.length} jobs stale`;
      warnings.push(`${what} on ${name}${age}`);
    }
    if (c.jobs.length > 0 && by.skipped.length === c.jobs.length) {
      const why = c.capabilities?.length === 0 ? ' (no Redshift system views)' : '';
      warnings.push(`nothing to collect on ${name}: every job skipped${why}`);
    }
  }

  const problems = errors.length + warnings.length;
  const more = problems > 1 ? ` (+${problems - 1} more ${problems === 2 ? 'problem' : 'problems'})` : '';
  const [error] = errors;
  if (error) return { tone: 'error', text: `Collector: ${error}${more}` };
  const [warning] = warnings;
  if (warning) return { tone: 'warn', text: `Collector: ${warning}${more}` };

  // Before the backfill: the demo is read while it writes its history, and its nights are the news.
  const preparing = conns.find((c) => (c.state === 'connecting' || c.state === 'connected') && c.preparing);
  if (preparing?.preparing) return { tone: 'idle', text: `Collector: ${preparing.preparing}…` };

  for (const c of conns) {
    for (const job of c.jobs) {
      const progress = job.backfill;
      if (progress && !progress.done) {
        const left =
          progress.remaining !== null && progress.remaining > 0
            ? `, ~${formatCount(progress.remaining)} left`
            : '';
        return {
          tone: 'ok',
          text: `Collector: backfilling ${jobLabel(job.job)} on ${quoteName(c.name)} — ${formatCount(progress.rowsRead)} rows read${percentText(progress)}${left}`,
        };
      }
    }
  }

  const connecting = conns.filter((c) => c.state === 'connecting');
  const [firstConnecting] = connecting;
  if (firstConnecting) {
    const who =
      connecting.length === 1 ? quoteName(firstConnecting.name) : `${connecting.length} connections`;
    return { tone: 'idle', text: `Collector: connecting to ${who}…` };
  }

  const counted = `${conns.length} ${conns.length === 1 ? 'connection' : 'connections'}`;
  const starting = conns.some((c) =>
    c.jobs.some((j) => {
      const k = jobCondition(j, now);
      return k === 'starting' || k === 'waiting';
    }),
  );
  if (starting) return { tone: 'idle', text: `Collector: ${counted}, starting jobs…` };
  const skipped = conns.reduce((n, c) => n + c.jobs.filter((j) => skipReason(j) !== null).length, 0);
  // After a restart the history job reports its catch-up as done: say so, the user wonders about the gap.
  const caughtUp = conns.every((c) => c.jobs.find((j) => j.job === 'query_history')?.backfill?.done === true);
  return {
    tone: 'ok',
    text: `Collector: ${counted}, all jobs ok${skipped > 0 ? ` (${skipped} skipped)` : ''}${caughtUp ? ', history caught up' : ''}`,
  };
}

function quoteName(name: string): string {
  return `'${name}'`;
}

function parseTime(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}
