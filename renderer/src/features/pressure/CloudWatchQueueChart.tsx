import { useMemo } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import type { ChartFrame, ChartLook } from '../../charts/chartLook.ts';
import { TimeSeriesChart, type ChartPoint } from '../../charts/TimeSeriesChart.tsx';
import { usePolled } from '../../hooks/usePolled.ts';
import { cloudWatchPoints, hasValues, shortDuration } from './pressureModel.ts';

const LOOK: ChartLook = {
  testId: testIds.pressure.cloudWatchChart,
  series: [
    { key: 'length', label: 'WLMQueueLength (CloudWatch)', kind: 'line', color: 'var(--chart-4)' },
    {
      key: 'waitMs',
      label: 'WLMQueueWaitTime (CloudWatch)',
      kind: 'line',
      color: 'var(--chart-2)',
      yAxis: 'right',
    },
  ],
  height: 180,
  yLabel: 'queued',
  rightLabel: 'wait',
  rightFormat: shortDuration,
};

interface Props {
  connectionId: string;
  /** The queue's CloudWatch dimensions; null when this connection has no CloudWatch. */
  dimensions: Record<string, string> | null;
  /** The queue card's range, marks and zoom. */
  frame: ChartFrame;
  maxPoints: number;
}

/** CloudWatch's own view of the queue (REFERENCE 5.1: WLMQueueLength count, WLMQueueWaitTime ms). */
export function CloudWatchQueueChart({ connectionId, dimensions, frame, maxPoints }: Props) {
  const { from, to } = frame;
  const { call } = useApi();
  const request = dimensions === null ? null : JSON.stringify([from, to, maxPoints, dimensions]);
  const loaded = usePolled(
    request === null ? null : connectionId,
    async () => {
      if (dimensions === null) return null;
      const args = {
        connectionId,
        dimensions,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        maxPoints,
      };
      const [length, wait] = await Promise.all([
        call('metrics.series', { ...args, metric: 'WLMQueueLength' }),
        call('metrics.series', { ...args, metric: 'WLMQueueWaitTime' }),
      ]);
      return { length, wait };
    },
    { reload: request ?? '' },
  );
  const points = useMemo(
    () => (loaded.data ? cloudWatchPoints(loaded.data.length, loaded.data.wait) : []),
    [loaded.data],
  );

  if (dimensions === null) return null;
  const empty =
    loaded.error !== null
      ? `CloudWatch could not be read: ${loaded.error}`
      : loaded.data === null
        ? null
        : hasValues(points, ['length', 'waitMs'])
          ? null
          : 'CloudWatch has no queue metrics for this queue in this range.';
  return (
    <div>
      <h3 className="pressure-chart-title">CloudWatch: queue length and wait time</h3>
      <TimeSeriesChart {...LOOK} {...frame} data={points} emptyMessage={empty} />
      {empty === null && <CoverageNote points={points} from={from} />}
    </div>
  );
}

const DAY_MS = 86_400_000;

/**
 * A long range that CloudWatch covers only in part says why (issue #14): the store holds what the
 * collector read since it first saw this cluster, back to its 7-day first backfill; nothing older.
 */
function CoverageNote({ points, from }: { points: readonly ChartPoint[]; from: number }) {
  const first = points.find((p) => p.length != null)?.t;
  if (first === undefined || first - from < DAY_MS) return null;
  return (
    <p className="muted small" data-testid={testIds.pressureExtra.cloudWatchCoverage}>
      CloudWatch from {new Date(first).toISOString().slice(0, 10)} only: Nightshift keeps the CloudWatch
      points it has read, from 7 days before it first collected this cluster on; older ones were never read.
      The charts above come from the query history, which goes back further.
    </p>
  );
}
