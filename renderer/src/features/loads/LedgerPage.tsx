// Deliveries (#/feeds): feeds learned from the stored COPYs (one table, one source prefix with dates
// and sequence numbers normalised) x nights, each cell the night's state (on time, late, missing,
// oversized, undersized, partial, failed) linking to that night's COPYs in the loads view; below it,
// each feed's format drift. A feed can be renamed, muted (greyed, not counted), given its own size
// thresholds or merged into another (FeedEditor, audited).
import { useMemo, useState } from 'react';
import type { DeliveryCell, DeliveryState, FeedLedger } from '../../../../shared/model/load.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useCall } from '../../hooks/useCall.ts';
import { formatDateTime } from '../../time/formatTime.ts';
import { DriftList } from './DriftList.tsx';
import { FeedEditor } from './FeedEditor.tsx';
import { formatBytes, formatCount, nightRange } from './loadFormat.ts';
import './loads.css';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import { Button } from '../../components/Button.tsx';

const ids = testIds.feeds;
const DAY_MS = 86_400_000;
const MIN_NIGHTS = 14;

const SHORT: Record<DeliveryState, string> = {
  'on-time': '✓',
  late: 'late',
  missing: 'miss',
  pending: '…',
  oversized: 'big',
  undersized: 'small',
  partial: 'part',
  failed: 'fail',
  none: '',
};

function cellTitle(feed: FeedLedger, c: DeliveryCell): string {
  if (c.loads === 0) return `${c.night}: ${c.state === 'none' ? 'nothing expected' : c.state}`;
  const ratio = c.rowsRatio === null ? '' : ` (${c.rowsRatio.toFixed(1)}× the median)`;
  const budget = c.maxerrorUsed === null ? '' : `, ${Math.round(c.maxerrorUsed * 100)} % of MAXERROR used`;
  const bytes = c.bytes > 0 ? `, ${formatBytes(c.bytes)} (${formatBytes(c.bytesPerFile)} a file)` : '';
  const early =
    c.jobsBeforeArrival && c.jobsBeforeArrival.length > 0
      ? `; read before it arrived by ${c.jobsBeforeArrival.join(', ')}`
      : '';
  return `${c.night}: ${c.flags.join(', ')}; arrived ${formatDateTime(c.arrived ?? '', 'utc')} UTC${early}; ${c.loads} COPY, ${formatCount(c.files)} files, ${formatCount(c.rows)} rows${ratio}${bytes}, ${formatCount(c.rejected)} rejected${budget} — ${feed.feedKey}`;
}

export function LedgerPage() {
  const { connectionId, resolved, linkTo } = useView();
  // Whole nights from the start of the range's first day; at least the last 14 (a grid of one night
  // says nothing about habits), at most 400 (the API's limit).
  const args = useMemo(() => {
    if (connectionId === null) return null;
    const to = resolved.to;
    const lastNight = Math.floor(to / DAY_MS) * DAY_MS;
    const first = Math.min(
      Math.floor(resolved.from / DAY_MS) * DAY_MS,
      lastNight - (MIN_NIGHTS - 1) * DAY_MS,
    );
    const from = Math.max(first, lastNight - 399 * DAY_MS);
    return { connectionId, from: new Date(from).toISOString(), to: resolved.toIso };
  }, [connectionId, resolved.from, resolved.to, resolved.toIso]);
  // Bumped after an edit: the ledger and the drift are asked again.
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const ledger = useCall('loads.ledger', args, version);
  const drift = useCall('loads.drift', args, version);
  const data = ledger.data;
  const problems = data?.feeds.reduce((n, f) => n + f.problems, 0) ?? 0;
  const edited = data?.feeds.find((f) => f.feedKey === editing);

  return (
    <Page className="feeds-page" testId={ids.page} busy={ledger.loading} title="Deliveries">
      <p className="muted">
        Each row is a feed learned from COPY history; each night is judged against the feed's previous 28:
        late after its usual arrival (p90 + 15 min), missing when it usually comes and nothing came, big/small
        at ≥3× / ≤⅓ its median rows, partial with rows rejected within MAXERROR, failed when a COPY aborted.
        Times are UTC. Muted feeds are greyed and never counted as problems.
      </p>
      {data !== null && (
        <p className="muted" data-testid={ids.problems} data-count={problems}>
          {problems} problem night{problems === 1 ? '' : 's'} in this range (muted feeds not counted).
        </p>
      )}
      <ErrorNotice error={ledger.error} testId={ids.error} />
      {data === null ? (
        ledger.loading && <p className="muted">Loading…</p>
      ) : data.feeds.length === 0 ? (
        <EmptyState message="No COPY in this range: no feed to show." testId={ids.empty} />
      ) : (
        <div className="feeds-scroll">
          <table className="feeds-grid" data-testid={ids.grid}>
            <thead>
              <tr>
                <th>Feed</th>
                {data.nights.map((n) => (
                  <th key={n} className="feeds-night" title={n}>
                    {n.slice(5)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.feeds.map((f) => (
                <tr
                  key={f.feedKey}
                  className={f.muted ? 'feeds-muted' : undefined}
                  data-testid={ids.row}
                  data-feed={f.feedKey}
                  data-muted={f.muted ? 'true' : 'false'}
                >
                  <th className="mono feeds-name" title={f.feedKey}>
                    <span data-testid={ids.name}>{f.name ?? f.tableName}</span>
                    {f.muted && <span className="muted"> (muted)</span>}
                    <Button
                      className="feeds-edit"
                      data-testid={ids.edit}
                      aria-label={`Edit feed ${f.name ?? f.tableName}`}
                      onClick={() => setEditing(editing === f.feedKey ? null : f.feedKey)}
                    >
                      Edit
                    </Button>
                    <span className="muted feeds-prefix">
                      {f.name !== null ? `${f.tableName} ← ` : ''}
                      {f.sourcePrefix}
                      {f.mergedFeedKeys.length > 0 && ` (+${f.mergedFeedKeys.length} merged)`}
                    </span>
                    {f.namePattern !== null && (
                      <span
                        className="muted feeds-prefix"
                        data-testid={ids.namePattern}
                        title={`before: ${f.namePattern.previous}`}
                      >
                        New file names since {f.namePattern.since.slice(0, 10)}: {f.namePattern.pattern} (was{' '}
                        {f.namePattern.previous}); still this feed.
                      </span>
                    )}
                    {f.mergeSuggestion !== null && (
                      <span className="feeds-prefix" data-testid={ids.mergeSuggestion}>
                        Began as another feed of {f.tableName} stopped: the same delivery in a new place?{' '}
                        <Button data-testid={ids.mergeSuggested} onClick={() => setEditing(f.feedKey)}>
                          Merge…
                        </Button>
                      </span>
                    )}
                  </th>
                  {f.cells.map((c) => (
                    <td
                      key={c.night}
                      className={`feeds-cell feeds-${c.state}`}
                      data-testid={ids.cell}
                      data-night={c.night}
                      data-state={c.state}
                      data-flags={c.flags.join(' ')}
                      title={cellTitle(f, c)}
                    >
                      {c.loads > 0 ? (
                        <a href={linkTo('loads', { feed: f.feedKey, range: nightRange(c.night) })}>
                          {SHORT[c.state]}
                        </a>
                      ) : (
                        SHORT[c.state]
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edited !== undefined && connectionId !== null && data !== null && (
        <FeedEditor
          key={edited.feedKey}
          connectionId={connectionId}
          feed={edited}
          others={data.feeds.filter((f) => f !== edited)}
          onSaved={() => setVersion((v) => v + 1)}
        />
      )}
      {data !== null && <EarlyJobs feeds={data.feeds} />}
      {drift.data !== null && <DriftList drifts={drift.data.drifts} />}
    </Page>
  );
}

/** Nights a job read a feed's table before the feed arrived: the data that job skipped. */
function EarlyJobs({ feeds }: { feeds: readonly FeedLedger[] }) {
  const rows = feeds.flatMap((f) =>
    f.cells.filter((c) => (c.jobsBeforeArrival ?? []).length > 0).map((c) => ({ feed: f, cell: c })),
  );
  if (rows.length === 0) return null;
  return (
    <section>
      <h2>Jobs that ran before their data arrived</h2>
      <ul>
        {rows.map(({ feed, cell }) => (
          <li
            key={`${feed.feedKey}-${cell.night}`}
            data-testid={ids.earlyJobs}
            data-feed={feed.feedKey}
            data-night={cell.night}
          >
            {cell.night}: <span className="mono">{feed.tableName}</span> arrived{' '}
            {formatDateTime(cell.arrived ?? '', 'utc')} UTC, after{' '}
            <span className="mono">{(cell.jobsBeforeArrival ?? []).join(', ')}</span> had read it: re-run{' '}
            {(cell.jobsBeforeArrival ?? []).length === 1 ? 'it' : 'them'} for that night.
          </li>
        ))}
      </ul>
    </section>
  );
}
