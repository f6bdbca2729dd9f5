import type { Overview } from '../../../../shared/model/overview.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import type { FeedState } from './feedState.ts';
import { healthOf, metricOf } from './overviewModel.ts';
import { Tile } from './Tile.tsx';
import { useFeedState } from './useFeedState.ts';

const UNKNOWN_CLUSTER_STATUS: Record<FeedState, string> = {
  skipped: 'no Redshift API for this connection',
  failing: 'unknown (the Redshift API is not reachable)',
  'not-read-yet': 'not read yet',
  read: 'unknown',
};
const NO_PROBE: Record<FeedState, string> = {
  skipped: 'no CloudWatch for this connection',
  failing: 'unknown (CloudWatch could not be read)',
  'not-read-yet': 'not read yet',
  read: 'nothing collected yet',
};

/** DescribeClusters and CloudWatch's health probe. */
const HEALTH_FEEDS = ['cluster', 'metrics'] as const;

const ids = testIds.overview;

/** The cluster's status (DescribeClusters) and CloudWatch's health probe. */
export function HealthTile({ overview }: { overview: Overview }) {
  const { zone } = useView();
  const probe = metricOf(overview.metrics, 'HealthStatus');
  const health = healthOf(overview.clusterStatus, probe?.value ?? null);
  const clusterFeed = useFeedState('cluster');
  const metricsFeed = useFeedState('metrics');
  return (
    <Tile
      title="Health"
      target="connections"
      linkText="Connections"
      testId={ids.health}
      tone={health.tone}
      feeds={HEALTH_FEEDS}
    >
      <div className="ov-figure">
        <span className={`tone-dot tone-dot-${health.tone}`} aria-hidden="true" />
        {health.text}
      </div>
      <p className="small ov-line" data-testid={ids.clusterStatus}>
        Cluster status:{' '}
        {overview.clusterStatus ?? <span className="faint">{UNKNOWN_CLUSTER_STATUS[clusterFeed]}</span>}
      </p>
      <p className="small ov-line">
        Health probe:{' '}
        {probe?.value == null ? (
          <span className="faint">{NO_PROBE[metricsFeed]}</span>
        ) : (
          <>
            {probe.value >= 1 ? 'healthy' : 'unhealthy'}
            {probe.at !== null && (
              <span className="faint">
                {' '}
                at {formatDateTime(probe.at, zone)} {zoneLabel(zone)}
              </span>
            )}
          </>
        )}
      </p>
    </Tile>
  );
}
