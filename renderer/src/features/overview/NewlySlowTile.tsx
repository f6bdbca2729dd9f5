// The overview's "Newly slow" tile (issue #14): the fingerprints whose last 24 hours run much slower
// than their 14-night baseline (the slow queries view's rule), so the on-call engineer sees a
// regression without opening another view. Each opens its latest run.
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useView } from '../../app/ViewState.ts';
import { formatDuration } from '../../time/formatTime.ts';
import { HiddenNotice } from '../lists/HiddenNotice.tsx';
import { usePolledWithHidden } from '../lists/usePolledWithHidden.ts';
import { slowQueriesLink, Tile } from './Tile.tsx';

const FEEDS = ['query_history'] as const;
/** The listed fingerprints ran in this window; the newly slow rule has its own windows. */
const RANGE_DAYS = 7;
const SHOWN = 5;
const REFRESH_MS = 60_000;
const ids = testIds.newlySlow;

export function NewlySlowTile({ connectionId }: { connectionId: string }) {
  const { call } = useApi();
  const { linkTo } = useView();
  const page = usePolledWithHidden(
    `newly-slow|${connectionId}`,
    (showHidden) => {
      const to = Date.now();
      return call('queries.fingerprints', {
        connectionId,
        from: new Date(to - RANGE_DAYS * 86_400_000).toISOString(),
        to: new Date(to).toISOString(),
        sort: 'newlySlow',
        limit: SHOWN,
        showHidden,
      });
    },
    REFRESH_MS,
  );
  const groups = page.data?.groups.filter((g) => g.newlySlow) ?? [];
  return (
    <Tile
      title="Newly slow"
      {...slowQueriesLink(`${RANGE_DAYS}d`)}
      testId={ids.tile}
      feeds={FEEDS}
      tone={groups.length > 0 ? 'warn' : 'ok'}
      extra={{ count: groups.length }}
      wide
    >
      {page.error !== null && <p className="notice notice-error">{page.error}</p>}
      <HiddenNotice
        connectionId={connectionId}
        list="newlySlow"
        hidden={page.data?.hidden ?? 0}
        showing={page.showHidden}
        onShowingChange={page.setShowHidden}
      />
      {page.data === null ? (
        page.error === null && <p className="muted ov-none">Loading…</p>
      ) : groups.length === 0 ? (
        <p className="muted ov-none">
          No query runs ×{page.data.k} slower or more in the last 24 hours than in the 14 nights before.
        </p>
      ) : (
        <ul className="ov-list">
          {groups.map((g) => (
            <li key={g.fingerprint} data-testid={ids.row} data-fingerprint={g.fingerprint}>
              <a className="ov-item-link" href={linkTo('query', { q: g.latestQuery, t: g.latestStartTime })}>
                <span className="ov-item-head">
                  <span className="ov-duration" data-testid={ids.ratio}>
                    ×{g.ratio === null ? '?' : g.ratio.toFixed(1)}
                  </span>
                  <span className="faint small">
                    {g.recentMedianMs !== null && `now ${formatDuration(g.recentMedianMs)}`}
                    {g.baselineMedianMs !== null && ` · was ${formatDuration(g.baselineMedianMs)}`}
                  </span>
                </span>
                <span className="ov-item-sub">
                  {g.labels.length > 0 && <span className="ov-user">{g.labels.join(', ')} </span>}
                  <span className="ov-preview mono">{g.textPreview}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}
