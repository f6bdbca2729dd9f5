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

export type ReadSeriesArgs = Omit<MetricSeriesArgs, 'connectionId'> & { connectionId: string };

interface SeriesKeyRow {
  id: number;
  period_seconds: number;
}

/**
 * Reads one series downsampled to at most args.maxPoints points. A series never collected on this
 * connection answers with every bucket null (nothing collected is a gap, not an error).
 */
export function readSeries(db: Database.Database, args: ReadSeriesArgs): MetricSeries {
  const fromMs = Date.parse(args.from);
  const toMs = Date.parse(args.to);
  const series = db
    .prepare('SELECT id, period_seconds FROM metric_series WHERE connection_id = ? AND metric = ? AND dims_key = ?')
    .get(args.connectionId, args.metric, dimensionsKey(args.dimensions)) as SeriesKeyRow | undefined;
  const nativeResolution = series?.period_seconds ?? 60;

  const extents: TierExtent[] = [
    { resolution: nativeResolution, earliest: null },
    { resolution: HOUR, earliest: null },
    { resolution: DAY, earliest: null },
  ];
  if (series !== undefined) {
    const nativeMin = db.prepare('SELECT min(ts) AS m FROM metric_points WHERE series_id = ?');
    const rollupMin = db.prepare('SELECT min(ts) AS m FROM metric_rollups WHERE series_id = ? AND resolution = ?');
    extents[0]!.earliest = (nativeMin.get(series.id) as { m: number | null }).m;
    extents[1]!.earliest = (rollupMin.get(series.id, HOUR) as { m: number | null }).m;
    extents[2]!.earliest = (rollupMin.get(series.id, DAY) as { m: number | null }).m;
  }

  const plan = planBuckets(fromMs, toMs, args.maxPoints, chooseUsableTiers(fromMs, extents));
  const base = { metric: args.metric, dimensions: args.dimensions, resolutionSeconds: plan.widthSeconds };
  if (series === undefined || plan.count === 0) return { ...base, points: fillBuckets(plan, []) };

  // Whole buckets are read (not just [from, to)) so a bucket's value does not depend on where the
  // window happens to start.
  const start = plan.firstBucket;
  const end = plan.firstBucket + plan.count * plan.widthSeconds;
  const w = plan.widthSeconds;
  const rows = (
    plan.tierResolution === nativeResolution
      ? db.prepare(
          `SELECT (ts / @w) * @w AS bucket, avg(value) AS avg, min(value) AS min, max(value) AS max
           FROM metric_points WHERE series_id = @id AND ts >= @start AND ts < @end GROUP BY bucket ORDER BY bucket`,
        )
      : db.prepare(
          `SELECT (ts / @w) * @w AS bucket, sum(avg * count) / sum(count) AS avg, min(min) AS min, max(max) AS max
           FROM metric_rollups WHERE series_id = @id AND resolution = @tier AND ts >= @start AND ts < @end
           GROUP BY bucket ORDER BY bucket`,
        )
  ).all(
    plan.tierResolution === nativeResolution
      ? { w, id: series.id, start, end }
      : { w, id: series.id, start, end, tier: plan.tierResolution },
  ) as BucketRow[];

  const gaps = db
    .prepare('SELECT from_ts AS "from", to_ts AS "to" FROM metric_gaps WHERE series_id = ? AND to_ts > ? AND from_ts < ?')
    .all(series.id, start, end) as GapSpan[];

  return { ...base, points: fillBuckets(plan, rows, gaps) };
}
