// Loads (#/loads): every COPY in the range with its table, source, files, rows loaded and rejected,
// MAXERROR, status, duration and queue wait; filterable, sortable by a header, each row opening the
// COPY's query detail (its load summary and errors). `feed=<key>` in the hash (a ledger cell's link)
// narrows it to one feed.
import { useMemo, useState } from 'react';
import type { LoadSort, LoadStatus, LoadsArgs } from '../../../../shared/model/load.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useHashParams } from '../../app/useHashPage.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useCall } from '../../hooks/useCall.ts';
import { formatDateTime, formatDuration, zoneLabel } from '../../time/formatTime.ts';
import { useDebounced } from '../slow/useDebounced.ts';
import { formatCount, formatMaxerror, statusTone } from './loadFormat.ts';
import './loads.css';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';

const ids = testIds.loads;
const PAGE = 200;
const STATUSES: LoadStatus[] = ['loaded', 'partial', 'aborted'];
const isStatus = (v: string): v is LoadStatus => (STATUSES as string[]).includes(v);
const STATUS_CHOICES = [{ value: '', label: 'any' }, ...STATUSES.map((s) => ({ value: s, label: s }))];

const COLUMNS: { key: LoadSort | null; header: string; numeric?: boolean }[] = [
  { key: 'start', header: 'Start' },
  { key: 'table', header: 'Table' },
  { key: null, header: 'Source prefix' },
  { key: null, header: 'Files', numeric: true },
  { key: 'rows', header: 'Rows loaded', numeric: true },
  { key: 'rejected', header: 'Rejected', numeric: true },
  { key: null, header: 'MAXERROR', numeric: true },
  { key: null, header: 'Status' },
  { key: 'duration', header: 'Duration', numeric: true },
  { key: 'queue', header: 'Queue wait', numeric: true },
];

export function LoadsPage() {
  const view = useView();
  const params = useHashParams();
  const feedParam = params.get('feed');
  const [feedKey, setFeedKey] = useState<string | null>(feedParam);
  const [table, setTable] = useState('');
  const [source, setSource] = useState('');
  const [status, setStatus] = useState<LoadStatus | ''>('');
  const [sort, setSort] = useState<{ key: LoadSort; ascending: boolean }>({ key: 'start', ascending: false });
  const [limit, setLimit] = useState(PAGE);
  const text = useDebounced({ table, source }, 300);
  const { connectionId, resolved, zone, linkTo } = view;
  // A new link (another ledger cell) replaces the feed filter.
  const [seenParam, setSeenParam] = useState(feedParam);
  if (feedParam !== seenParam) {
    setSeenParam(feedParam);
    setFeedKey(feedParam);
  }

  const args = useMemo<LoadsArgs | null>(
    () =>
      connectionId === null
        ? null
        : {
            connectionId,
            from: resolved.fromIso,
            to: resolved.toIso,
            ...(text.table.trim() ? { table: text.table.trim() } : {}),
            ...(text.source.trim() ? { source: text.source.trim() } : {}),
            ...(feedKey !== null ? { feedKey } : {}),
            ...(status !== '' ? { status } : {}),
            sort: sort.key,
            ascending: sort.ascending,
            limit,
          },
    [connectionId, resolved.fromIso, resolved.toIso, text, feedKey, status, sort, limit],
  );
  const loads = useCall('loads.list', args);
  const page = loads.data;

  return (
    <Page className="loads-page" testId={ids.page} busy={loads.loading} title="Loads">
      <div className="loads-filters">
        {(
          [
            ['Table', table, setTable, ids.filterTable],
            ['Source', source, setSource, ids.filterSource],
          ] as const
        ).map(([label, value, setValue, testId]) => (
          <label key={label}>
            {label}{' '}
            <input
              className="input"
              value={value}
              data-testid={testId}
              onChange={(e) => setValue(e.target.value)}
            />
          </label>
        ))}
        <label>
          Status{' '}
          <ChoiceSelect
            testId={ids.filterStatus}
            value={status}
            choices={STATUS_CHOICES}
            onChange={(v) => setStatus(isStatus(v) ? v : '')}
          />
        </label>
        {feedKey !== null && (
          <button
            type="button"
            className="button button-quiet"
            data-testid={ids.filterFeed}
            onClick={() => setFeedKey(null)}
            title="Show every feed"
          >
            Feed: {feedKey} ✕
          </button>
        )}
      </div>
      <ErrorNotice error={loads.error} testId={ids.error} />
      {page === null ? (
        loads.loading && <p className="muted">Loading…</p>
      ) : page.rows.length === 0 ? (
        <EmptyState
          message="No COPY started in this range (or none matches the filters)."
          testId={ids.empty}
        />
      ) : (
        <>
          <p className="muted" data-testid={ids.total}>
            {formatCount(page.total)} {page.total === 1 ? 'COPY' : 'COPYs'}
          </p>
          <div className="loads-scroll">
            <table className="loads-table">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.header} className={c.numeric ? 'num' : undefined}>
                      {c.key === null ? (
                        c.header
                      ) : (
                        <button
                          type="button"
                          className="loads-sort"
                          data-testid={ids.sort}
                          data-sort={c.key}
                          aria-sort={
                            sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : undefined
                          }
                          onClick={() =>
                            setSort((s) =>
                              s.key === c.key
                                ? { key: s.key, ascending: !s.ascending }
                                : { key: c.key!, ascending: false },
                            )
                          }
                        >
                          {c.key === 'start' ? `Start (${zoneLabel(zone)})` : c.header}
                          {sort.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                        </button>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr
                    key={`${r.query}-${r.startTime}`}
                    data-testid={ids.row}
                    data-status={r.status}
                    data-query={r.query}
                  >
                    <td className="mono">
                      <a href={linkTo('query', { q: r.query, t: r.startTime })} data-testid={ids.rowLink}>
                        {formatDateTime(r.startTime, zone)}
                      </a>
                    </td>
                    <td className="mono">{r.tableName}</td>
                    <td className="mono loads-source" title={r.source}>
                      {r.sourcePrefix}
                    </td>
                    <td className="num">{formatCount(r.files)}</td>
                    <td className="num">{formatCount(r.rowsLoaded)}</td>
                    <td className="num">{formatCount(r.rowsRejected)}</td>
                    <td className="num">{formatMaxerror(r.maxerror)}</td>
                    <td>
                      <span className={`badge ${statusTone(r.status)}`}>{r.status}</span>
                    </td>
                    <td className="num">{formatDuration(r.durationMs)}</td>
                    <td className="num">{formatDuration(r.queueMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.rows.length < page.total && (
            <button
              type="button"
              className="button"
              data-testid={ids.more}
              onClick={() => setLimit((l) => l + PAGE)}
            >
              Show {Math.min(PAGE, page.total - page.rows.length)} more
            </button>
          )}
        </>
      )}
    </Page>
  );
}
