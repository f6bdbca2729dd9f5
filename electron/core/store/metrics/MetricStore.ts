// The write side of CloudWatch history: series rows (natural key connection + metric + exact dimension
// set), idempotent upserts of native points, watermarks and gap records. A batch of points and the
// watermark that declares them complete are written in one transaction, so a crash or a failed run can
// never leave a series marked complete over points that are not there.
import type Database from 'better-sqlite3';
import { dimensionsKey } from './dimensionsKey.ts';

export interface SeriesRow {
  id: number;
  connectionId: string;
  metric: string;
  dimensions: Record<string, string>;
  periodSeconds: 60 | 300;
  /** Watermark, epoch seconds: everything before it was read completely. null = never read. */
  completeUntil: number | null;
}

export interface NativePoint {
  /** Period start, epoch seconds. */
  ts: number;
  value: number;
}

export interface SeriesWrite {
  seriesId: number;
  points: readonly NativePoint[];
  /** New watermark (epoch seconds); omit to store the points without declaring anything complete. */
  completeUntil?: number;
}

interface RawSeriesRow {
  id: number;
  connection_id: string;
  metric: string;
  dims_json: string;
  period_seconds: number;
  complete_until: number | null;
}

function toSeries(row: RawSeriesRow): SeriesRow {
  return {
    id: row.id,
    connectionId: row.connection_id,
    metric: row.metric,
    dimensions: JSON.parse(row.dims_json) as Record<string, string>,
    periodSeconds: row.period_seconds === 300 ? 300 : 60,
    completeUntil: row.complete_until,
  };
}

export class MetricStore {
  private readonly insertSeries: Database.Statement;
  private readonly selectSeries: Database.Statement;
  private readonly selectByConnection: Database.Statement;
  private readonly upsertPoint: Database.Statement;
  private readonly markWritten: Database.Statement;
  private readonly setWatermark: Database.Statement;
  private readonly insertGap: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertSeries = db.prepare(
      `INSERT INTO metric_series (connection_id, metric, dims_key, dims_json, period_seconds, updated_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (connection_id, metric, dims_key) DO NOTHING`,
    );
    this.selectSeries = db.prepare(
      `SELECT id, connection_id, metric, dims_json, period_seconds, complete_until FROM metric_series
       WHERE connection_id = ? AND metric = ? AND dims_key = ?`,
    );
    this.selectByConnection = db.prepare(
      `SELECT id, connection_id, metric, dims_json, period_seconds, complete_until FROM metric_series
       WHERE connection_id = ? ORDER BY metric, dims_key`,
    );
    this.upsertPoint = db.prepare(
      `INSERT INTO metric_points (series_id, ts, value) VALUES (?, ?, ?)
       ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value`,
    );
    // rollup_from remembers the earliest point written since the last rollup (rollUpMetrics clears it).
    this.markWritten = db.prepare(
      `UPDATE metric_series SET rollup_from = min(coalesce(rollup_from, @ts), @ts), updated_at = @at WHERE id = @id`,
    );
    this.setWatermark = db.prepare(
      `UPDATE metric_series SET complete_until = ?, updated_at = ? WHERE id = ?`,
    );
    this.insertGap = db.prepare(
      `INSERT INTO metric_gaps (series_id, from_ts, to_ts, reason) VALUES (?, ?, ?, ?)
       ON CONFLICT (series_id, from_ts) DO UPDATE SET to_ts = max(to_ts, excluded.to_ts), reason = excluded.reason`,
    );
  }

  /** The series row for (connection, metric, exact dimensions), created on first use. */
  ensureSeries(
    connectionId: string,
    metric: string,
    dimensions: Readonly<Record<string, string>>,
    periodSeconds: 60 | 300,
  ): SeriesRow {
    const key = dimensionsKey(dimensions);
    const sortedDims = Object.fromEntries(
      Object.keys(dimensions)
        .sort()
        .map((k) => [k, dimensions[k]]),
    );
    this.insertSeries.run(
      connectionId,
      metric,
      key,
      JSON.stringify(sortedDims),
      periodSeconds,
      new Date().toISOString(),
    );
    return toSeries(this.selectSeries.get(connectionId, metric, key) as RawSeriesRow);
  }

  findSeries(
    connectionId: string,
    metric: string,
    dimensions: Readonly<Record<string, string>>,
  ): SeriesRow | null {
    const row = this.selectSeries.get(connectionId, metric, dimensionsKey(dimensions)) as
      RawSeriesRow | undefined;
    return row === undefined ? null : toSeries(row);
  }

  listSeries(connectionId: string): SeriesRow[] {
    return (this.selectByConnection.all(connectionId) as RawSeriesRow[]).map(toSeries);
  }

  /** Upserts the points and moves the watermarks, all or nothing. */
  write(writes: readonly SeriesWrite[]): number {
    let written = 0;
    const at = new Date().toISOString();
    this.db.transaction(() => {
      for (const w of writes) {
        let earliest = Number.POSITIVE_INFINITY;
        for (const p of w.points) {
          this.upsertPoint.run(w.seriesId, p.ts, p.value);
          if (p.ts < earliest) earliest = p.ts;
        }
        written += w.points.length;
        if (w.points.length > 0) this.markWritten.run({ ts: earliest, at, id: w.seriesId });
        if (w.completeUntil !== undefined) this.setWatermark.run(w.completeUntil, at, w.seriesId);
      }
    })();
    return written;
  }

  /** Records [fromTs, toTs) as never collected and moves the watermark past it, in one transaction. */
  skipGap(seriesId: number, fromTs: number, toTs: number, reason: string): void {
    if (toTs <= fromTs) return;
    this.db.transaction(() => {
      this.insertGap.run(seriesId, fromTs, toTs, reason);
      this.setWatermark.run(toTs, new Date().toISOString(), seriesId);
    })();
  }
}
