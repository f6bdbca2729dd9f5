import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { useView } from '../../app/ViewState.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import { useCollectorStatus } from '../collector/useCollectorStatus.ts';
import { usePolledWithHidden } from '../lists/usePolledWithHidden.ts';
import { AlertsTile } from './AlertsTile.tsx';
import { BatchTile } from './BatchTile.tsx';
import { CollectorTile } from './CollectorTile.tsx';
import { HealthTile } from './HealthTile.tsx';
import { MetricTile } from './MetricTile.tsx';
import { NewlySlowTile } from './NewlySlowTile.tsx';
import { METRIC_TILES, metricOf } from './overviewModel.ts';
import { QueuesTile } from './QueuesTile.tsx';
import { SlowestTile } from './SlowestTile.tsx';
import './overview.css';

const ids = testIds.overview;
/** The store changes with every collector poll; the overview follows at this pace (and on Refresh). */
const REFRESH_MS = 10_000;

export function OverviewPage() {
  const { call } = useApi();
  const { connectionId, resolved } = useView();
  const { connections } = useAppState();
  // A job's first success ever on this connection (a first start) is read at once, not at the next
  // refresh: the live queues show as soon as they are collected (issue #14).
  const collected =
    useCollectorStatus()
      .status?.connections.find((c) => c.connectionId === connectionId)
      ?.jobs.filter((j) => j.lastSuccessAt !== null)
      .map((j) => j.job)
      .join(',') ?? '';
  // The slowest list's "show" of the statements hidden by pattern (issue #14).
  const overview = usePolledWithHidden(
    connectionId,
    (showHidden) => call('overview.get', { connectionId: connectionId ?? '', showHidden }),
    REFRESH_MS,
    `${resolved.toIso}|${collected}`,
  );
  const name = connections.list?.find((c) => c.id === connectionId)?.name ?? null;
  const data = overview.data;

  return (
    <Page
      className="overview-page"
      testId={ids.page}
      title="Overview"
      subtitle={name === null ? 'What the cluster is doing now.' : <>What {name} is doing now.</>}
    >
      <ErrorNotice
        error={overview.error}
        testId={ids.error}
        what="Could not read the overview"
        stale={data !== null}
      />
      {connectionId === null ? (
        <EmptyState message="No connection yet: add one on the Connections page." />
      ) : data === null ? (
        overview.error === null && <p className="muted">Loading the overview…</p>
      ) : (
        <div className="ov-grid">
          <HealthTile overview={data} />
          {METRIC_TILES.map((def) => (
            <MetricTile
              key={def.metric}
              connectionId={connectionId}
              def={def}
              latest={metricOf(data.metrics, def.metric)}
              dimensions={data.cloudWatchDimensions}
              sessionsNow={
                def.metric === 'DatabaseConnections' && data.livePolledAt !== null ? data.liveSessions : null
              }
            />
          ))}
          <QueuesTile overview={data} />
          <CollectorTile connectionId={connectionId} />
          <AlertsTile alerts={data.alerts} />
          <NewlySlowTile connectionId={connectionId} />
          <SlowestTile
            connectionId={connectionId}
            rows={data.slowest}
            hidden={data.slowestHidden}
            showHidden={overview.showHidden}
            onShowHidden={overview.setShowHidden}
          />
          <BatchTile connectionId={connectionId} />
        </div>
      )}
    </Page>
  );
}
