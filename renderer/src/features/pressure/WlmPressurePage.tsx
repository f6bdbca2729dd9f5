import { useMemo, useState } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useView } from '../../app/ViewState.ts';
import { useElementWidth } from '../../charts/useElementWidth.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import { useWhyEmpty } from '../../components/useWhyEmpty.ts';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import { usePolled } from '../../hooks/usePolled.ts';
import { Button } from '../../components/Button.tsx';
import { configMarks, isIdle } from './pressureModel.ts';
import { QueuePressureCard } from './QueuePressureCard.tsx';
import { WlmConfigTable } from './WlmConfigTable.tsx';
import './pressure.css';

const ids = testIds.pressure;
/** The API never sends more points than this per series, whatever the screen. */
const MAX_POINTS = 4_000;

export function WlmPressurePage() {
  const { call } = useApi();
  const { connectionId, resolved, zone } = useView();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  // Never more points than pixels: the page's width bounds every chart's plot width.
  const maxPoints = Math.min(MAX_POINTS, Math.max(1, width));
  const whyEmpty = useWhyEmpty({ job: 'wlm_state' });
  const request = `${resolved.fromIso}|${resolved.toIso}|${maxPoints}`;
  const pressure = usePolled(
    width > 0 ? connectionId : null,
    () =>
      call('wlm.pressure', {
        connectionId: connectionId ?? '',
        from: resolved.fromIso,
        to: resolved.toIso,
        maxPoints,
      }),
    { reload: request },
  );
  const data = pressure.data;
  const marks = useMemo(() => configMarks(data?.configChanges ?? []), [data]);
  const loading = pressure.loading;
  // Queues where nothing ran or waited in the range fold away (the superuser queue, mostly), so the
  // first screen shows the queues under pressure (issue #14).
  const [showEmpty, setShowEmpty] = useState(false);
  const busy = useMemo(() => data?.queues.filter((q) => !isIdle(q)) ?? [], [data]);
  const idle = (data?.queues.length ?? 0) - busy.length;

  return (
    <Page
      className="pressure-page"
      testId={ids.page}
      title={
        <>
          WLM queue pressure
          {loading && data !== null && <span className="page-count">updating…</span>}
        </>
      }
      subtitle="Per queue: running statements against the configured slots, how many waited and for how long. Drag across a chart to zoom in."
    >
      <ErrorNotice error={pressure.error} testId={ids.error} what="Could not read WLM pressure" />

      <div ref={ref} className="pressure-body">
        {connectionId === null ? (
          <EmptyState testId={ids.empty} message={whyEmpty} />
        ) : data === null ? (
          pressure.error === null && <p className="muted">Loading WLM pressure…</p>
        ) : (
          <>
            {(data.configChanges.length > 0 || data.gaps.length > 0) && (
              <div className="panel pressure-notes" data-testid={ids.configChanges}>
                {data.configChanges.map((c, i) => (
                  <div key={`${c.at}-${i}`} className="pressure-change">
                    <span className="pressure-change-mark">WLM change {i + 1}</span>{' '}
                    <span className="mono">
                      {formatDateTime(c.at, zone)} {zoneLabel(zone)}
                    </span>
                    <ul>
                      {(c.summary.length > 0 ? c.summary : ['details unknown']).map((line, j) => (
                        <li key={j}>{line}</li>
                      ))}
                    </ul>
                  </div>
                ))}
                {data.gaps.map((g, i) => (
                  <div key={`gap-${g.from}-${i}`} className="pressure-gap muted">
                    Not sampled from {formatDateTime(g.from, zone)} to {formatDateTime(g.to, zone)} (
                    {zoneLabel(zone)}): {g.reason}
                  </div>
                ))}
              </div>
            )}
            {data.queues.length === 0 ? (
              <EmptyState testId={ids.empty} message={`No WLM queues to show: ${whyEmpty}`} />
            ) : (
              <>
                {(showEmpty ? data.queues : busy).map((q) => (
                  <QueuePressureCard
                    key={q.serviceClass}
                    connectionId={connectionId}
                    queue={q}
                    from={resolved.from}
                    to={resolved.to}
                    maxPoints={maxPoints}
                    marks={marks}
                    whyEmpty={whyEmpty}
                  />
                ))}
                {idle > 0 && (
                  <Button
                    look="quiet"
                    className="pressure-empty-toggle"
                    data-testid={testIds.pressureExtra.emptyToggle}
                    data-empty={idle}
                    aria-expanded={showEmpty}
                    onClick={() => setShowEmpty((s) => !s)}
                  >
                    {showEmpty
                      ? `Hide the ${idle === 1 ? 'empty queue' : `${idle} empty queues`}`
                      : `Show ${idle === 1 ? '1 empty queue' : `${idle} empty queues`} (nothing ran or waited in this range)`}
                  </Button>
                )}
              </>
            )}
            <h2 className="section-title">
              Current WLM configuration
              {data.configAt !== null && (
                <span className="faint small">
                  as of {formatDateTime(data.configAt, zone)} {zoneLabel(zone)}
                </span>
              )}
            </h2>
            {data.currentConfig === null ? (
              <EmptyState message="The WLM configuration has not been read from this connection yet." />
            ) : (
              <>
                <p className="muted small">
                  Short query acceleration:{' '}
                  {data.shortQueryAcceleration === null
                    ? 'unknown'
                    : data.shortQueryAcceleration
                      ? 'on'
                      : 'off'}
                </p>
                <WlmConfigTable rows={data.currentConfig} />
              </>
            )}
          </>
        )}
      </div>
    </Page>
  );
}
