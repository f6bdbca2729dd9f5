// Per-job drift and SLAs (#/batch-jobs?nights=N&job=LABEL, issue #10): every job by its share of the
// batch's growth with its duration, queue-wait and execution trends and SLA misses; one job's nights
// in detail (duration split into queue wait and execution, its trend, its end against its SLA).
import { useMemo, useState } from 'react';
import type { BatchJobDetail } from '../../../../shared/model/batchViews.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useHashParams } from '../../app/useHashPage.ts';
import type { ChartLook } from '../../charts/chartLook.ts';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useCall } from '../../hooks/useCall.ts';
import { formatDuration } from '../../time/formatTime.ts';
import { clockOf, nightSpan } from './batchModel.ts';
import { jobPoints, perNight } from './batchViewsModel.ts';
import { BatchPage } from './BatchPage.tsx';
import { JobSlaForm } from './JobSlaForm.tsx';
import { NIGHT_RANGES, RangeSelect } from './NightSelects.tsx';
import './batches.css';

const ids = testIds.batches;
const minutes = (v: number) => `${Math.round(v)} min`;
const DURATION_LOOK: ChartLook = {
  testId: ids.jobChart,
  series: [
    { key: 'duration', label: 'Duration', color: 'var(--chart-1)', dots: true },
    {
      key: 'monthStart',
      label: 'Duration (month start, not in the fit)',
      color: 'var(--chart-3)',
      dots: true,
    },
    { key: 'queue', label: 'Queue wait (summed)', color: 'var(--chart-4)' },
    { key: 'exec', label: 'Execution (summed)', color: 'var(--chart-5)' },
    { key: 'trend', label: 'Trend (Theil–Sen)', color: 'var(--chart-2)' },
  ],
  height: 260,
  yLabel: 'Minutes',
  yFormat: minutes,
};
const END_LOOK: ChartLook = {
  testId: ids.jobEndChart,
  series: [{ key: 'end', label: 'End', color: 'var(--chart-1)', dots: true }],
  height: 200,
  yLabel: 'End (business time zone)',
  yFormat: clockOf,
};

export function BatchJobsPage() {
  const view = useView();
  const params = useHashParams();
  const connectionId = view.connectionId;
  const nights = NIGHT_RANGES.find((r) => r === Number(params.get('nights'))) ?? 90;
  const job = params.get('job') ?? undefined;
  const [saved, setSaved] = useState(0);
  const args = useMemo(
    () => (connectionId === null ? null : { connectionId, nights, ...(job ? { label: job } : {}) }),
    [connectionId, nights, job],
  );
  const call = useCall('batches.jobDrift', args, saved);
  const d = call.data;
  const go = (p: { nights?: number; job?: string }) => {
    window.location.hash = view.linkTo('batch-jobs', { nights: p.nights ?? nights, job: p.job ?? job });
  };
  return (
    <BatchPage view="batch-jobs" night={d?.to ?? undefined} error={call.error}>
      <label>
        Range <RangeSelect testId={ids.jobsRange} value={nights} onChange={(r) => go({ nights: r })} />
      </label>
      {d === null ? (
        call.error === null && <p className="muted">Loading the jobs…</p>
      ) : d.jobs.length === 0 ? (
        <EmptyState testId={ids.empty} message={d.summary} />
      ) : (
        <>
          <p className="batches-story" data-testid={ids.jobsSummary}>
            {d.summary}
          </p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Share of growth</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Queue wait</th>
                  <th scope="col">Execution</th>
                  <th scope="col">Growth is</th>
                  <th scope="col">Last duration</th>
                  <th scope="col">SLA</th>
                </tr>
              </thead>
              <tbody>
                {d.jobs.map((j) => (
                  <tr
                    key={j.label}
                    data-testid={ids.jobDriftRow}
                    data-label={j.label}
                    aria-selected={j.label === job}
                  >
                    <td className="mono">
                      <a
                        data-testid={ids.jobsLink}
                        href={view.linkTo('batch-jobs', { nights, job: j.label })}
                      >
                        {j.label}
                      </a>
                    </td>
                    <td>{j.shareOfGrowth === null ? '—' : `${Math.round(j.shareOfGrowth * 100)} %`}</td>
                    <td>{perNight(j.durationPerNight)}</td>
                    <td>{perNight(j.queuePerNight)}</td>
                    <td>{perNight(j.execPerNight)}</td>
                    <td>{j.growth}</td>
                    <td>{formatDuration(j.lastDurationMs)}</td>
                    <td>{j.sla === null ? '—' : `${j.sla} (missed ${j.slaMissed} of ${j.nights})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.detail !== null && connectionId !== null && (
            // Keyed on the job only: a saved SLA reloads the detail, and a remount would wipe the
            // form's "Saved" note the moment it appears (the e2e test saw it vanish under load).
            <JobDetail
              key={d.detail.label}
              connectionId={connectionId}
              detail={d.detail}
              from={d.from}
              to={d.to}
              onSaved={() => setSaved((s) => s + 1)}
            />
          )}
        </>
      )}
    </BatchPage>
  );
}

function JobDetail(props: {
  connectionId: string;
  detail: BatchJobDetail;
  from: string | null;
  to: string | null;
  onSaved(): void;
}) {
  const { detail } = props;
  const data = useMemo(() => jobPoints(detail), [detail]);
  const sla = useMemo(() => {
    if (detail.sla === null) return [];
    const m = Number(detail.sla.slice(0, 2)) * 60 + Number(detail.sla.slice(3, 5));
    return [{ y: m, label: `SLA ${detail.sla}` }];
  }, [detail]);
  const span = nightSpan(props.from, props.to);
  return (
    <div data-testid={ids.jobDetail} data-label={detail.label}>
      <h2 className="batches-h2">
        <span className="mono">{detail.label}</span> night by night
      </h2>
      <p className="batches-story" data-testid={ids.jobSummary}>
        {detail.summary}
      </p>
      <TimeSeriesChart {...DURATION_LOOK} {...span} data={data} />
      <h3>End against its SLA</h3>
      <TimeSeriesChart {...END_LOOK} {...span} data={data} referenceY={sla} />
      <JobSlaForm
        connectionId={props.connectionId}
        label={detail.label}
        sla={detail.sla}
        onSaved={props.onSaved}
      />
    </div>
  );
}
