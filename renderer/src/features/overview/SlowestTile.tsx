import type { QueryRow } from '../../../../shared/model/query.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDuration } from '../../time/formatTime.ts';
import { HiddenNotice } from '../lists/HiddenNotice.tsx';
import { slowQueriesLink, Tile } from './Tile.tsx';

const SLOWEST_FEEDS = ['query_history'] as const;

const ids = testIds.overview;

interface Props {
  connectionId: string;
  rows: readonly QueryRow[];
  /** Left out by the connection's hidden patterns (issue #14). */
  hidden: number;
  showHidden: boolean;
  onShowHidden: (show: boolean) => void;
}

/** The slowest queries that started in the last hour; each opens its detail. */
export function SlowestTile({ connectionId, rows, hidden, showHidden, onShowHidden }: Props) {
  const { linkTo } = useView();
  return (
    <Tile
      title="Slowest in the last hour"
      {...slowQueriesLink('1h')}
      testId={ids.slowest}
      feeds={SLOWEST_FEEDS}
      wide
    >
      <HiddenNotice
        connectionId={connectionId}
        list="slowest"
        hidden={hidden}
        showing={showHidden}
        onShowingChange={onShowHidden}
      />
      {rows.length === 0 ? (
        <p className="muted ov-none">
          {hidden > 0 ? 'Every query of the last hour is hidden.' : 'No query started in the last hour.'}
        </p>
      ) : (
        <ul className="ov-list">
          {rows.map((r) => (
            <li key={`${r.query}-${r.startTime}`} data-testid={ids.slowRow} data-query={r.query}>
              <a className="ov-item-link" href={linkTo('query', { q: r.query, t: r.startTime })}>
                <span className="ov-item-head">
                  <span className="ov-duration">{formatDuration(r.elapsedMs)}</span>
                  <span className="faint small">
                    {r.queueMs > 0 ? `queued ${formatDuration(r.queueMs)} · ` : ''}
                    {r.queueName ?? (r.serviceClass === null ? 'queue unknown' : `sc ${r.serviceClass}`)}
                    {r.aborted ? ' · aborted' : ''}
                  </span>
                </span>
                <span className="ov-item-sub">
                  <span className="mono">#{r.query}</span>
                  {r.userName !== null && <span className="ov-user"> {r.userName}</span>}
                  <span className="ov-preview mono">{r.textPreview}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}
