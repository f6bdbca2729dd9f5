// The fingerprint's run history (queries.runs): elapsed and queue wait per run over the range, this
// run marked. Asks for no more points than the chart is wide.
import { useMemo } from 'react';
import type { QueryRuns } from '../../../../shared/model/fingerprint.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import type { ChartLook } from '../../charts/chartLook.ts';
import { TimeSeriesChart, type ChartPoint } from '../../charts/TimeSeriesChart.tsx';
import { useElementWidth } from '../../charts/useElementWidth.ts';
import { formatDurationTick } from '../../charts/formatAxis.ts';
import { formatDuration } from '../../time/formatTime.ts';
import { zoomRange } from '../../time/timeRange.ts';
import { runChartData } from './runChartData.ts';
import { useCall } from '../../hooks/useCall.ts';

const LOOK: ChartLook = {
  testId: testIds.queryDetail.runsChart,
  series: [
    { key: 'elapsed', label: 'Elapsed', color: 'var(--chart-1)', kind: 'line', dots: true },
    { key: 'queue', label: 'Queue wait', color: 'var(--chart-2)', kind: 'area' },
  ],
  height: 220,
  yLabel: 'duration',
  yFormat: formatDurationTick,
  tooltipFormat: formatDuration,
};

interface Props {
  connectionId: string;
  fingerprint: string;
  query: number;
  startTime: string;
}

export function RunHistoryChart({ connectionId, fingerprint, query, startTime }: Props) {
  const view = useView();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  // The chart spans the chosen range, widened to include this run if a link opened an older one.
  const runAt = Date.parse(startTime);
  const from = Math.min(view.resolved.from, runAt - 3_600_000);
  const to = Math.max(view.resolved.to, runAt + 3_600_000);
  const args = useMemo(
    () =>
      width === 0
        ? null
        : {
            connectionId,
            fingerprint,
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
            maxPoints: Math.min(4_000, Math.max(1, width)),
          },
    [connectionId, fingerprint, from, to, width],
  );
  const runs = useCall('queries.runs', args);
  const data = useMemo<ChartPoint[]>(() => runChartData(runs.data?.points ?? []), [runs.data]);
  const marks = useMemo(() => [{ t: runAt, label: 'this run' }], [runAt]);
  const emptyMessage = runs.error
    ? `The run history could not be read: ${runs.error}`
    : runs.data && runs.data.points.length === 0
      ? 'No run of this query in the range.'
      : null;

  return (
    <div ref={ref} className="qd-runs">
      <p className="muted small qd-runs-note">{summary(runs.data, query)}</p>
      <TimeSeriesChart
        {...LOOK}
        data={data}
        from={from}
        to={to}
        marks={marks}
        emptyMessage={emptyMessage}
        onZoom={(a, b) => view.setRange(zoomRange(a, b))}
      />
    </div>
  );
}

function summary(runs: QueryRuns | null, query: number): string {
  if (!runs) return 'Loading the run history…';
  const n = runs.points.length;
  const self = runs.points.find((p) => p.query === query);
  const base = runs.bucketed
    ? `${n} time buckets (the slowest run of each)`
    : `${n} ${n === 1 ? 'run' : 'runs'} of this query`;
  return self ? `${base}; this run took ${formatDuration(self.elapsedMs)}.` : `${base}.`;
}
