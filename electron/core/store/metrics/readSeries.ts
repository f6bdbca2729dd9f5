// metrics.series (DESIGN.md §3): answer a chart from the right tier and downsample in SQLite, so no
// response carries more than maxPoints points and no more rows are read than the buckets need. Missing
// buckets and recorded gaps come out as null.
import type Database from 'better-sqlite3';
import type { MetricSeries, MetricSeriesArgs } from '../../../../shared/model/metric.ts';
import { dimensionsKey } from './dimensionsKey.ts';
import { fillBuckets, type BucketRow, type GapSpan } from './fillBuckets.ts';
import { chooseUsableTiers, planBuckets, type TierExtent } from './planBuckets.ts';

const HOUR = 3600;
const DAY = 86400;

interface Statements {
  series: Database.Statement;
  nativeMin: Database.Statement;
  rollupMin: Database.Statement;
  native: Database.Statement;
  nativeGrouped: Database.Statement;
  rollup: Database.Statement;
  rollupGrouped: Database.Statement;
  gaps: Database.Statement;
}

// Prepared once per database handle (a chart refresh asks for several series at a time).
const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let s = cache.get(db);
  if (s !== undefined) return s;
  // Raw mode (arrays, not objects): a 4,000-point answer is 4,000 rows, and objects cost more.
  // `ts - ts % w`, not `ts / w * w`: better-sqlite3 binds JS numbers as REAL, which would make the
  // division a float one (% always works on integers). Buckets as wide as the tier read rows as they are.
  s = {
    series: db.prepare(
      'SELECT id, period_seconds FROM metric_series WHERE connection_id = ? AND metric = ? AND dims_key = ?',
    ),
    nativeMin: db.prepare('SELECT min(ts) FROM metric_points WHERE series_id = ?').pluck(),
    rollupMin: db
      .prepare('SELECT min(ts) FROM metric_rollups WHERE series_id = ? AND resolution = ?')
      .pluck(),
    native: db
      .prepare(
        'SELECT ts, value, value, value FROM metric_points WHERE series_id = @id AND ts >= @start AND ts < @end ORDER BY ts',
      )
      .raw(),
    nativeGrouped: db
      .prepare(
        `SELECT ts - ts % @w AS bucket, avg(value), min(value), max(value) FROM metric_points
         WHERE series_id = @id AND ts >= @start AND ts < @end GROUP BY bucket ORDER BY bucket`,
      )
      .raw(),
    rollup: db
      .prepare(
        `SELECT ts, avg, min, max FROM metric_rollups
         WHERE series_id = @id AND resolution = @tier AND ts >= @start AND ts < @end ORDER BY ts`,
      )
      .raw(),
    rollupGrouped: db
      .prepare(
        `SELECT ts - ts % @w AS bucket, sum(avg * count) / sum(count), min(min), max(max) FROM metric_rollups
         WHERE series_id = @id AND resolution = @tier AND ts >= @start AND ts < @end GROUP BY bucket ORDER BY bucket`,
      )
      .raw(),
    gaps: db.prepare(
      'SELECT from_ts AS "from", to_ts AS "to" FROM metric_gaps WHERE series_id = ? AND to_ts > ? AND from_ts < ?',
    ),
  };
  cache.set(db, s);
  return s;
}

/**
 * Reads one series downsampled to at most args.maxPoints points. A series never collected on this
 * connection answers with every bucket null (nothing collected is a gap, not an error).
 */
export function readSeries(db: Database.Database, args: MetricSeriesArgs): MetricSeries {
  const st = statements(db);
  const fromMs = Date.parse(args.from);
  const toMs = Date.parse(args.to);
  const series = st.series.get(args.connectionId, args.metric, dimensionsKey(args.dimensions)) as
    { id: number; period_seconds: number } | undefined;
  const nativeResolution = series?.period_seconds ?? 60;

  const earliest = (value: unknown) => (typeof value === 'number' ? value : null);
  const extents: TierExtent[] = [
    { resolution: nativeResolution, earliest: series ? earliest(st.nativeMin.get(series.id)) : null },
    { resolution: HOUR, earliest: series ? earliest(st.rollupMin.get(series.id, HOUR)) : null },
    { resolution: DAY, earliest: series ? earliest(st.rollupMin.get(series.id, DAY)) : null },
  ];

  const plan = planBuckets(fromMs, toMs, args.maxPoints, chooseUsableTiers(fromMs, extents));
  const base = { metric: args.metric, dimensions: args.dimensions, resolutionSeconds: plan.widthSeconds };
  if (series === undefined || plan.count === 0) return { ...base, points: fillBuckets(plan, []) };

  // Whole buckets are read (not just [from, to)) so a bucket's value does not depend on where the
  // window happens to start.
  const start = plan.firstBucket;
  const end = plan.firstBucket + plan.count * plan.widthSeconds;
  const w = plan.widthSeconds;
  const native = plan.tierResolution === nativeResolution;
  const asIs = w === plan.tierResolution;
  const params = native
    ? { id: series.id, start, end }
    : { id: series.id, start, end, tier: plan.tierResolution };
  const statement = native ? (asIs ? st.native : st.nativeGrouped) : asIs ? st.rollup : st.rollupGrouped;
  const rows = statement.all(asIs ? params : { ...params, w }) as BucketRow[];
  const gaps = st.gaps.all(series.id, start, end) as GapSpan[];
  return { ...base, points: fillBuckets(plan, rows, gaps) };
}
