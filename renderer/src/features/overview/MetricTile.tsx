import { useMemo } from 'react';
import type { OverviewMetric } from '../../../../shared/model/overview.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useView } from '../../app/ViewState.ts';
import { Sparkline } from '../../charts/Sparkline.tsx';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import { usePolled } from '../../hooks/usePolled.ts';
import type { MetricTileDef } from './overviewModel.ts';
import { Tile } from './Tile.tsx';
import { useFeedState } from './useFeedState.ts';

const METRIC_FEEDS = ['metrics'] as const;

const SPARK_WIDTH = 150;
const SPARK_HOURS = 6;
/** CloudWatch metrics arrive every minute or so; the trend is re-read at this pace. */
const SPARK_REFRESH_MS = 60_000;

interface Props {
  connectionId: string;
  def: MetricTileDef;
  latest: OverviewMetric | undefined;
  /** Cluster-level CloudWatch dimensions; null when this connection has no CloudWatch. */
  dimensions: Record<string, string> | null;
  /** Sessions open at the last live poll: said beside DatabaseConnections, which lags (issue #14). */
  sessionsNow?: number | null;
}

/** A CloudWatch value: the latest one, and its trend over the last 6 hours. */
export function MetricTile({ connectionId, def, latest, dimensions, sessionsNow = null }: Props) {
  const { call } = useApi();
  const { zone, resolved } = useView();
  const dimsKey = dimensions === null ? null : JSON.stringify(dimensions);
  const trend = usePolled(
    dimsKey === null ? null : `${connectionId}|${def.metric}|${dimsKey}`,
    () => {
      const to = Date.now();
      return call('metrics.series', {
        connectionId,
        metric: def.metric,
        dimensions: dimensions ?? {},
        from: new Date(to - SPARK_HOURS * 3_600_000).toISOString(),
        to: new Date(to).toISOString(),
        maxPoints: SPARK_WIDTH,
      });
    },
    { everyMs: SPARK_REFRESH_MS, reload: resolved.toIso },
  );
  const values = useMemo(() => trend.data?.points.map((p) => p.v) ?? [], [trend.data]);
  const value = latest?.value ?? null;
  const feed = useFeedState('metrics');

  return (
    <Tile
      title={def.title}
      target={def.target}
      linkText={def.target === 'live' ? 'Live activity' : 'Connections'}
      testId={testIds.overview.metric}
      feeds={METRIC_FEEDS}
      extra={{ metric: def.metric }}
    >
      {dimensions === null ? (
        <p className="muted ov-none">
          {feed === 'skipped'
            ? 'No CloudWatch for this connection.'
            : feed === 'failing'
              ? 'CloudWatch could not be read.'
              : 'No CloudWatch data read yet.'}
        </p>
      ) : (
        <>
          <div className="ov-figure" data-testid={testIds.overview.metricValue}>
            {value === null ? '–' : def.format(value)}
          </div>
          <div className="ov-spark">
            <Sparkline
              values={values}
              width={SPARK_WIDTH}
              height={28}
              label={`${def.title}, last ${SPARK_HOURS} hours`}
            />
            <span className="faint small">last {SPARK_HOURS} h</span>
          </div>
          <p className="faint small ov-at">
            {latest?.at == null
              ? 'Nothing collected yet.'
              : `at ${formatDateTime(latest.at, zone)} ${zoneLabel(zone)}`}
            {trend.error !== null && ` · trend unavailable: ${trend.error}`}
          </p>
          {sessionsNow !== null && (
            <p className="faint small" data-testid={testIds.agree.sessionsNow}>
              {sessionsNow} {sessionsNow === 1 ? 'session' : 'sessions'} open now in live activity
              {value !== null && value !== sessionsNow && (
                <> · CloudWatch averages its period and arrives minutes late, so the two differ</>
              )}
            </p>
          )}
        </>
      )}
    </Tile>
  );
}
