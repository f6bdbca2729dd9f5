// The CloudWatch side of the AWS stand-in through the real @aws-sdk/client-cloudwatch (JSON 1.0), fed
// by the SQL metric source over the double's catalog tables: the numbers CloudWatch reports are the
// ones the system tables hold, and CloudWatch's rules (dimension sets, 5-minute metrics, periods,
// retention, ScanBy, MaxDatapoints/NextToken, errors, faults) hold.
// Long because it walks CloudWatch's documented rules one by one on one shared stand-in.
import {
  CloudWatchClient,
  GetMetricDataCommand,
  InvalidNextToken,
  InvalidParameterValueException,
  ListMetricsCommand,
  paginateGetMetricData,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { ModifyClusterParameterGroupCommand, RebootClusterCommand } from '@aws-sdk/client-redshift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlMetricSource } from '../../../electron/demo/aws/createSqlMetricSource.ts';
import { installCatalog } from '../../../electron/demo/catalog/installCatalog.ts';
import { installLive } from '../../../electron/demo/live/installLive.ts';
import { DEMO_WLM_CONFIGURATION } from '../../../electron/demo/defaultWlmConfiguration.ts';
import {
  ACCESS_KEY,
  CLUSTER_ID,
  cloudWatchClient,
  failure,
  GROUP,
  REGION,
  redshiftClient,
  scratchDatabase,
  listedDimension,
  SECRET_KEY,
  startStandIn,
  testClock,
  type ScratchDatabase,
  type StandInFixture,
  type TestClock,
} from './standInHarness.ts';

const NOW = new Date('2025-03-03T11:30:30Z');
const MIN = 60_000;
const at = (hhmmss: string) => new Date(`2025-03-03T${hhmmss}Z`);

let db: ScratchDatabase;
let clock: TestClock;
let fixture: StandInFixture;
let cw: CloudWatchClient;

/** One finished query, written to stl_wlm_query and stl_query with REFERENCE's units (µs). */
async function finishedQuery(
  query: number,
  serviceClass: number,
  queueStart: string,
  execStart: string,
  execEnd: string,
  priority = 'n/a',
): Promise<void> {
  const qs = at(queueStart);
  const xs = at(execStart);
  const xe = at(execEnd);
  const ts = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
  await db.pool.query(
    `INSERT INTO rs_internal.stl_wlm_query (userid, xid, task, query, service_class, slot_count,
       service_class_start_time, queue_start_time, queue_end_time, total_queue_time, exec_start_time, exec_end_time,
       total_exec_time, service_class_end_time, final_state, est_peak_mem, query_priority, service_class_name)
     VALUES (100, $1::int, $1::int, $1::int, $2, 1, $3, $3, $4, $5, $4, $6, $7, $6, 'Completed', 0, $8, 'q')`,
    [
      query,
      serviceClass,
      ts(qs),
      ts(xs),
      (xs.getTime() - qs.getTime()) * 1000,
      ts(xe),
      (xe.getTime() - xs.getTime()) * 1000,
      priority,
    ],
  );
  await db.pool.query(
    `INSERT INTO rs_internal.stl_query (userid, query, label, xid, pid, database, querytxt, starttime, endtime,
       aborted, insert_pristine, concurrency_scaling_status)
     VALUES (100, $1::int, 'default', $1::bigint, 1073741900, 'dev', 'select 1', $2, $3, 0, 0, 0)`,
    [query, ts(qs), ts(xe)],
  );
}

function metric(
  id: string,
  metricName: string,
  dims: Record<string, string>,
  period: number,
  stat: string,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Redshift',
        MetricName: metricName,
        Dimensions: [
          { Name: 'ClusterIdentifier', Value: CLUSTER_ID },
          ...Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
        ],
      },
      Period: period,
      Stat: stat,
    },
  };
}

/** timestamp (HH:MM) → value, for readable assertions. */
function series(result: MetricDataResult | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  (result?.Timestamps ?? []).forEach((t, i) => {
    out[t.toISOString().slice(11, 16)] = Math.round((result?.Values?.[i] ?? NaN) * 1000) / 1000;
  });
  return out;
}

async function get(
  queries: MetricDataQuery[],
  start: Date,
  end: Date,
  extra: { ScanBy?: 'TimestampAscending' | 'TimestampDescending' } = {},
) {
  return cw.send(
    new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ...extra }),
  );
}

beforeAll(async () => {
  db = await scratchDatabase('aws_cw');
  const client = await db.pool.connect();
  try {
    await installCatalog(client);
    await installLive(client);
  } finally {
    client.release();
  }
  // etl_nightly (6): q1 waits 2 min then runs 5 min; q2 runs 10 min without waiting.
  await finishedQuery(1001, 6, '11:00:00', '11:02:00', '11:07:00');
  await finishedQuery(1002, 6, '11:00:30', '11:00:30', '11:10:30');
  // bi_dashboards (7): q3 waits 30 s, runs 10 s.
  await finishedQuery(1003, 7, '11:01:00', '11:01:30', '11:01:40');
  // Two sessions: one 11:00–11:20, one from 11:10 still open.
  await db.pool.query(
    `INSERT INTO rs_internal.sys_session_history (user_id, session_id, database_name, status, session_timeout, start_time, end_time)
     VALUES ('100', 1, 'dev', 'closed', 0, '2025-03-03 11:00:00', '2025-03-03 11:20:00'),
            ('101', 2, 'dev', 'active', 0, '2025-03-03 11:10:00', NULL)`,
  );
  clock = testClock(NOW);
  fixture = await startStandIn({
    now: clock.now,
    metrics: createSqlMetricSource(db.pool, CLUSTER_ID, { numberOfNodes: 2, now: clock.now, cacheMs: 0 }),
  });
  cw = cloudWatchClient(fixture.standIn);
});

afterAll(async () => {
  cw?.destroy();
  expect(fixture?.errors ?? []).toEqual([]);
  await fixture?.standIn.close();
  await db?.drop();
});

describe('CloudWatch stand-in: numbers agree with the system tables', () => {
  it('WLMQueueLength and WLMRunningQueries per minute, by QueueName, service class and wlmid', async () => {
    const out = await get(
      [
        metric('etlq', 'WLMQueueLength', { QueueName: 'etl_nightly' }, 60, 'Average'),
        metric('biq', 'WLMQueueLength', { 'service class': '7' }, 60, 'Average'),
        metric('etlrun', 'WLMRunningQueries', { wlmid: '6' }, 60, 'Average'),
      ],
      at('11:00:00'),
      at('11:05:00'),
      { ScanBy: 'TimestampAscending' },
    );
    const [etlq, biq, etlrun] = out.MetricDataResults ?? [];
    expect(series(etlq)).toEqual({ '11:00': 1, '11:01': 1, '11:02': 0, '11:03': 0, '11:04': 0 });
    expect(series(biq)).toEqual({ '11:00': 0, '11:01': 0.5, '11:02': 0, '11:03': 0, '11:04': 0 });
    expect(series(etlrun)).toEqual({ '11:00': 0.5, '11:01': 1, '11:02': 2, '11:03': 2, '11:04': 2 });
    expect(etlq?.StatusCode).toBe('Complete');
    expect(etlq?.Label).toBe('WLMQueueLength');
  });

  it('5-minute metrics: WLMQueueWaitTime (ms), QueryDuration (µs), QueriesCompletedPerSecond', async () => {
    const out = await get(
      [
        metric('etlwait', 'WLMQueueWaitTime', { QueueName: 'etl_nightly' }, 300, 'Average'),
        metric('biwait', 'WLMQueueWaitTime', { wlmid: '7' }, 300, 'Average'),
        metric('medium', 'QueryDuration', { latency: 'medium' }, 300, 'Average'),
        metric('long', 'QueryDuration', { latency: 'long' }, 300, 'Average'),
        metric('rate', 'QueriesCompletedPerSecond', { latency: 'medium' }, 300, 'Sum'),
        metric('node', 'QueryDuration', { NodeID: 'Compute-1', wlmid: '6' }, 300, 'Maximum'),
      ],
      at('11:00:00'),
      at('11:15:00'),
      { ScanBy: 'TimestampAscending' },
    );
    const [etlwait, biwait, medium, long, rate, node] = out.MetricDataResults ?? [];
    // q1 waited 120 s and q2 0 s, both left the queue between 11:00 and 11:05.
    expect(series(etlwait)).toEqual({ '11:00': 60000, '11:05': 0, '11:10': 0 });
    expect(series(biwait)).toEqual({ '11:00': 30000, '11:05': 0, '11:10': 0 });
    // q3 (40 s) ended 11:01:40, q1 (7 min) 11:07; q2 (10 min: long) 11:10:30.
    expect(series(medium)).toEqual({ '11:00': 40e6, '11:05': 420e6, '11:10': 0 });
    expect(series(long)).toEqual({ '11:00': 0, '11:05': 0, '11:10': 600e6 });
    expect(series(rate)).toEqual({ '11:00': 0.003, '11:05': 0.003, '11:10': 0 });
    expect(series(node)).toEqual({ '11:00': 0, '11:05': 420e6, '11:10': 600e6 });
  });

  it('5-minute metrics have no datapoints between their 5-minute marks at Period 60', async () => {
    const out = await get(
      [metric('w', 'WLMQueueWaitTime', { wlmid: '6' }, 60, 'Average')],
      at('11:00:00'),
      at('11:15:00'),
    );
    expect(Object.keys(series(out.MetricDataResults?.[0]))).toEqual(['11:10', '11:05', '11:00']);
  });

  it('DatabaseConnections follows the session history; CPU rises with running queries', async () => {
    const out = await get(
      [
        metric('conn', 'DatabaseConnections', {}, 60, 'Average'),
        metric('cpu', 'CPUUtilization', {}, 60, 'Average'),
        metric('leader', 'CPUUtilization', { NodeID: 'Leader' }, 60, 'Average'),
        metric('health', 'HealthStatus', {}, 60, 'Minimum'),
      ],
      at('11:09:00'),
      at('11:21:00'),
      { ScanBy: 'TimestampAscending' },
    );
    const [conn, cpu, leader, health] = out.MetricDataResults ?? [];
    const c = series(conn);
    expect([c['11:09'], c['11:10'], c['11:19'], c['11:20']]).toEqual([1, 2, 2, 1]);
    const busy = series(cpu)['11:09'] ?? 0; // q2 still running
    const idle = series(cpu)['11:15'] ?? 0;
    expect(busy).toBeGreaterThan(idle);
    expect(Object.values(series(cpu)).every((v) => v > 0 && v <= 100)).toBe(true);
    expect(Object.keys(series(leader))).toHaveLength(12);
    expect(new Set(Object.values(series(health)))).toEqual(new Set([1]));
  });

  it('the default ScanBy is newest first, and only complete minutes before "now" exist', async () => {
    const out = await get(
      [metric('q', 'WLMRunningQueries', { QueueName: 'etl_nightly' }, 60, 'Maximum')],
      at('11:27:00'),
      at('11:40:00'),
    );
    expect(Object.keys(series(out.MetricDataResults?.[0]))).toEqual(['11:29', '11:28', '11:27']);
  });

  it('a dimension set that is not published, or a value that does not exist, has no datapoints', async () => {
    const out = await get(
      [
        metric('a', 'WLMQueueLength', {}, 60, 'Average'),
        metric('b', 'WLMQueueLength', { QueueName: 'nope' }, 60, 'Average'),
        metric('c', 'CPUUtilization', { NodeID: 'Compute-7' }, 60, 'Average'),
        {
          ...metric('d', 'CPUUtilization', {}, 60, 'Average'),
          MetricStat: { ...metric('d', 'CPUUtilization', {}, 60, 'Average').MetricStat!, Unit: 'Bytes' },
        },
        metric('e', 'WLMQueueWaitTime', { QueryPriority: 'HIGH' }, 300, 'Average'),
      ],
      at('11:00:00'),
      at('11:10:00'),
    );
    for (const r of out.MetricDataResults ?? []) {
      expect([r.Id, r.Timestamps, r.StatusCode]).toEqual([r.Id, [], 'Complete']);
    }
  });
});

describe('CloudWatch stand-in: statements still in flight (live engine tables)', () => {
  it('counts queued and running statements and open sessions of rs_internal.live_* until "now"', async () => {
    await db.pool.query(
      `SELECT rs_internal.live_session_start(4242, 'postgres', 'dev', '2025-03-03 11:25:00');
       SELECT rs_internal.live_query_start(4242, 100, 'etl_user', 'dev', NULL, 6, 1, 'default', 'n/a', 'QueuedWaiting',
         '2025-03-03 11:28:00', NULL, 'select pg_sleep(600)');
       SELECT rs_internal.live_query_start(4242, 100, 'bi_user', 'dev', NULL, 7, 1, 'default', 'n/a', 'Running',
         '2025-03-03 11:28:30', '2025-03-03 11:29:00', 'select pg_sleep(600)');`,
    );
    try {
      const out = await get(
        [
          metric('q', 'WLMQueueLength', { QueueName: 'etl_nightly' }, 60, 'Average'),
          metric('r', 'WLMRunningQueries', { QueueName: 'bi_dashboards' }, 60, 'Average'),
          metric('bq', 'WLMQueueLength', { QueueName: 'bi_dashboards' }, 60, 'Average'),
          metric('c', 'DatabaseConnections', {}, 60, 'Average'),
        ],
        at('11:27:00'),
        at('11:30:00'),
        { ScanBy: 'TimestampAscending' },
      );
      const [q, r, bq, c] = out.MetricDataResults ?? [];
      expect(series(q)).toEqual({ '11:27': 0, '11:28': 1, '11:29': 1 });
      expect(series(r)).toEqual({ '11:27': 0, '11:28': 0, '11:29': 1 });
      expect(series(bq)).toEqual({ '11:27': 0, '11:28': 0.5, '11:29': 0 });
      // Session 2 of the history is still open, plus the live session.
      expect(series(c)).toEqual({ '11:27': 2, '11:28': 2, '11:29': 2 });
    } finally {
      await db.pool.query(`SELECT rs_internal.live_reset()`);
    }
  });
});

describe('CloudWatch stand-in: CloudWatch rules', () => {
  it('keeps 1-minute data for 15 days, 5-minute for 63 days, hourly for 455 days', async () => {
    const day = 24 * 3600_000;
    const base = at('11:00:00').getTime();
    const window = (daysAgo: number, period: number) =>
      get(
        [metric('m', 'CPUUtilization', {}, period, 'Average')],
        new Date(base - daysAgo * day),
        new Date(base - daysAgo * day + 2 * 3600_000),
      ).then((o) => o.MetricDataResults?.[0]?.Timestamps?.length ?? 0);
    expect(await window(1, 60)).toBe(120);
    expect(await window(20, 60)).toBe(0);
    expect(await window(20, 300)).toBe(24);
    expect(await window(70, 300)).toBe(0);
    expect(await window(70, 3600)).toBe(2);
    // The demo cluster was created 90 days before the stand-in started: nothing earlier.
    expect(await window(100, 3600)).toBe(0);
  });

  it('refuses bad periods, statistics, ids and more than 500 queries with InvalidParameterValueException', async () => {
    const start = at('11:00:00');
    const end = at('11:10:00');
    await expect(get([metric('m', 'CPUUtilization', {}, 45, 'Average')], start, end)).rejects.toBeInstanceOf(
      InvalidParameterValueException,
    );
    expect(await failure(get([metric('m', 'CPUUtilization', {}, 60, 'Median')], start, end))).toMatchObject({
      name: 'InvalidParameterValueException',
      status: 400,
      message: 'MetricDataQueries.member.1.MetricStat.Stat "Median" is not a valid statistic.',
    });
    expect(
      (await failure(get([metric('M1', 'CPUUtilization', {}, 60, 'Average')], start, end))).message,
    ).toMatch(/must start with a lowercase letter/);
    const many = Array.from({ length: 501 }, (_, i) => metric(`m${i}`, 'CPUUtilization', {}, 60, 'Average'));
    expect((await failure(get(many, start, end))).message).toBe(
      'The collection MetricDataQueries must not have a size greater than 500.',
    );
    expect((await failure(get([metric('m', 'CPUUtilization', {}, 60, 'Average')], end, start))).message).toBe(
      'The parameter StartTime must be less than the parameter EndTime.',
    );
    const p90 = await get([metric('m', 'CPUUtilization', {}, 300, 'p90')], start, end);
    expect(p90.MetricDataResults?.[0]?.Values).toHaveLength(2);
  });

  it('pages by MaxDatapoints across queries, with PartialData until the last page (SDK paginator)', async () => {
    const queries = [
      metric('a', 'CPUUtilization', {}, 60, 'Average'),
      metric('b', 'WLMRunningQueries', { QueueName: 'etl_nightly' }, 60, 'Average'),
    ];
    const full = await get(queries, at('11:00:00'), at('11:30:00'));
    expect(full.NextToken).toBeUndefined();
    expect(full.MetricDataResults?.map((r) => r.Timestamps?.length)).toEqual([30, 30]);

    const pages: { sizes: (number | undefined)[]; status: (string | undefined)[] }[] = [];
    const merged = new Map<string, Date[]>();
    for await (const page of paginateGetMetricData(
      { client: cw },
      { MetricDataQueries: queries, StartTime: at('11:00:00'), EndTime: at('11:30:00'), MaxDatapoints: 25 },
    )) {
      pages.push({
        sizes: (page.MetricDataResults ?? []).map((r) => r.Timestamps?.length),
        status: (page.MetricDataResults ?? []).map((r) => r.StatusCode),
      });
      for (const r of page.MetricDataResults ?? [])
        merged.set(r.Id ?? '', [...(merged.get(r.Id ?? '') ?? []), ...(r.Timestamps ?? [])]);
    }
    expect(pages).toEqual([
      { sizes: [25, 0], status: ['PartialData', 'PartialData'] },
      { sizes: [5, 20], status: ['Complete', 'PartialData'] },
      { sizes: [0, 10], status: ['Complete', 'Complete'] },
    ]);
    expect(merged.get('a')).toEqual(full.MetricDataResults?.[0]?.Timestamps);
    expect(merged.get('b')).toEqual(full.MetricDataResults?.[1]?.Timestamps);
  });

  it('refuses a NextToken that is garbage or belongs to another request with InvalidNextToken', async () => {
    const first = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: [metric('a', 'CPUUtilization', {}, 60, 'Average')],
        StartTime: at('11:00:00'),
        EndTime: at('11:30:00'),
        MaxDatapoints: 10,
      }),
    );
    expect(first.NextToken).toBeDefined();
    const other = cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: [metric('a', 'CPUUtilization', {}, 300, 'Average')],
        StartTime: at('11:00:00'),
        EndTime: at('11:30:00'),
        NextToken: first.NextToken,
      }),
    );
    await expect(other).rejects.toBeInstanceOf(InvalidNextToken);
    expect(
      await failure(
        cw.send(
          new GetMetricDataCommand({
            MetricDataQueries: [metric('a', 'CPUUtilization', {}, 60, 'Average')],
            StartTime: at('11:00:00'),
            EndTime: at('11:30:00'),
            NextToken: 'not-a-token',
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidNextToken', status: 400 });
  });

  it('ListMetrics lists the published series and filters by name and dimension', async () => {
    const all = await cw.send(new ListMetricsCommand({ Namespace: 'AWS/Redshift' }));
    expect(all.NextToken).toBeUndefined();
    const names = new Set(all.Metrics?.map((m) => m.MetricName));
    for (const name of [
      'CPUUtilization',
      'PercentageDiskSpaceUsed',
      'DatabaseConnections',
      'HealthStatus',
      'MaintenanceMode',
      'WLMQueueLength',
      'WLMQueueWaitTime',
      'WLMRunningQueries',
      'QueryDuration',
      'QueriesCompletedPerSecond',
      'CommitQueueLength',
      'ReadIOPS',
      'WriteIOPS',
    ]) {
      expect(names.has(name)).toBe(true);
    }
    expect(await listedDimension(cw, 'WLMQueueLength', 'service class')).toEqual(['6', '7', '8', '14']);
    expect(await listedDimension(cw, 'CPUUtilization', 'NodeID')).toEqual([
      'Leader',
      'Compute-0',
      'Compute-1',
    ]);
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'AWS/EC2' }))).Metrics).toEqual([]);
  });
});

describe('CloudWatch stand-in: faults and authentication', () => {
  const q = () => [metric('a', 'CPUUtilization', {}, 300, 'Average')];

  it('throttling is Throttling (400) without retries and is retried by the SDK', async () => {
    const once = cloudWatchClient(fixture.standIn, { maxAttempts: 1 });
    try {
      fixture.standIn.faults.set({ throttle: 3 });
      const error = await failure(
        once.send(
          new GetMetricDataCommand({
            MetricDataQueries: q(),
            StartTime: at('11:00:00'),
            EndTime: at('11:10:00'),
          }),
        ),
      );
      expect(error).toMatchObject({ name: 'Throttling', status: 400, message: 'Rate exceeded', attempts: 1 });
      fixture.standIn.faults.set({ throttle: 2 });
      const ok = await get(q(), at('11:00:00'), at('11:10:00'));
      expect(ok.$metadata.attempts).toBe(3);
    } finally {
      fixture.standIn.faults.reset();
      once.destroy();
    }
  });

  it('a 5xx is InternalFailure / ServiceUnavailable', async () => {
    const once = cloudWatchClient(fixture.standIn, { maxAttempts: 1 });
    try {
      fixture.standIn.faults.set({
        serverError: 1,
        serverErrorCode: 'ServiceUnavailable',
        scope: 'cloudwatch',
      });
      expect(await failure(once.send(new ListMetricsCommand({})))).toMatchObject({
        name: 'ServiceUnavailable',
        status: 503,
      });
      expect((await once.send(new ListMetricsCommand({}))).Metrics?.length).toBeGreaterThan(0);
    } finally {
      fixture.standIn.faults.reset();
      once.destroy();
    }
  });

  it('added latency trips a client request timeout', async () => {
    const impatient = cloudWatchClient(fixture.standIn, { maxAttempts: 1, requestTimeoutMs: 100 });
    try {
      fixture.standIn.faults.set({ latencyMs: 1500 });
      const error = await failure(impatient.send(new ListMetricsCommand({})));
      expect(error.name).toBe('TimeoutError');
    } finally {
      fixture.standIn.faults.reset();
      impatient.destroy();
    }
  });

  it('partialData makes GetMetricData answer in pieces that page back to the whole', async () => {
    const queries = [metric('a', 'CPUUtilization', {}, 60, 'Average')];
    const whole = await get(queries, at('11:00:00'), at('11:30:00'));
    fixture.standIn.faults.set({ partialData: true });
    try {
      const first = await get(queries, at('11:00:00'), at('11:30:00'));
      expect(first.MetricDataResults?.[0]?.StatusCode).toBe('PartialData');
      expect(first.MetricDataResults?.[0]?.Timestamps).toHaveLength(15);
      expect(first.NextToken).toBeDefined();
      const all: Date[] = [];
      for await (const page of paginateGetMetricData(
        { client: cw },
        { MetricDataQueries: queries, StartTime: at('11:00:00'), EndTime: at('11:30:00') },
      )) {
        all.push(...(page.MetricDataResults?.[0]?.Timestamps ?? []));
      }
      expect(all).toEqual(whole.MetricDataResults?.[0]?.Timestamps);
    } finally {
      fixture.standIn.faults.reset();
    }
  });

  it('unknown access keys are refused; the unpinned default client speaks JSON 1.0 too', async () => {
    const stranger = cloudWatchClient(fixture.standIn, { accessKeyId: 'AKIDSTRANGER' });
    expect(await failure(stranger.send(new ListMetricsCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
    stranger.destroy();
    const plain = new CloudWatchClient({
      endpoint: fixture.standIn.endpoint,
      region: REGION,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    });
    expect((await plain.send(new ListMetricsCommand({ MetricName: 'HealthStatus' }))).Metrics).toHaveLength(
      1,
    );
    plain.destroy();
  });

  it('a failing metric source shows as StatusCode InternalError for that query only', async () => {
    const empty = await scratchDatabase('aws_cw_empty');
    const broken = await startStandIn({
      now: clock.now,
      metrics: createSqlMetricSource(empty.pool, CLUSTER_ID),
    });
    const c = cloudWatchClient(broken.standIn);
    try {
      const out = await c.send(
        new GetMetricDataCommand({
          MetricDataQueries: [
            metric('cpu', 'CPUUtilization', {}, 300, 'Average'),
            metric('h', 'HealthStatus', {}, 300, 'Minimum'),
          ],
          StartTime: at('11:00:00'),
          EndTime: at('11:10:00'),
        }),
      );
      const [cpu, health] = out.MetricDataResults ?? [];
      expect(cpu?.StatusCode).toBe('InternalError');
      expect(cpu?.Messages?.[0]?.Value).toMatch(/rs_internal\.stl_wlm_query/);
      expect(health).toMatchObject({ StatusCode: 'Complete', Values: [1, 1] });
    } finally {
      c.destroy();
      await broken.standIn.close();
      await empty.drop();
    }
  });
});

describe('CloudWatch stand-in: the active WLM names the queues', () => {
  it('after a reboot applies renamed queues, QueueName follows the new names and HealthStatus shows the reboot', async () => {
    const rs = redshiftClient(fixture.standIn);
    try {
      const renamed = structuredClone(DEMO_WLM_CONFIGURATION) as Record<string, unknown>[];
      renamed[0]!.name = 'etl';
      await rs.send(
        new ModifyClusterParameterGroupCommand({
          ParameterGroupName: GROUP,
          Parameters: [{ ParameterName: 'wlm_json_configuration', ParameterValue: JSON.stringify(renamed) }],
        }),
      );
      expect(await listedDimension(cw, 'WLMRunningQueries', 'QueueName')).toContain('etl_nightly');
      await rs.send(new RebootClusterCommand({ ClusterIdentifier: CLUSTER_ID }));
      clock.advance(2 * MIN);
      expect(await listedDimension(cw, 'WLMRunningQueries', 'QueueName')).toEqual([
        'etl',
        'bi_dashboards',
        'Default queue',
      ]);
      const running = await get(
        [metric('r', 'WLMRunningQueries', { QueueName: 'etl' }, 60, 'Average')],
        at('11:03:00'),
        at('11:04:00'),
      );
      expect(running.MetricDataResults?.[0]?.Values).toEqual([2]);
      const health = await get(
        [metric('h', 'HealthStatus', {}, 60, 'Minimum')],
        at('11:29:00'),
        at('11:32:00'),
        { ScanBy: 'TimestampAscending' },
      );
      expect(series(health.MetricDataResults?.[0])).toEqual({ '11:29': 1, '11:30': 0, '11:31': 1 });
    } finally {
      rs.destroy();
    }
  });
});
