import { useMemo, useState } from 'react';
import type { LiveStatement } from '../../../../shared/model/live.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useView } from '../../app/ViewState.ts';
import { ChoiceField, type Choice } from '../../components/ChoiceField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useCollectorStatus } from '../collector/useCollectorStatus.ts';
import { useNow } from '../../hooks/useNow.ts';
import { jobEmptyMessage } from './jobEmptyMessage.ts';
import { LiveTable } from './LiveTable.tsx';
import { LiveTextPanel } from './LiveTextPanel.tsx';
import {
  DEFAULT_SORT,
  NO_FILTER,
  nextSort,
  queuesIn,
  visibleStatements,
  type LiveFilter,
  type LiveSort,
  type StateFilter,
} from './liveRows.ts';
import { PolledAge } from './PolledAge.tsx';
import { SessionsTable } from './SessionsTable.tsx';
import { HiddenNotice } from '../lists/HiddenNotice.tsx';
import { usePolledWithHidden } from '../lists/usePolledWithHidden.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import './live.css';

const ids = testIds.live;
/** The collector polls live activity every few seconds; reading the store every 5 s keeps up with it. */
const REFRESH_MS = 5_000;

const STATES: readonly { value: StateFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'running', label: 'Running' },
  { value: 'queued', label: 'Queued' },
];

function stateOf(value: string): StateFilter {
  return STATES.find((s) => s.value === value)?.value ?? 'all';
}

/** The queues seen in the statements; a chosen queue that has gone quiet stays choosable. */
function queueChoices(
  queues: readonly { serviceClass: number; label: string }[],
  selected: number | null,
): Choice[] {
  const choices: Choice[] = [{ value: '', label: 'All queues' }];
  for (const q of queues)
    choices.push({ value: String(q.serviceClass), label: `${q.label} (sc ${q.serviceClass})` });
  if (selected !== null && !queues.some((q) => q.serviceClass === selected))
    choices.push({ value: String(selected), label: `service class ${selected}` });
  return choices;
}

export function LivePage() {
  const { call } = useApi();
  const { connectionId, resolved } = useView();
  const collector = useCollectorStatus();
  const now = useNow(15_000);
  const live = usePolledWithHidden(
    connectionId,
    (showHidden) => call('live.get', { connectionId: connectionId ?? '', showHidden }),
    REFRESH_MS,
    // The toolbar's Refresh moves resolved.to: read again at once.
    resolved.toIso,
  );

  const [filter, setFilter] = useState<LiveFilter>(NO_FILTER);
  const [sort, setSort] = useState<LiveSort>(DEFAULT_SORT);
  /** The selected statement's query id, for the connection it was chosen on. */
  const [selection, setSelection] = useState<{ connectionId: string; query: number } | null>(null);
  /** The selected statement as last seen, so the panel stays readable after it leaves the snapshot. */
  const [lastSeen, setLastSeen] = useState<LiveStatement | null>(null);
  const selected = selection !== null && selection.connectionId === connectionId ? selection.query : null;
  const select = (query: number | null) =>
    setSelection(query === null || connectionId === null ? null : { connectionId, query });

  const statements = useMemo(() => live.data?.statements ?? [], [live.data]);
  const rows = useMemo(() => visibleStatements(statements, filter, sort), [statements, filter, sort]);
  const queues = useMemo(() => queuesIn(statements), [statements]);
  const current = selected === null ? undefined : statements.find((s) => s.query === selected);
  // Remembered while rendering (React's pattern for keeping what an earlier render saw).
  if (current !== undefined && current !== lastSeen) setLastSeen(current);

  const panelStatement = current ?? (lastSeen !== null && lastSeen.query === selected ? lastSeen : null);
  const session =
    panelStatement?.pid == null
      ? null
      : (live.data?.sessions.find((s) => s.pid === panelStatement.pid) ?? null);
  const queuedCount = statements.filter((s) => s.queued).length;

  if (connectionId === null) {
    return (
      <section className="page" data-testid={ids.page}>
        <h1 className="page-title">Live activity</h1>
        <EmptyState message="No connection yet: add one on the Connections page." />
      </section>
    );
  }

  return (
    <Page
      className="live-page"
      testId={ids.page}
      title={
        <>
          Live activity
          <span className="page-count" data-testid={ids.count}>
            {statements.length - queuedCount} running · {queuedCount} queued
          </span>
        </>
      }
      subtitle={
        <>
          What runs and waits now, refreshed every 5 s. <PolledAge polledAt={live.data?.polledAt ?? null} />
        </>
      }
    >
      <ErrorNotice
        error={live.error}
        testId={ids.error}
        what="Could not read live activity"
        stale={live.data !== null}
      />

      {/* Always there: the demo's sleeps come and go every few seconds, and a notice that came and went
          with them moved the table under the reader's eyes (and a selected row off its place). */}
      <HiddenNotice
        connectionId={connectionId}
        list="live"
        hidden={live.data?.hiddenStatements ?? 0}
        showing={live.showHidden}
        onShowingChange={live.setShowHidden}
        always
      />

      <div className="live-filters" role="search">
        <label className="field-inline">
          <span className="visually-hidden">Filter by user, query group or text</span>
          <input
            className="input"
            type="search"
            placeholder="Filter: user, query group, text"
            data-testid={ids.filterText}
            value={filter.text}
            onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
          />
        </label>
        <ChoiceField
          label="State"
          className="field-inline"
          captionClassName="muted"
          testId={ids.filterState}
          value={filter.state}
          choices={STATES}
          onChange={(v) => setFilter((f) => ({ ...f, state: stateOf(v) }))}
        />
        <ChoiceField
          label="Queue"
          className="field-inline"
          captionClassName="muted"
          testId={ids.filterQueue}
          value={filter.serviceClass === null ? '' : String(filter.serviceClass)}
          choices={queueChoices(queues, filter.serviceClass)}
          onChange={(v) => setFilter((f) => ({ ...f, serviceClass: v === '' ? null : Number(v) }))}
        />
        <span className="muted small">
          {rows.length === statements.length
            ? `${statements.length} ${statements.length === 1 ? 'statement' : 'statements'}`
            : `${rows.length} of ${statements.length} statements`}
        </span>
      </div>

      <div className={`live-layout${panelStatement ? ' live-layout-with-panel' : ''}`}>
        <div className="live-main">
          {live.data === null ? (
            live.error === null && <p className="muted">Loading live activity…</p>
          ) : live.data.polledAt === null ? (
            <EmptyState
              testId={ids.empty}
              message={jobEmptyMessage(collector.status, connectionId, 'live_activity', now)}
            />
          ) : (
            <>
              <div className="table-wrap live-scroller" data-testid={ids.scroller}>
                <LiveTable
                  rows={rows}
                  sort={sort}
                  onSort={(key) => setSort((s) => nextSort(s, key))}
                  selected={selected}
                  onSelect={select}
                />
              </div>
              {rows.length === 0 && (
                <p className="live-none muted" data-testid={ids.empty}>
                  {statements.length === 0
                    ? 'Nothing is running or queued right now.'
                    : 'No statement matches the filters.'}
                </p>
              )}
            </>
          )}
          {live.data !== null && live.data.polledAt !== null && (
            <>
              <h2 className="section-title">
                Sessions <span className="page-count">{live.data.sessions.length}</span>
              </h2>
              <SessionsTable sessions={live.data.sessions} onSelectQuery={select} />
            </>
          )}
        </div>
        {panelStatement && (
          <LiveTextPanel
            connectionId={connectionId}
            statement={panelStatement}
            present={current !== undefined}
            session={session}
            onClose={() => select(null)}
          />
        )}
      </div>
    </Page>
  );
}
