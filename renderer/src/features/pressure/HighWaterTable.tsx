import type { QueuePressure } from '../../../../shared/model/pressure.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import { TableHead } from '../../components/TableHead.tsx';

const ids = testIds.pressure;

/**
 * The slot high-water mark per hour (per day on long ranges) as a bar strip (height = share of the
 * configured slots, hot when statements queued) and, unfolded, as a table with the numbers.
 */
export function HighWaterTable({ queue: q }: { queue: QueuePressure }) {
  const { zone } = useView();
  const per = q.highWaterBucketSeconds >= 86_400 ? 'day' : 'hour';
  if (q.highWater.length === 0) {
    return <p className="muted small">No slot high-water marks in this range (no WLM samples).</p>;
  }
  const top = Math.max(1, q.configuredSlots ?? 0, ...q.highWater.map((h) => h.running));
  const queuedBuckets = q.highWater.filter((h) => h.queued > 0).length;
  const peak = Math.max(...q.highWater.map((h) => h.running));
  const chartBuckets = queuedBucketCount(q.points, q.highWaterBucketSeconds * 1000);
  return (
    <details className="pressure-high-water" data-testid={ids.highWater}>
      <summary>
        Slot high-water per {per} (WLM samples from {formatDateTime(q.highWater[0]!.t, zone).slice(0, 10)}):
        peak {peak}
        {q.configuredSlots !== null && q.configuredSlots > 0 ? ` of ${q.configuredSlots}` : ''}
        {queuedBuckets > 0
          ? `, statements queued in ${countOf(queuedBuckets, per)} of ${countOf(q.highWater.length, per)} sampled`
          : ', nothing queued while sampled'}
        {/* The charts also draw the query history, which reaches back before the samples. */}
        {chartBuckets > queuedBuckets && `; in the charts (query history too): ${countOf(chartBuckets, per)}`}
        <span className="hw-strip" aria-hidden="true">
          {q.highWater.map((h) => (
            <span
              key={h.t}
              className={`hw-bar${h.queued > 0 ? ' hw-bar-hot' : ''}`}
              style={{ height: `${Math.max(4, Math.round((h.running / top) * 100))}%` }}
            />
          ))}
        </span>
      </summary>
      <div className="table-wrap hw-table-wrap">
        <table className="table hw-table">
          <TableHead
            columns={[
              `${per === 'day' ? 'Day' : 'Hour'} (${zoneLabel(zone)})`,
              { label: 'Peak running', num: true },
              { label: 'Peak queued', num: true },
            ]}
          />
          <tbody>
            {[...q.highWater].reverse().map((h) => (
              <tr
                key={h.t}
                data-testid={ids.highWaterRow}
                data-queued={h.queued}
                className={h.queued > 0 ? 'hw-row-hot' : undefined}
              >
                <td className="mono">{formatDateTime(h.t, zone).slice(0, per === 'day' ? 10 : 16)}</td>
                <td className="num">{h.running}</td>
                <td className="num">{h.queued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const countOf = (n: number, per: string) => `${n} ${n === 1 ? per : `${per}s`}`;

/** In how many buckets of this size (hours or days) the chart's points show statements queued. */
function queuedBucketCount(points: QueuePressure['points'], bucketMs: number): number {
  const buckets = new Set<number>();
  for (const p of points) if ((p.queued ?? 0) > 0) buckets.add(Math.floor(p.t / bucketMs));
  return buckets.size;
}
