// The month-start view (#/batch-month?months=N&metric=M, issue #10): x = day of month, one line per
// month (this month and the previous ones) for the batch finish, statements, execution hours, queue
// wait p95 per queue or CPU; per month days 1-3 against the rest; the jobs that run only at month
// start; and the next month-start's forecast in plain words.
import { useMemo } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useHashParams } from '../../app/useHashPage.ts';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useCall } from '../../hooks/useCall.ts';
import { clockOf } from './batchModel.ts';
import { DAY_TICKS, dayOfMonth, MONTH_METRICS, monthLines, times } from './batchViewsModel.ts';
import { BatchPage } from './BatchPage.tsx';
import './batches.css';

const ids = testIds.batches;
const MONTHS = [2, 3, 4, 6, 12] as const;
const X_AXIS = { ticks: DAY_TICKS, format: dayOfMonth, label: 'Day of month (night ending that day)' };
const plain = (v: number) => (Math.abs(v) >= 100 ? String(Math.round(v)) : v.toFixed(1));
const minutes = (v: number) => `${v.toFixed(1)} min`;

export function BatchMonthPage() {
  const view = useView();
  const params = useHashParams();
  const connectionId = view.connectionId;
  const months = MONTHS.find((m) => m === Number(params.get('months'))) ?? 4;
  const metric = params.get('metric') ?? 'finish';
  const args = useMemo(
    () => (connectionId === null ? null : { connectionId, months }),
    [connectionId, months],
  );
  const call = useCall('batches.monthStart', args);
  const m = call.data;
  const lines = useMemo(() => (m === null ? null : monthLines(m, metric)), [m, metric]);
  const metrics = useMemo(
    () => [
      ...MONTH_METRICS.filter((x) => x.id !== 'cpu' || m?.hasCpu === true),
      ...(m?.queues ?? []).map((q) => ({ id: `queue:${q}`, label: `Queue wait p95: ${q}` })),
    ],
    [m],
  );
  const go = (p: { months?: number; metric?: string }) => {
    window.location.hash = view.linkTo('batch-month', {
      months: p.months ?? months,
      metric: p.metric ?? metric,
    });
  };
  const yFormat = metric === 'finish' ? clockOf : metric.startsWith('queue:') ? minutes : plain;
  const referenceY = useMemo(() => {
    if (metric !== 'finish' || !m?.sla) return [];
    return [{ y: Number(m.sla.slice(0, 2)) * 60 + Number(m.sla.slice(3, 5)), label: `SLA ${m.sla}` }];
  }, [m, metric]);
  return (
    <BatchPage view="batch-month" error={call.error}>
      <div className="batches-night-head">
        <label>
          Months{' '}
          <select
            data-testid={ids.monthMonths}
            value={months}
            onChange={(e) => go({ months: Number(e.target.value) })}
          >
            {MONTHS.map((n) => (
              <option key={n} value={n}>
                this and the previous {n - 1}
              </option>
            ))}
          </select>
        </label>
        <label>
          Show{' '}
          <select
            data-testid={ids.monthMetric}
            value={metric}
            onChange={(e) => go({ metric: e.target.value })}
          >
            {metrics.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {m === null || lines === null ? (
        call.error === null && <p className="muted">Loading the months…</p>
      ) : m.months.every((x) => x.days.length === 0) ? (
        <EmptyState testId={ids.empty} message="No batch nights are stored yet." />
      ) : (
        <>
          {m.forecast && (
            <p className="batches-story" data-testid={ids.monthForecast}>
              {m.forecast.verdict}
            </p>
          )}
          <TimeSeriesChart
            testId={ids.monthChart}
            data={lines.data}
            series={lines.series}
            from={1}
            to={31}
            height={300}
            yLabel={
              metric === 'finish'
                ? `Finish (${m.timeZone})`
                : (metrics.find((x) => x.id === metric)?.label ?? '')
            }
            yFormat={yFormat}
            referenceY={referenceY}
            xAxis={X_AXIS}
          />
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col">Statements, days 1–3 vs rest</th>
                  <th scope="col">Execution hours</th>
                  <th scope="col">Queue wait</th>
                  <th scope="col">Month-start finish</th>
                  <th scope="col">Jobs only at month start</th>
                </tr>
              </thead>
              <tbody>
                {m.months.map((x) => (
                  <tr key={x.month} data-testid={ids.monthRow} data-month={x.month}>
                    <th scope="row">{x.month}</th>
                    <td>{times(x.ratios.statements)}</td>
                    <td>{times(x.ratios.execHours)}</td>
                    <td>{times(x.ratios.queueWait)}</td>
                    <td>{x.monthStartFinish === null ? '—' : clockOf(x.monthStartFinish)}</td>
                    <td className="mono">{x.onlyAtMonthStart.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </BatchPage>
  );
}
