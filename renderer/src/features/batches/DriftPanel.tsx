// The batch's finish night after night: finish times (month-start nights drawn apart, out of the fit),
// the SLA line, the Theil-Sen trend, and the forecast in words.
import { useMemo } from 'react';
import type { BatchDrift } from '../../../../shared/model/batch.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { TimeSeriesChart, type SeriesDef } from '../../charts/TimeSeriesChart.tsx';
import { clockOf, driftPoints, nightSpan } from './batchModel.ts';

const ids = testIds.batches;
const SERIES: readonly SeriesDef[] = [
  { key: 'finish', label: 'Finish', color: 'var(--chart-1)', dots: true },
  { key: 'monthStart', label: 'Finish (month start, not in the fit)', color: 'var(--chart-3)', dots: true },
  { key: 'trend', label: 'Trend (Theil–Sen)', color: 'var(--chart-2)' },
];

export function DriftPanel({ drift }: { drift: BatchDrift }) {
  const data = useMemo(() => driftPoints(drift), [drift]);
  const referenceY = useMemo(
    () => (drift.sla ? [{ y: drift.sla.minutes, label: `SLA ${drift.sla.clock}` }] : []),
    [drift],
  );
  const span = nightSpan(drift.from, drift.to);
  return (
    <div data-testid={ids.drift}>
      <p className="batches-summary" data-testid={ids.driftSummary}>
        {drift.summary}
      </p>
      <TimeSeriesChart
        testId={ids.driftChart}
        {...span}
        data={data}
        series={SERIES}
        height={260}
        yLabel={`Finish (${drift.timeZone})`}
        yFormat={clockOf}
        referenceY={referenceY}
        {...(data.length === 0 ? { emptyMessage: 'No batch nights in this range.' } : {})}
      />
    </div>
  );
}
