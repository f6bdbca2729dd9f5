// overview.get: what the on-call engineer looks at first, all from the store: the cluster's status
// (last DescribeClusters snapshot), the latest CloudWatch values, the queues at the last WLM poll, the
// live counts, the recent optimizer alerts and the slowest queries of the last hour.
import type Database from 'better-sqlite3';
import type { Overview, OverviewAlert, OverviewMetric, QueueNow } from '../../../shared/model/overview.ts';
import type { QueryRow } from '../../../shared/model/query.ts';
import type { TextMatcher } from '../base/likePatterns.ts';
import { isoFromMicros } from '../base/redshiftTime.ts';
import { livePolledUs } from './livePolledUs.ts';
import { configuredQueues, sampledName } from './queueNames.ts';
import { ROW_COLUMNS, toQueryRow, type QueryDbRow } from '../store/history/readQueryHistory.ts';

export const OVERVIEW_METRICS = [
  'CPUUtilization',
  'PercentageDiskSpaceUsed',
  'DatabaseConnections',
  'HealthStatus',
] as const;
const US_PER_HOUR = 3_600_000_000;
const ALERT_WINDOW_US = 24 * US_PER_HOUR;
const MAX_ALERTS = 10;
const MAX_SLOWEST = 10;

/** `hide`: the connection's hidden patterns (issue #14): the slowest list skips and counts them. */
export function readOverview(
  db: Database.Database,
  connectionId: string,
  nowUs: number,
  hide: TextMatcher | null = null,
): Overview {
  const snapshot = db
    .prepare('SELECT status FROM cluster_snapshots WHERE connection_id = ? ORDER BY at_us DESC LIMIT 1')
    .get(connectionId) as { status: string | null } | undefined;

  const { dimensions, metrics } = latestClusterMetrics(db, connectionId);

  const live = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(state LIKE 'Queued%'), 0) AS queued, max(polled_us) AS polled_us
       FROM live_statements WHERE connection_id = ?`,
    )
    .get(connectionId) as { n: number; queued: number; polled_us: number | null };
  const polledUs = livePolledUs(db, connectionId) ?? live.polled_us;
  const liveSessions =
    polledUs === null
      ? 0
      : (
          db
            .prepare('SELECT count(*) AS n FROM sessions WHERE connection_id = ? AND last_seen_us = ?')
            .get(connectionId, polledUs) as { n: number }
        ).n;
  const liveHidden =
    hide === null
      ? 0
      : (
          db
            .prepare('SELECT text_preview FROM live_statements WHERE connection_id = ?')
            .pluck()
            .all(connectionId) as (string | null)[]
        ).filter((t) => t !== null && hide(t)).length;

  const alerts = (
    db
      .prepare(
        `SELECT a.query, a.event_us, a.event, a.solution,
                (SELECT substr(q.text, 1, 200) FROM queries q
                  WHERE q.connection_id = a.connection_id AND q.query = a.query
                  ORDER BY abs(q.start_us - a.event_us) LIMIT 1) AS text_preview,
                (SELECT q.user_name FROM queries q
                  WHERE q.connection_id = a.connection_id AND q.query = a.query
                  ORDER BY abs(q.start_us - a.event_us) LIMIT 1) AS user_name
         FROM (SELECT connection_id, query, event, solution, max(event_us) AS event_us FROM alert_events
               WHERE connection_id = ? AND event_us >= ?
               GROUP BY query, event, solution ORDER BY event_us DESC LIMIT ?) a
         ORDER BY a.event_us DESC`,
      )
      .all(connectionId, nowUs - ALERT_WINDOW_US, MAX_ALERTS) as {
      query: number;
      event_us: number;
      event: string;
      solution: string;
      text_preview: string | null;
      user_name: string | null;
    }[]
  ).map((r): OverviewAlert => ({
    query: r.query,
    eventTime: isoFromMicros(r.event_us),
    event: r.event,
    solution: r.solution,
    textPreview: r.text_preview,
    userName: r.user_name,
  }));

  // The hour's queries slowest first, the hidden ones counted and skipped (matched on the full text).
  const slowest: QueryRow[] = [];
  let slowestHidden = 0;
  for (const row of db
    .prepare(
      `SELECT ${ROW_COLUMNS}, substr(text, 1, 200) AS text_preview, text FROM queries
       WHERE connection_id = ? AND start_us >= ? AND start_us <= ?
       ORDER BY elapsed_us DESC, query DESC LIMIT ?`,
    )
    // Nothing hidden: the first 10 are the list (-1: no limit, to count the hidden ones).
    .iterate(connectionId, nowUs - US_PER_HOUR, nowUs, hide === null ? MAX_SLOWEST : -1) as IterableIterator<
    QueryDbRow & { text: string }
  >) {
    if (hide?.(row.text)) slowestHidden++;
    else if (slowest.length < MAX_SLOWEST) slowest.push(toQueryRow(row));
  }

  return {
    connectionId,
    clusterStatus: snapshot?.status ?? null,
    cloudWatchDimensions: dimensions,
    metrics,
    queues: latestQueues(db, connectionId),
    liveRunning: live.n - live.queued,
    liveQueued: live.queued,
    livePolledAt: polledUs === null ? null : isoFromMicros(polledUs),
    liveSessions,
    liveHidden,
    alerts,
    slowest,
    slowestHidden,
  };
}

/** The cluster-level series (dimensions {ClusterIdentifier} only) and their latest native points. */
function latestClusterMetrics(
  db: Database.Database,
  connectionId: string,
): { dimensions: Record<string, string> | null; metrics: OverviewMetric[] } {
  const series = db
    .prepare(
      `SELECT id, metric, dims_json FROM metric_series
       WHERE connection_id = ? AND dims_key LIKE '[["ClusterIdentifier",%' AND dims_key NOT LIKE '%],[%'`,
    )
    .all(connectionId) as { id: number; metric: string; dims_json: string }[];
  const latest = db.prepare(
    'SELECT ts, value FROM metric_points WHERE series_id = ? ORDER BY ts DESC LIMIT 1',
  );
  const latestRollup = db.prepare(
    'SELECT ts, avg AS value FROM metric_rollups WHERE series_id = ? ORDER BY ts DESC LIMIT 1',
  );
  let dimensions: Record<string, string> | null = null;
  const metrics = OVERVIEW_METRICS.map((metric): OverviewMetric => {
    const s = series.find((x) => x.metric === metric);
    if (!s) return { metric, value: null, at: null };
    dimensions ??= JSON.parse(s.dims_json) as Record<string, string>;
    // Native points are pruned before rollups: fall back to the latest rollup.
    const point = (latest.get(s.id) ?? latestRollup.get(s.id)) as { ts: number; value: number } | undefined;
    return point
      ? { metric, value: point.value, at: new Date(point.ts * 1000).toISOString() }
      : { metric, value: null, at: null };
  });
  if (dimensions === null && series[0])
    dimensions = JSON.parse(series[0].dims_json) as Record<string, string>;
  return { dimensions, metrics };
}

/** The queues at the last wlm_state poll. */
export function latestQueues(db: Database.Database, connectionId: string): QueueNow[] {
  const rows = db
    .prepare(
      `SELECT at_us, service_class, queue_name, slots, running, queued FROM wlm_samples
       WHERE connection_id = ? AND at_us = (SELECT max(at_us) FROM wlm_samples WHERE connection_id = ?)
       ORDER BY service_class`,
    )
    .all(connectionId, connectionId) as {
    at_us: number;
    service_class: number;
    queue_name: string;
    slots: number;
    running: number;
    queued: number;
  }[];
  const configured = configuredQueues(db, connectionId);
  return rows.map((r) => ({
    serviceClass: r.service_class,
    queueName:
      sampledName(r.service_class, r.queue_name) ?? configured.get(r.service_class)?.name ?? r.queue_name,
    // 0 slots: the sampler could not read the configuration (queueNames.ts).
    slots: r.slots !== 0 ? r.slots : (configured.get(r.service_class)?.slots ?? r.slots),
    running: r.running,
    queued: r.queued,
    at: isoFromMicros(r.at_us),
  }));
}
