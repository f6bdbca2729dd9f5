// A MetricSource that derives the AWS/Redshift metrics from the double's own tables, so CloudWatch and
// the system tables tell the same story (DESIGN.md §5). It reads the hidden base tables directly
// (rs_internal.*, REFERENCE columns), so the pool must connect as a PostgreSQL superuser; the pool's
// owner keeps an 'error' listener on it.
//
// Measured metrics (per sample window [t, t + resolution)):
// * WLMQueueLength / WLMRunningQueries: time-weighted average number of queries queued
//   (queue_start_time → queue_end_time) / executing (exec_start_time → exec_end_time) in the service
//   class, from rs_internal.stl_wlm_query plus statements still in flight in rs_internal.live_query
//   (the live engine's table; used when it exists, open intervals end "now").
// * WLMQueueWaitTime (ms): mean total_queue_time of queries that left the queue in the window
//   (0 when none did) – per service class, or per query_priority for the QueryPriority dimension.
// * WLMQueryDuration (µs) / WLMQueriesCompletedPerSecond: mean total_exec_time / count ÷ 300 of queries
//   whose execution ended in the window.
// * QueryDuration (µs) / QueriesCompletedPerSecond: mean endtime − starttime / count ÷ 300 of
//   rs_internal.stl_query rows ending in the window, by latency class (short < 10 s, medium < 10 min,
//   long) or by the service class of their stl_wlm_query row (wlmid). NodeID variants carry the same
//   value on every compute node.
// * DatabaseConnections: time-weighted average of open sessions (rs_internal.sys_session_history,
//   end_time NULL = still open, plus rs_internal.live_session rows not yet in the history).
// * CommitQueueLength: time-weighted average of leader-node commits waiting (stl_commit_stats node −1,
//   startqueue → startwork).
// * TotalTableCount: user tables in the database now (same value for every sample).
// Modelled metrics – deterministic functions of r = running queries (all service classes, as above)
// and time, documented so the numbers can be recognised:
// * CPUUtilization: compute node i = 3 + 11·r/n + w(t, i) %, leader = 2 + 2.5·r + w(t, n) %, capped at
//   100; cluster = mean over leader and compute nodes. w = 1.5·(1 + sin(2πt/17 min + i)).
// * PercentageDiskSpaceUsed: 32 + 10·(day of a 30-day cycle)/30 + 0.3·r + 0.8·i %; cluster = mean.
// * ReadIOPS: 20 + 180·r/n per compute node, leader 5 + 10·r; WriteIOPS 8 + 60·r/n; cluster = sum.
// * ReadLatency 0.0015 + 0.0004·r s, WriteLatency 0.003 + 0.0006·r s.
// * ReadThroughput = ReadIOPS × 256 KiB, WriteThroughput = WriteIOPS × 128 KiB (bytes).
// * NetworkReceiveThroughput 50 kB/s + 2 MB/s·r/n, NetworkTransmitThroughput 40 kB/s + 1.5 MB/s·r/n
//   (leader: 30 kB/s + 0.5 MB/s·r); cluster = sum.
// Long because each metric's SQL sits beside its CloudWatch definition, so the two stay in step.
import type { Pool } from 'pg';
import type { MetricQuery, MetricSample, MetricSource } from './MetricSource.ts';
import { EventSeries, IntervalSet } from './timeSeriesMath.ts';

export interface SqlMetricSourceOptions {
  /** Compute nodes of the cluster (for per-node figures); default 2 like the demo cluster. */
  numberOfNodes?: number;
  /** "Now" for statements still in flight; default the wall clock. */
  now?: () => Date;
  /** How long one window's rows are reused across the queries of a GetMetricData call (default 2 s). */
  cacheMs?: number;
}

/** Queries that run longer than this are not looked for before a window (bounds the index scan). */
const LOOKBACK_MS = 2 * 24 * 3600_000;
const SHORT_MS = 10_000;
const MEDIUM_MS = 600_000;

interface WlmRow {
  sc: number;
  qs: number | null;
  qe: number | null;
  xs: number | null;
  xe: number | null;
  queue_us: number;
  exec_us: number;
  priority: string;
}

interface QueryRow {
  e: number;
  dur_ms: number;
  sc: number | null;
}

interface WindowData {
  base: number;
  wlm: WlmRow[];
  queries: QueryRow[];
  sessions: [number, number][];
  commits: [number, number][];
  tableCount: number;
}

function sqlTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

async function exists(pool: Pool, relation: string): Promise<boolean> {
  const r = await pool.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [relation]);
  return r.rows[0]?.ok === true;
}

async function loadWindow(pool: Pool, startMs: number, endMs: number, nowMs: number): Promise<WindowData> {
  const from = sqlTimestamp(startMs);
  const to = sqlTimestamp(endMs);
  const lookback = sqlTimestamp(startMs - LOOKBACK_MS);
  const epoch = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;

  const wlm = await pool.query<WlmRow>(
    `SELECT service_class AS sc, ${epoch('queue_start_time')} AS qs, ${epoch('queue_end_time')} AS qe,
            ${epoch('exec_start_time')} AS xs, ${epoch('exec_end_time')} AS xe,
            coalesce(total_queue_time, 0)::float8 AS queue_us, coalesce(total_exec_time, 0)::float8 AS exec_us,
            lower(trim(query_priority)) AS priority
       FROM rs_internal.stl_wlm_query
      WHERE service_class_start_time >= $3::timestamp AND service_class_start_time < $2::timestamp
        AND greatest(queue_end_time, exec_end_time, service_class_end_time) >= $1::timestamp`,
    [from, to, lookback],
  );
  const rows: WlmRow[] = [...wlm.rows];

  if (await exists(pool, 'rs_internal.live_query')) {
    // In flight: queued since wlm_start_time, running since exec_start; both open until now.
    const live = await pool.query<{
      sc: number;
      state: string;
      ws: number;
      xs: number | null;
      priority: string;
    }>(
      `SELECT l.service_class AS sc, l.state, ${epoch('l.wlm_start_time')} AS ws, ${epoch('l.exec_start')} AS xs,
              lower(l.query_priority) AS priority
         FROM rs_internal.live_query l
        WHERE l.state <> 'Done' AND l.wlm_start_time < $1::timestamp
          AND NOT EXISTS (SELECT 1 FROM rs_internal.stl_wlm_query w WHERE w.query = l.query)`,
      [to],
    );
    for (const l of live.rows) {
      const queuedUntil = l.xs ?? nowMs;
      rows.push({
        sc: l.sc,
        qs: l.ws,
        qe: queuedUntil,
        xs: l.xs,
        xe: l.xs === null ? null : nowMs,
        queue_us: 0,
        exec_us: 0,
        priority: l.priority,
      });
    }
  }

  const queries = await pool.query<QueryRow>(
    `SELECT ${epoch('q.endtime')} AS e, ${epoch('q.endtime')} - ${epoch('q.starttime')} AS dur_ms,
            (SELECT w.service_class FROM rs_internal.stl_wlm_query w WHERE w.query = q.query LIMIT 1) AS sc
       FROM rs_internal.stl_query q
      WHERE q.starttime >= $3::timestamp AND q.starttime < $2::timestamp
        AND q.endtime >= $1::timestamp AND q.endtime < $2::timestamp`,
    [from, to, lookback],
  );

  const sessions: [number, number][] = [];
  if (await exists(pool, 'rs_internal.sys_session_history')) {
    const r = await pool.query<{ s: number; e: number | null }>(
      `SELECT ${epoch('start_time')} AS s, ${epoch('end_time')} AS e
         FROM rs_internal.sys_session_history
        WHERE start_time < $1::timestamp AND (end_time IS NULL OR end_time >= $2::timestamp)`,
      [to, from],
    );
    for (const row of r.rows) sessions.push([row.s, row.e ?? nowMs]);
  }
  if (await exists(pool, 'rs_internal.live_session')) {
    const history = (await exists(pool, 'rs_internal.sys_session_history'))
      ? 'AND NOT EXISTS (SELECT 1 FROM rs_internal.sys_session_history h WHERE h.session_id = l.process AND h.end_time IS NULL)'
      : '';
    const r = await pool.query<{ s: number }>(
      `SELECT ${epoch('l.starttime')} AS s FROM rs_internal.live_session l WHERE l.starttime < $1::timestamp ${history}`,
      [to],
    );
    for (const row of r.rows) sessions.push([row.s, nowMs]);
  }

  const commits: [number, number][] = [];
  if (await exists(pool, 'rs_internal.stl_commit_stats')) {
    const r = await pool.query<{ s: number; e: number }>(
      `SELECT ${epoch('startqueue')} AS s, ${epoch('startwork')} AS e
         FROM rs_internal.stl_commit_stats
        WHERE node = -1 AND startqueue < $1::timestamp AND startwork >= $2::timestamp`,
      [to, from],
    );
    for (const row of r.rows) commits.push([row.s, row.e]);
  }

  const tables = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p')
        AND ns.nspname NOT IN ('pg_catalog', 'information_schema', 'rs_internal', 'rs_system', 'pg_toast')`,
  );

  return {
    base: startMs - LOOKBACK_MS,
    wlm: rows,
    queries: queries.rows,
    sessions,
    commits,
    tableCount: tables.rows[0]?.n ?? 0,
  };
}

function latencyOf(durationMs: number): 'short' | 'medium' | 'long' {
  return durationMs < SHORT_MS ? 'short' : durationMs < MEDIUM_MS ? 'medium' : 'long';
}

function wobble(t: number, i: number): number {
  return 1.5 * (1 + Math.sin((2 * Math.PI * t) / (17 * 60_000) + i));
}

export function createSqlMetricSource(
  pool: Pool,
  clusterIdentifier: string,
  options: SqlMetricSourceOptions = {},
): MetricSource {
  const n = Math.max(1, options.numberOfNodes ?? 2);
  const now = options.now ?? (() => new Date());
  const cacheMs = options.cacheMs ?? 2000;
  const cache = new Map<string, { at: number; data: Promise<WindowData> }>();

  function windowData(startMs: number, endMs: number): Promise<WindowData> {
    const key = `${startMs}:${endMs}`;
    const hit = cache.get(key);
    const wall = Date.now();
    if (hit !== undefined && wall - hit.at < cacheMs) return hit.data;
    for (const [k, v] of cache) if (wall - v.at >= cacheMs) cache.delete(k);
    const data = loadWindow(pool, startMs, endMs, now().getTime());
    cache.set(key, { at: wall, data });
    data.catch(() => cache.delete(key));
    return data;
  }

  return async (query: MetricQuery): Promise<MetricSample[]> => {
    if (query.dimensions.ClusterIdentifier !== clusterIdentifier) return [];
    const startMs = query.start.getTime();
    const endMs = query.end.getTime();
    const step = query.resolutionSeconds * 1000;
    const data = await windowData(startMs, endMs);
    const { base } = data;
    const sc = query.serviceClass;
    const inClass = (r: { sc: number | null }) => sc === undefined || r.sc === sc;

    const running = new IntervalSet(
      data.wlm.filter((r) => r.xs !== null && r.xe !== null).map((r) => [r.xs ?? 0, r.xe ?? 0] as const),
      base,
    );
    const node = query.dimensions.NodeID;
    const nodeIndex =
      node === undefined
        ? null
        : node === 'Leader'
          ? n
          : node === 'Shared'
            ? 0
            : Number(node.replace('Compute-', ''));
    const isLeader = node === 'Leader';

    // A duration metric is the mean of the statements ending in a period; its pair, their rate a second.
    const durationOrRate = (events: EventSeries, duration: boolean) =>
      duration
        ? (t: number) => events.mean(t, t + step)
        : (t: number) => events.count(t, t + step) / query.resolutionSeconds;

    let valueAt: (t: number) => number;
    switch (query.metricName) {
      case 'WLMQueueLength':
      case 'WLMRunningQueries': {
        // Time-weighted count of the class's queries queued (qs..qe) or executing (xs..xe).
        const queued = query.metricName === 'WLMQueueLength';
        const set = new IntervalSet(
          data.wlm.flatMap((r) => {
            const [from, to] = queued ? [r.qs, r.qe] : [r.xs, r.xe];
            return inClass(r) && from !== null && to !== null ? [[from, to] as const] : [];
          }),
          base,
        );
        valueAt = (t) => set.average(t, t + step);
        break;
      }
      case 'WLMQueueWaitTime': {
        const priority = query.dimensions.QueryPriority?.toLowerCase();
        const events = new EventSeries(
          data.wlm
            .filter(
              (r) =>
                inClass(r) &&
                r.qe !== null &&
                r.xe !== null &&
                (priority === undefined || r.priority === priority),
            )
            .map((r) => [r.qe ?? 0, r.queue_us / 1000] as const),
          base,
        );
        valueAt = (t) => events.mean(t, t + step);
        break;
      }
      case 'WLMQueryDuration':
      case 'WLMQueriesCompletedPerSecond': {
        const events = new EventSeries(
          data.wlm
            .filter((r) => inClass(r) && r.xe !== null && r.exec_us > 0)
            .map((r) => [r.xe ?? 0, r.exec_us] as const),
          base,
        );
        valueAt = durationOrRate(events, query.metricName === 'WLMQueryDuration');
        break;
      }
      case 'QueryDuration':
      case 'QueriesCompletedPerSecond': {
        const latency = query.dimensions.latency;
        const events = new EventSeries(
          data.queries
            .filter(
              (q) =>
                (latency === undefined || latencyOf(q.dur_ms) === latency) &&
                (sc === undefined || q.sc === sc),
            )
            .map((q) => [q.e, q.dur_ms * 1000] as const),
          base,
        );
        valueAt = durationOrRate(events, query.metricName === 'QueryDuration');
        break;
      }
      case 'DatabaseConnections': {
        const set = new IntervalSet(data.sessions, base);
        valueAt = (t) => set.average(t, t + step);
        break;
      }
      case 'CommitQueueLength': {
        const set = new IntervalSet(data.commits, base);
        valueAt = (t) => set.average(t, t + step);
        break;
      }
      case 'TotalTableCount':
        valueAt = () => data.tableCount;
        break;
      case 'CPUUtilization': {
        const cpu = (t: number, i: number, leader: boolean) => {
          const r = running.average(t, t + step);
          return Math.min(100, (leader ? 2 + 2.5 * r : 3 + (11 * r) / n) + wobble(t, i));
        };
        valueAt =
          nodeIndex === null
            ? (t) => {
                let sum = cpu(t, n, true);
                for (let i = 0; i < n; i++) sum += cpu(t, i, false);
                return sum / (n + 1);
              }
            : (t) => cpu(t, nodeIndex, isLeader);
        break;
      }
      case 'PercentageDiskSpaceUsed': {
        const disk = (t: number, i: number) =>
          32 + (10 * ((t / 86_400_000) % 30)) / 30 + 0.3 * running.average(t, t + step) + 0.8 * i;
        valueAt =
          nodeIndex === null
            ? (t) => {
                let sum = 0;
                for (let i = 0; i < n; i++) sum += disk(t, i);
                return sum / n;
              }
            : (t) => disk(t, nodeIndex);
        break;
      }
      case 'ReadIOPS':
      case 'WriteIOPS':
      case 'ReadThroughput':
      case 'WriteThroughput':
      case 'NetworkReceiveThroughput':
      case 'NetworkTransmitThroughput': {
        const perNode = (t: number, leader: boolean): number => {
          const r = running.average(t, t + step);
          switch (query.metricName) {
            case 'ReadIOPS':
              return leader ? 5 + 10 * r : 20 + (180 * r) / n;
            case 'WriteIOPS':
              return 8 + (60 * r) / n;
            case 'ReadThroughput':
              return (20 + (180 * r) / n) * 262_144;
            case 'WriteThroughput':
              return (8 + (60 * r) / n) * 131_072;
            case 'NetworkReceiveThroughput':
              return 50_000 + (2_000_000 * r) / n;
            default:
              return leader ? 30_000 + 500_000 * r : 40_000 + (1_500_000 * r) / n;
          }
        };
        const leaderCounts =
          query.metricName === 'ReadIOPS' || query.metricName === 'NetworkTransmitThroughput';
        valueAt =
          nodeIndex === null
            ? (t) => n * perNode(t, false) + (leaderCounts ? perNode(t, true) : 0)
            : (t) => perNode(t, isLeader);
        break;
      }
      case 'ReadLatency':
        valueAt = (t) => 0.0015 + 0.0004 * running.average(t, t + step);
        break;
      case 'WriteLatency':
        valueAt = (t) => 0.003 + 0.0006 * running.average(t, t + step);
        break;
      default:
        return [];
    }

    const out: MetricSample[] = [];
    for (let t = startMs; t < endMs; t += step) out.push({ timestamp: new Date(t), value: valueAt(t) });
    return out;
  };
}
