import { describe, expect, it } from 'vitest';
import type { ConnectionCollectorStatus, JobName, JobStatus } from '../../shared/model/collector.ts';
import { JOB_NAMES } from '../../shared/model/collector.ts';
import {
  backfillText,
  describeConnectionCollector,
  formatAge,
  jobCondition,
  summariseCollector,
} from '../../renderer/src/features/collector/describeCollector.ts';
import { fakeConnection, fakeJob, fakeStatus } from '../support/collectorStatus.ts';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

/** A job that last succeeded 10 s ago on a 60 s interval, unless told otherwise. */
const job = (name: JobName, over: Partial<JobStatus> = {}) => fakeJob(name, over, NOW.getTime());

const OK = { kind: 'ok', since: ago(10_000) } as const;
const NEVER_RUN = { kind: 'never-run' } as const;
const RUNNING = { kind: 'running', since: ago(1_000) } as const;
const failing = (error: string, retrying = false) =>
  ({ kind: 'failing', since: ago(600_000), error, retrying }) as const;

function skipped(name: JobName, reason: string): JobStatus {
  return job(name, {
    state: { kind: 'skipped', reason },
    lastRunAt: null,
    lastSuccessAt: null,
    rowsRead: 0,
    durationMs: null,
    nextRunAt: null,
  });
}

const conn = (name: string, over: Partial<ConnectionCollectorStatus> = {}) =>
  fakeConnection(
    {
      connectionId: `id-${name}`,
      name,
      serverVersion: 'PostgreSQL 8.0.2 on i686-pc-linux-gnu, Redshift 1.0.77467',
      ...over,
    },
    NOW.getTime(),
  );

const status = fakeStatus;

const NO_VIEWS = 'needs the Redshift system views (STL/STV or SYS), which this connection cannot read';
const NOT_PROVISIONED =
  'needs a provisioned cluster (STL/STV system views), which this connection cannot read';
const NO_API = 'needs the Redshift API, which only cluster connections reach';

/** What the collector reports for a plain PostgreSQL server (no STL/STV/SYS views, direct connection). */
function plainPostgres(name: string): ConnectionCollectorStatus {
  return conn(name, {
    capabilities: [],
    serverVersion: 'PostgreSQL 15.18',
    jobs: [
      skipped('live_activity', NO_VIEWS),
      skipped('query_history', NO_VIEWS),
      skipped('wlm_state', NOT_PROVISIONED),
      skipped('wlm_config', NOT_PROVISIONED),
      skipped('loads', NO_VIEWS),
      skipped('alerts', NO_VIEWS),
      skipped('cluster', NO_API),
      skipped('metrics', NOT_PROVISIONED),
    ],
  });
}

describe('summariseCollector (the status bar line)', () => {
  it('says all is well, counting connections and the jobs that do not apply', () => {
    expect(summariseCollector(status(conn('prod'), conn('staging')), NOW)).toEqual({
      tone: 'ok',
      text: 'Collector: 2 connections, all jobs ok',
    });
    const direct = conn('prod', {
      jobs: [
        ...JOB_NAMES.filter((n) => n !== 'cluster' && n !== 'metrics').map((n) => job(n)),
        skipped('cluster', NO_API),
        skipped('metrics', NO_API),
      ],
    });
    expect(summariseCollector(status(direct), NOW)).toEqual({
      tone: 'ok',
      text: 'Collector: 1 connection, all jobs ok (2 skipped)',
    });
    const restarted = conn('prod', {
      jobs: JOB_NAMES.map((n) =>
        n === 'query_history' ? job(n, { backfill: { rowsRead: 120, remaining: 0, done: true } }) : job(n),
      ),
    });
    expect(summariseCollector(status(restarted), NOW)).toEqual({
      tone: 'ok',
      text: 'Collector: 1 connection, all jobs ok, history caught up',
    });
  });

  it('names the failing job, the connection and the error in words', () => {
    const bed = conn('bed', {
      jobs: [
        job('live_activity'),
        job('query_history', {
          state: failing('relation "stl_query" does not exist (42P01)'),
          consecutiveFailures: 3,
        }),
      ],
    });
    expect(summariseCollector(status(conn('prod'), bed), NOW)).toEqual({
      tone: 'error',
      text: `Collector: query history failing on 'bed' — relation "stl_query" does not exist (42P01)`,
    });
  });

  it('counts several failing jobs on one connection and the problems beyond the first', () => {
    const bed = conn('bed', {
      jobs: [
        job('wlm_state', {
          state: failing('permission denied for relation stv_wlm_service_class_state'),
        }),
        job('loads', { state: failing('timeout') }),
      ],
    });
    const down = conn('down', {
      state: 'failed',
      capabilities: null,
      serverVersion: null,
      lastError: 'connect ECONNREFUSED 10.0.0.5:5439 (ECONNREFUSED)',
      jobs: JOB_NAMES.map((n) => job(n, { state: NEVER_RUN, lastSuccessAt: null, lastRunAt: null })),
    });
    expect(summariseCollector(status(down, bed), NOW)).toEqual({
      tone: 'error',
      text: "Collector: cannot connect to 'down' — connect ECONNREFUSED 10.0.0.5:5439 (ECONNREFUSED) (+1 more problem)",
    });
    expect(summariseCollector(status(bed), NOW).text).toBe(
      "Collector: 2 jobs failing on 'bed' — WLM state: permission denied for relation stv_wlm_service_class_state",
    );
  });

  it('says a plain PostgreSQL server has nothing to collect, and why', () => {
    expect(summariseCollector(status(plainPostgres('bed')), NOW)).toEqual({
      tone: 'warn',
      text: "Collector: nothing to collect on 'bed': every job skipped (no Redshift system views)",
    });
  });

  it('notices stale data from the clock even when no event said so', () => {
    // The core reported 'ok' when it last pushed; 3 minutes later a 60 s job is two intervals behind.
    const prod = conn('prod', { jobs: [job('wlm_state', { state: OK, lastSuccessAt: ago(180_000) })] });
    expect(summariseCollector(status(prod), NOW)).toEqual({
      tone: 'warn',
      text: "Collector: WLM state is stale on 'prod' (no new data for 3 min)",
    });
    // 90 s is within two intervals: still ok.
    const fresh = conn('prod', { jobs: [job('wlm_state', { state: OK, lastSuccessAt: ago(90_000) })] });
    expect(summariseCollector(status(fresh), NOW).tone).toBe('ok');
  });

  it('shows backfill progress when nothing is wrong', () => {
    const prod = conn('prod', {
      jobs: [
        job('live_activity'),
        job('query_history', {
          state: RUNNING,
          backfill: { rowsRead: 12_340, remaining: 3_000, done: false },
        }),
      ],
    });
    expect(summariseCollector(status(prod), NOW)).toEqual({
      tone: 'ok',
      text: "Collector: backfilling query history on 'prod' — 12,340 rows read (80 %), ~3,000 left",
    });
  });

  it('says when it is still connecting, stopped, has nothing to watch, or has not answered', () => {
    const fresh = conn('new', { state: 'connecting', capabilities: null, jobs: [] });
    expect(summariseCollector(status(fresh), NOW)).toEqual({
      tone: 'idle',
      text: "Collector: connecting to 'new'…",
    });
    // The demo cluster generating its history says so instead of "connecting" for a minute.
    const generating = conn('Demo cluster', {
      state: 'connecting',
      capabilities: null,
      jobs: [],
      preparing: "Generating the demo cluster's history: 12 of 75 nights",
    });
    expect(summariseCollector(status(generating), NOW)).toEqual({
      tone: 'idle',
      text: "Collector: Generating the demo cluster's history: 12 of 75 nights…",
    });
    expect(describeConnectionCollector(generating, NOW).headline).toBe(
      "Generating the demo cluster's history: 12 of 75 nights…",
    );
    // Reachable while it writes its history (live data already there): the nights are still the news.
    const readWhileWriting = conn('Demo cluster', {
      preparing: "Generating the demo cluster's history: 30 of 75 nights",
    });
    expect(summariseCollector(status(readWhileWriting), NOW)).toEqual({
      tone: 'idle',
      text: "Collector: Generating the demo cluster's history: 30 of 75 nights…",
    });
    expect(describeConnectionCollector(readWhileWriting, NOW).details[0]).toEqual({
      tone: 'idle',
      text: "Generating the demo cluster's history: 30 of 75 nights…",
    });
    expect(summariseCollector({ running: false, connections: [] }, NOW).text).toBe('Collector stopped');
    expect(summariseCollector(status(), NOW).text).toBe('Collector: no connections');
    expect(summariseCollector(null, NOW)).toEqual({ tone: 'idle', text: 'Collector …' });
  });
});

describe('describeConnectionCollector (the Collector column)', () => {
  it('counts the jobs of a healthy connection', () => {
    expect(describeConnectionCollector(conn('prod'), NOW)).toEqual({
      tone: 'ok',
      headline: 'Connected: all 10 jobs ok',
      details: [],
      backfill: [],
    });
  });

  it('lists each failing job with its error, and groups skipped jobs by reason', () => {
    const view = describeConnectionCollector(
      conn('bed', {
        jobs: [
          job('live_activity'),
          job('query_history', {
            state: failing('relation "stl_query" does not exist (42P01)'),
            consecutiveFailures: 4,
          }),
          job('loads', {
            state: failing('canceling statement due to statement timeout (57014)'),
            consecutiveFailures: 1,
          }),
          skipped('cluster', NO_API),
          skipped('metrics', NO_API),
        ],
      }),
      NOW,
    );
    expect(view.tone).toBe('error');
    expect(view.headline).toBe('Connected: 1 ok, 2 failing, 2 skipped');
    expect(view.details).toEqual([
      {
        tone: 'error',
        text: 'query history failing (4 times in a row): relation "stl_query" does not exist (42P01)',
      },
      { tone: 'error', text: 'loads failing: canceling statement due to statement timeout (57014)' },
      { tone: 'idle', text: `Skipped cluster details and CloudWatch metrics: ${NO_API}` },
    ]);
  });

  it('explains why nothing runs on plain PostgreSQL', () => {
    const view = describeConnectionCollector(plainPostgres('bed'), NOW);
    expect(view.tone).toBe('warn');
    expect(view.headline).toBe('Connected: all 8 jobs skipped');
    expect(view.details.map((d) => d.text)).toEqual([
      `Skipped live activity, query history, loads and alerts: ${NO_VIEWS}`,
      `Skipped WLM state, WLM configuration and CloudWatch metrics: ${NOT_PROVISIONED}`,
      `Skipped cluster details: ${NO_API}`,
    ]);
  });

  it('says how long a stale job has had no new data', () => {
    const view = describeConnectionCollector(
      conn('prod', {
        jobs: [
          job('live_activity', { intervalMs: 5_000, state: OK, lastSuccessAt: ago(2 * 3_600_000) }),
          job('alerts'),
        ],
      }),
      NOW,
    );
    expect(view.tone).toBe('warn');
    expect(view.headline).toBe('Connected: 1 ok, 1 stale');
    expect(view.details).toEqual([{ tone: 'warn', text: 'live activity: no new data for 2 h' }]);
  });

  it('shows a connection that cannot connect, with the error as given', () => {
    const view = describeConnectionCollector(
      conn('wrong', {
        state: 'failed',
        capabilities: null,
        lastError: 'password authentication failed for user "monitor" (28P01)',
        jobs: JOB_NAMES.map((n) => job(n, { state: NEVER_RUN, lastSuccessAt: null, lastRunAt: null })),
      }),
      NOW,
    );
    expect(view).toEqual({
      tone: 'error',
      headline: 'Cannot connect',
      details: [{ tone: 'error', text: 'password authentication failed for user "monitor" (28P01)' }],
      backfill: [],
    });
  });

  it('shows a lost connection above the jobs it stopped', () => {
    const view = describeConnectionCollector(
      conn('prod', {
        state: 'failed',
        lastError: 'Connection terminated unexpectedly',
        jobs: [job('live_activity', { state: failing('Connection terminated unexpectedly') })],
      }),
      NOW,
    );
    expect(view.tone).toBe('error');
    expect(view.headline).toBe('Connection lost: 1 failing');
    expect(view.details[0]).toEqual({
      tone: 'error',
      text: 'Connection lost: Connection terminated unexpectedly',
    });
  });

  it('says connecting, and starting for jobs that have not finished a first run', () => {
    expect(
      describeConnectionCollector(conn('new', { state: 'connecting', capabilities: null, jobs: [] }), NOW)
        .headline,
    ).toBe('Connecting…');
    const starting = describeConnectionCollector(
      conn('new', {
        jobs: [
          job('live_activity'),
          job('query_history', { state: RUNNING, lastSuccessAt: null }),
          job('loads', { state: NEVER_RUN, lastSuccessAt: null }),
        ],
      }),
      NOW,
    );
    expect(starting.headline).toBe('Connected: 1 ok, 2 starting');
    expect(starting.tone).toBe('ok');
  });

  it('keeps showing backfill progress while the first run reads the history', () => {
    const view = describeConnectionCollector(
      conn('prod', {
        jobs: [
          job('query_history', {
            state: RUNNING,
            backfill: { rowsRead: 12_340, remaining: 3_000, done: false },
          }),
          job('metrics', { backfill: { rowsRead: 1_440, remaining: null, done: false } }),
          job('loads', { backfill: { rowsRead: 900, remaining: 0, done: true } }),
        ],
      }),
      NOW,
    );
    expect(view.backfill).toEqual([
      'Backfilling query history: 12,340 rows read (80 %), ~3,000 left',
      'Backfilling CloudWatch metrics: 1,440 rows read, how many are left is not known yet',
    ]);
  });
});

describe('small pieces', () => {
  it('backfillText: nothing once done', () => {
    expect(backfillText('query_history', { rowsRead: 1, remaining: 0, done: false })).toBe(
      'Backfilling query history: 1 row read, almost done',
    );
    expect(backfillText('query_history', { rowsRead: 5, remaining: 0, done: true })).toBeNull();
    expect(backfillText('query_history', null)).toBeNull();
  });

  it('jobCondition: reads the state union, and judges stale from the clock', () => {
    expect(jobCondition(skipped('cluster', NO_API), NOW)).toBe('skipped');
    expect(jobCondition(job('cluster', { state: NEVER_RUN, lastSuccessAt: null }), NOW)).toBe('waiting');
    expect(jobCondition(job('cluster', { state: RUNNING, lastSuccessAt: null }), NOW)).toBe('starting');
    // A routine refresh of a job with fresh data is ok; the same refresh on old data is stale.
    expect(jobCondition(job('cluster', { state: RUNNING }), NOW)).toBe('ok');
    expect(jobCondition(job('cluster', { state: RUNNING, lastSuccessAt: ago(600_000) }), NOW)).toBe('stale');
    // A retry after failures stays "failing" until it succeeds, rather than flicker to "starting".
    expect(jobCondition(job('cluster', { state: failing('x', true), lastSuccessAt: null }), NOW)).toBe(
      'failing',
    );
  });

  it('formatAge reads at a glance', () => {
    expect(formatAge(45_000)).toBe('45 s');
    expect(formatAge(12 * 60_000)).toBe('12 min');
    expect(formatAge(3 * 3_600_000)).toBe('3 h');
    expect(formatAge(2 * 86_400_000)).toBe('2 days');
  });
});
