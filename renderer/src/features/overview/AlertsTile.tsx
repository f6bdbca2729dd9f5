import type { OverviewAlert } from '../../../../shared/model/overview.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import { slowQueriesLink, Tile } from './Tile.tsx';
import { useFeedState } from './useFeedState.ts';

const ALERT_FEEDS = ['alerts'] as const;

const ids = testIds.overview;

/** The optimizer's most recent alerts (last 24 h): what it saw, on which query; each opens the query. */
export function AlertsTile({ alerts }: { alerts: readonly OverviewAlert[] }) {
  const { zone, linkTo } = useView();
  const feed = useFeedState('alerts');
  // "No alerts" is an all-clear only once the alerts were read.
  const read = feed === 'read';
  return (
    <Tile
      title="Recent alerts"
      {...slowQueriesLink('24h')}
      testId={ids.alerts}
      feeds={ALERT_FEEDS}
      tone={alerts.length > 0 ? 'warn' : read ? 'ok' : 'idle'}
      wide
    >
      {alerts.length === 0 ? (
        <p className="muted ov-none">
          {read
            ? 'No optimizer alerts in the last 24 hours.'
            : feed === 'skipped'
              ? 'Optimizer alerts are not collected on this connection.'
              : 'Optimizer alerts not read yet.'}
        </p>
      ) : (
        <ul className="ov-list">
          {alerts.map((a) => (
            <li key={`${a.query}-${a.event}-${a.eventTime}`} data-testid={ids.alertRow} data-query={a.query}>
              <a className="ov-item-link" href={linkTo('query', { q: a.query })}>
                <span className="ov-item-head">
                  <span className="ov-event">{a.event.trim()}</span>
                  <span className="faint small mono">
                    {formatDateTime(a.eventTime, zone)} {zoneLabel(zone)}
                  </span>
                </span>
                <span className="ov-item-sub">
                  <span className="mono">#{a.query}</span>
                  {a.userName !== null && <span className="ov-user"> {a.userName}</span>}
                  {a.textPreview !== null && <span className="ov-preview mono">{a.textPreview}</span>}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}
