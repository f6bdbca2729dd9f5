// wlm.pressure: per queue over [from, to], at most maxPoints buckets: peak running and queued statements
// and the slots from the WLM samples, else running and queued derived from the stored query history
// (readHistoryPressure.ts; null where neither speaks for the bucket: a gap, never a zero), and the
// queue wait percentiles of the queries that started in the bucket (from the stored history, so they
// reach back before sampling began); hourly high-water marks (daily past 14 days); the configuration in
// force at `to` and where it changed; the wlm_state collection gaps.
import type Database from 'better-sqlite3';
import type {
  HighWaterMark,
  PressurePoint,
  QueuePressure,
  WlmConfigMark,
  WlmPressure,
  WlmPressureArgs,
} from '../../../shared/model/pressure.ts';
import { isoFromMicros, microsFromIso } from '../base/redshiftTime.ts';
import { CollectionGaps } from '../store/history/CollectionGaps.ts';
import { percentileOfSorted } from './percentile.ts';
import { readHistoryPressure, type HistoryPressure } from './readHistoryPressure.ts';
import { sampledName } from './queueNames.ts';
import { planTimeBuckets, type TimeBuckets } from './timeBuckets.ts';
import { configRows, describeConfigChange, type ConfigSource } from './wlmConfigRows.ts';

const US_PER_HOUR = 3_600_000_000;
const US_PER_DAY = 24 * US_PER_HOUR;
const HOURLY_UP_TO_US = 14 * US_PER_DAY;
/** Service classes 1-4 are Redshift's own (REFERENCE 1.2). */
const FIRST_USER_CLASS = 5;

interface ClassSeries {
  name: string | null;
  samples: Map<number, { running: number; queued: number; slots: number }>;
  waits: Map<number, number[]>;
}

export function readWlmPressure(db: Database.Database, args: WlmPressureArgs, nowUs: number): WlmPressure {
  const fromUs = microsFromIso(args.from);
  const toUs = microsFromIso(args.to);
  const plan = planTimeBuckets(fromUs, toUs, args.maxPoints);
  /** Both reads below bucket their rows the same way over the same window. */
  const bucketParams = {
    c: args.connectionId,
    first: plan.firstUs,
    width: plan.widthUs,
    from: fromUs,
    to: toUs,
  };
  const classes = new Map<number, ClassSeries>();
  const series = (sc: number): ClassSeries => {
    let s = classes.get(sc);
    if (!s) classes.set(sc, (s = { name: null, samples: new Map(), waits: new Map() }));
    return s;
  };

  /** Buckets in which the sampler polled (any queue): it saw every queue with something in it. */
  const sampled = new Set<number>();
  for (const [sc, bucket, running, queued, slots] of db
    .prepare(
      `SELECT service_class, CAST((at_us - @first) / @width AS INTEGER) AS b, max(running), max(queued), max(slots)
       FROM wlm_samples WHERE connection_id = @c AND at_us >= @from AND at_us <= @to
       GROUP BY service_class, b`,
    )
    .raw()
    .iterate(bucketParams) as IterableIterator<[number, number, number, number, number]>) {
    series(sc).samples.set(bucket, { running, queued, slots });
    sampled.add(bucket);
  }

  // One row per queue and bucket, its waits joined in SQL (group order is irrelevant: they are sorted
  // below): a few thousand rows cross into JS instead of one per statement; queries_by_start_wait covers it.
  for (const [sc, bucket, waits] of db
    .prepare(
      `SELECT service_class, CAST((start_us - @first) / @width AS INTEGER) AS b, group_concat(queue_us) FROM queries
       WHERE connection_id = @c AND start_us >= @from AND start_us <= @to AND service_class >= ${FIRST_USER_CLASS}
       GROUP BY b, service_class`,
    )
    .raw()
    .iterate(bucketParams) as IterableIterator<[number, number, string]>) {
    series(sc).waits.set(bucket, waits.split(',').map(Number));
  }

  // Buckets without samples: running and queued from the history, where it is complete.
  const history = readHistoryPressure(db, args.connectionId, plan, nowUs, sampled);
  for (const sc of history.classes.keys()) series(sc);

  // Names and slots at the end of the range: the last sample of each class at or before `to`.
  const last = db
    .prepare(
      `SELECT s.service_class, s.queue_name, s.slots FROM wlm_samples s
       JOIN (SELECT service_class, max(at_us) AS at_us FROM wlm_samples WHERE connection_id = @c AND at_us <= @to
             GROUP BY service_class) m ON m.service_class = s.service_class AND m.at_us = s.at_us
       WHERE s.connection_id = @c`,
    )
    .all({ c: args.connectionId, to: toUs }) as {
    service_class: number;
    queue_name: string;
    slots: number;
  }[];
  const lastSlots = new Map<number, number>();
  const config = currentConfig(db, args.connectionId, toUs);
  for (const row of config?.rows ?? []) series(row.serviceClass).name = row.name;
  for (const r of last) {
    const s = series(r.service_class);
    s.name ??= sampledName(r.service_class, r.queue_name);
    // 0 slots: the sampler could not read the configuration (queueNames.ts).
    if (r.slots !== 0) lastSlots.set(r.service_class, r.slots);
  }
  // Classes only the history knows (no sample, no configuration): their name from STL_WLM_QUERY.
  for (const [sc, s] of classes) {
    if (s.name !== null) continue;
    const named = db
      .prepare(
        `SELECT queue_name FROM queries WHERE connection_id = ? AND service_class = ? AND start_us >= ?
         AND start_us <= ? AND queue_name IS NOT NULL LIMIT 1`,
      )
      .get(args.connectionId, sc, fromUs, toUs) as { queue_name: string } | undefined;
    s.name = named?.queue_name ?? `Service class ${sc}`;
  }

  const highWaterUs = toUs - fromUs > HOURLY_UP_TO_US ? US_PER_DAY : US_PER_HOUR;
  const highWater = new Map<number, HighWaterMark[]>();
  for (const [sc, hour, running, queued] of db
    .prepare(
      `SELECT service_class, CAST(at_us / @w AS INTEGER) AS h, max(running), max(queued) FROM wlm_samples
       WHERE connection_id = @c AND at_us >= @from AND at_us <= @to GROUP BY service_class, h ORDER BY service_class, h`,
    )
    .raw()
    .iterate({ c: args.connectionId, w: highWaterUs, from: fromUs, to: toUs }) as IterableIterator<
    [number, number, number, number]
  >) {
    const list = highWater.get(sc) ?? [];
    list.push({ t: (hour * highWaterUs) / 1000, running, queued });
    highWater.set(sc, list);
  }

  const dims = new Map<string, Record<string, string>>();
  for (const r of db
    .prepare(`SELECT dims_json FROM metric_series WHERE connection_id = ? AND metric = 'WLMQueueLength'`)
    .all(args.connectionId) as { dims_json: string }[]) {
    const d = JSON.parse(r.dims_json) as Record<string, string>;
    if (d.QueueName !== undefined) dims.set(d.QueueName, d);
  }

  const configSlots = new Map<number, number>();
  for (const row of config?.rows ?? [])
    configSlots.set(row.serviceClass, row.concurrency === 'auto' ? -1 : row.concurrency);

  const queues = [...classes.entries()]
    .filter(([sc]) => sc >= FIRST_USER_CLASS)
    .sort((a, b) => a[0] - b[0])
    .map(([sc, s]): QueuePressure => ({
      serviceClass: sc,
      queueName: s.name ?? `Service class ${sc}`,
      configuredSlots: lastSlots.get(sc) ?? configSlots.get(sc) ?? null,
      points: pressurePoints(plan, s, lastSlots.get(sc) ?? configSlots.get(sc) ?? null, {
        derivable: history.derivable,
        peaks: history.classes.get(sc),
        sampled,
      }),
      highWater: highWater.get(sc) ?? [],
      highWaterBucketSeconds: highWaterUs / 1_000_000,
      cloudWatchDimensions: s.name === null ? null : (dims.get(s.name) ?? null),
    }));

  return {
    resolutionSeconds: plan.widthUs / 1_000_000,
    queues,
    configChanges: configChanges(db, args.connectionId, fromUs, toUs),
    gaps: new CollectionGaps(db).list(args.connectionId, 'wlm_state', fromUs, toUs, nowUs),
    currentConfig: config?.rows ?? null,
    configAt: config ? isoFromMicros(config.atUs) : null,
    shortQueryAcceleration: config?.shortQueryAcceleration ?? null,
  };
}

/** What the history says of one class: whether it speaks for each bucket, and its peaks (none: 0). */
export interface ClassHistory {
  derivable: HistoryPressure['derivable'];
  peaks: { running: number[]; queued: number[] } | undefined;
  /** Buckets the sampler polled: a class absent from one had nothing running or queued then. */
  sampled?: ReadonlySet<number>;
}

export function pressurePoints(
  plan: TimeBuckets,
  s: Pick<ClassSeries, 'samples' | 'waits'>,
  knownSlots: number | null,
  history: ClassHistory = { derivable: [], peaks: undefined },
): PressurePoint[] {
  const points: PressurePoint[] = [];
  for (let i = 0; i < plan.count; i++) {
    const sample =
      s.samples.get(i) ?? (history.sampled?.has(i) ? { running: 0, queued: 0, slots: 0 } : undefined);
    const derived = !sample && history.derivable[i] === true;
    const waits = s.waits.get(i);
    const sorted = waits ? Float64Array.from(waits).sort() : new Float64Array(0);
    const p50 = percentileOfSorted(sorted, 50);
    const p95 = percentileOfSorted(sorted, 95);
    points.push({
      t: (plan.firstUs + i * plan.widthUs) / 1000,
      running: sample ? sample.running : derived ? (history.peaks?.running[i] ?? 0) : null,
      queued: sample ? sample.queued : derived ? (history.peaks?.queued[i] ?? 0) : null,
      slots: sample ? (sample.slots !== 0 ? sample.slots : knownSlots) : null,
      source: sample ? 'samples' : derived ? 'history' : null,
      waitP50Ms: p50 === null ? null : p50 / 1000,
      waitP95Ms: p95 === null ? null : p95 / 1000,
    });
  }
  return points;
}

/** The configuration in force at `toUs`: the parameter group's when recorded, else the service classes. */
function currentConfig(
  db: Database.Database,
  connectionId: string,
  toUs: number,
): (ReturnType<typeof configRows> & object & { atUs: number }) | null {
  const latest = db.prepare(
    `SELECT at_us, json FROM wlm_config_history WHERE connection_id = ? AND source = ? AND at_us <= ?
     ORDER BY at_us DESC LIMIT 1`,
  );
  for (const source of ['parameter_group', 'service_classes'] as const) {
    const row = latest.get(connectionId, source, toUs) as { at_us: number; json: string } | undefined;
    if (!row) continue;
    const rows = configRows(source, row.json);
    if (rows) return { ...rows, atUs: row.at_us };
  }
  return null;
}

/** Each recording in range that differs from the one before it (same source), in words. */
function configChanges(
  db: Database.Database,
  connectionId: string,
  fromUs: number,
  toUs: number,
): WlmConfigMark[] {
  const inRange = db
    .prepare(
      `SELECT source, at_us, json FROM wlm_config_history WHERE connection_id = ? AND at_us >= ? AND at_us <= ?
       ORDER BY at_us, source`,
    )
    .all(connectionId, fromUs, toUs) as { source: ConfigSource; at_us: number; json: string }[];
  const before = db.prepare(
    `SELECT json FROM wlm_config_history WHERE connection_id = ? AND source = ? AND at_us < ?
     ORDER BY at_us DESC LIMIT 1`,
  );
  const marks: WlmConfigMark[] = [];
  for (const r of inRange) {
    const previous = before.get(connectionId, r.source, r.at_us) as { json: string } | undefined;
    // The first recording is where collection began, not a change.
    if (!previous) continue;
    const summary = describeConfigChange(r.source, previous.json, r.json);
    if (summary.length > 0) marks.push({ at: isoFromMicros(r.at_us), summary });
  }
  return marks;
}
