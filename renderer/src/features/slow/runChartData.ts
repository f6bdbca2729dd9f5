// Runs of a fingerprint as chart points: elapsed and queue wait per run, in milliseconds. Pure.
import type { QueryRunPoint } from '../../../../shared/model/fingerprint.ts';
import type { ChartPoint } from '../../charts/TimeSeriesChart.tsx';

export function runChartData(points: readonly QueryRunPoint[]): ChartPoint[] {
  return [...points]
    .sort((a, b) => a.t - b.t)
    .map((p) => ({ t: p.t, elapsed: p.elapsedMs, queue: p.queueMs }));
}
