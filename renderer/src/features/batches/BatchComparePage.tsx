// Two nights side by side (#/batch-compare?night=YYYY-MM-DD&other=YYYY-MM-DD, issue #10): per job its
// start, end, duration, queue wait and statements on each night, by who moved the finish most; jobs
// that appeared or disappeared; jobs new in the last 30 nights. Labels render as text.
import { useMemo } from 'react';
import type { BatchCompareJob, BatchCompareSide } from '../../../../shared/model/batchViews.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useHashParams } from '../../app/useHashPage.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useCall } from '../../hooks/useCall.ts';
import { formatDuration } from '../../time/formatTime.ts';
import { BatchPage } from './BatchPage.tsx';
import { NightSelect } from './NightSelects.tsx';
import './batches.css';

const ids = testIds.batches;
const dateOrUndefined = (v: string | null) => (v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
const signedMin = (m: number | null) =>
  m === null ? '' : `${m > 0 ? '+' : m < 0 ? '−' : '±'}${Math.abs(m)} min`;
const signedMs = (ms: number | null) =>
  ms === null ? '' : `${ms > 0 ? '+' : ms < 0 ? '−' : '±'}${formatDuration(Math.abs(ms))}`;

function pair(a: BatchCompareSide | null, b: BatchCompareSide | null, f: (s: BatchCompareSide) => string) {
  return (
    <>
      <td>{a ? f(a) : '—'}</td>
      <td className="muted">{b ? f(b) : '—'}</td>
    </>
  );
}

export function BatchComparePage() {
  const view = useView();
  const params = useHashParams();
  const connectionId = view.connectionId;
  const night = dateOrUndefined(params.get('night'));
  const other = dateOrUndefined(params.get('other'));
  const args = useMemo(
    () =>
      connectionId === null
        ? null
        : { connectionId, ...(night ? { night } : {}), ...(other ? { other } : {}) },
    [connectionId, night, other],
  );
  const call = useCall('batches.compare', args);
  const c = call.data;
  const go = (p: { night?: string | undefined; other?: string | undefined }) => {
    window.location.hash = view.linkTo('batch-compare', {
      night: p.night ?? c?.night ?? undefined,
      other: p.other ?? c?.other ?? undefined,
    });
  };
  return (
    <BatchPage view="batch-compare" night={c?.night ?? night} error={call.error}>
      {c === null ? (
        call.error === null && <p className="muted">Loading the nights…</p>
      ) : c.night === null ? (
        <EmptyState testId={ids.empty} message={c.summary} />
      ) : (
        <>
          <div className="batches-night-head">
            <label>
              Night{' '}
              <NightSelect
                testId={ids.compareNight}
                value={c.night}
                nights={c.nights}
                onChange={(d) => go({ night: d })}
              />
            </label>
            <label>
              against{' '}
              <NightSelect
                testId={ids.compareOther}
                value={c.other ?? ''}
                nights={c.nights}
                onChange={(d) => go({ other: d })}
              />
            </label>
            <span className="batches-finish">
              Finished {c.finish.night ?? '—'} vs {c.finish.other ?? '—'} ({c.timeZone})
            </span>
          </div>
          <p className="batches-story" data-testid={ids.compareSummary}>
            {c.summary}
          </p>
          <div className="table-wrap">
            <table className="table batches-compare">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">End moved</th>
                  <th scope="col">Start {c.night}</th>
                  <th scope="col">{c.other}</th>
                  <th scope="col">End {c.night}</th>
                  <th scope="col">{c.other}</th>
                  <th scope="col">Duration {c.night}</th>
                  <th scope="col">{c.other}</th>
                  <th scope="col">Queue wait {c.night}</th>
                  <th scope="col">{c.other}</th>
                  <th scope="col">Statements {c.night}</th>
                  <th scope="col">{c.other}</th>
                </tr>
              </thead>
              <tbody>
                {c.jobs.map((j: BatchCompareJob) => (
                  <tr
                    key={j.label}
                    data-testid={ids.compareRow}
                    data-label={j.label}
                    data-presence={j.presence}
                    data-new={j.isNew ? 'yes' : 'no'}
                  >
                    <td className="mono">
                      <a href={view.linkTo('batch-jobs', { job: j.label })}>{j.label}</a>
                      {j.presence === 'appeared' && (
                        <span className="badge badge-warn">only on {c.night}</span>
                      )}
                      {j.presence === 'disappeared' && <span className="badge">only on {c.other}</span>}
                      {j.isNew && <span className="badge badge-warn">new</span>}
                    </td>
                    <td>
                      {signedMin(j.endShiftMinutes)}
                      {j.durationDeltaMs !== null && (
                        <span className="muted small"> (duration {signedMs(j.durationDeltaMs)})</span>
                      )}
                    </td>
                    {pair(j.night, j.other, (s) => s.startClock)}
                    {pair(j.night, j.other, (s) => s.endClock)}
                    {pair(j.night, j.other, (s) => formatDuration(s.durationMs))}
                    {pair(j.night, j.other, (s) => formatDuration(s.queueMs))}
                    {pair(j.night, j.other, (s) => String(s.statements))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 className="batches-h2">New jobs in the last 30 nights</h2>
          {c.newJobs.length === 0 ? (
            <p className="muted" data-testid={ids.compareNew}>
              No job is new: every job of {c.night} ran before the last 30 nights (or is a month-start job).
            </p>
          ) : (
            <ul data-testid={ids.compareNew}>
              {c.newJobs.map((j) => (
                <li key={j.label}>
                  <span className="mono">{j.label}</span>{' '}
                  <span className="muted">first ran {j.firstNight}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </BatchPage>
  );
}
