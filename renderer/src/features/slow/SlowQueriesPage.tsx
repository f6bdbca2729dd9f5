// Slow queries (#/slow): the stored history over the chosen range, grouped by fingerprint (newly slow
// first) or as every run (virtualised, sortable). Filters are shared by both tabs; the tab is in the
// hash (`tab=runs`) so a link or reload keeps it.
import { useMemo, useState } from 'react';
import type { FingerprintArgs } from '../../../../shared/model/fingerprint.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { hashForPage } from '../../app/route.ts';
import { useHashParams } from '../../app/useHashPage.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useWhyEmpty } from '../../components/useWhyEmpty.ts';
import { encodeRange } from '../../time/timeRange.ts';
import { HiddenNotice } from '../lists/HiddenNotice.tsx';
import { useHiddenVersion } from '../lists/hiddenVersion.ts';
import { FingerprintTable } from './FingerprintTable.tsx';
import { RunsTable } from './RunsTable.tsx';
import { SlowFilterBar } from './SlowFilterBar.tsx';
import {
  DEFAULT_SORT,
  filterArgs,
  isFiltered,
  nextSort,
  NO_FILTERS,
  type SlowFilters,
} from './slowFilters.ts';
import { useCall } from '../../hooks/useCall.ts';
import { useDebounced } from './useDebounced.ts';
import { useHistoryPages } from './useHistoryPages.ts';
import { useQueueOptions } from './useQueueOptions.ts';
import { Button } from '../../components/Button';
import './slow.css';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

const ids = testIds.slow;
/** The page's two views; the tab links keep the filters. */
const TABS = [
  { tab: 'groups', label: 'By fingerprint', testId: ids.tabFingerprints },
  { tab: 'runs', label: 'All runs', testId: ids.tabRuns },
] as const;
const GROUPS_PER_PAGE = 50;
const count = new Intl.NumberFormat('en-US');

export function SlowQueriesPage() {
  const view = useView();
  const params = useHashParams();
  const tab = params.get('tab') === 'runs' ? 'runs' : 'groups';
  const [filters, setFilters] = useState<SlowFilters>(NO_FILTERS);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [groupLimit, setGroupLimit] = useState(GROUPS_PER_PAGE);
  // Typing asks once it pauses; picks and checkboxes apply at once (they settle with the text).
  const settled = useDebounced(filters, 300);
  const { connectionId, resolved } = view;

  const base = useMemo(
    () =>
      connectionId === null
        ? null
        : filterArgs(settled, { connectionId, from: resolved.fromIso, to: resolved.toIso }),
    [connectionId, settled, resolved.fromIso, resolved.toIso],
  );
  // "Show" of the fingerprints hidden by the connection's patterns (issue #14).
  const [showHidden, setShowHidden] = useState(false);
  const hiddenVersion = useHiddenVersion();
  const groupArgs = useMemo<FingerprintArgs | null>(
    () =>
      base === null || tab !== 'groups'
        ? null
        : { ...base, limit: groupLimit, ...(showHidden ? { showHidden } : {}) },
    [base, tab, groupLimit, showHidden],
  );
  const runArgs = useMemo(
    () => (base === null || tab !== 'runs' ? null : { ...base, sort, ...(showHidden ? { showHidden } : {}) }),
    [base, tab, sort, showHidden],
  );

  const groups = useCall('queries.fingerprints', groupArgs, hiddenVersion);
  const runs = useHistoryPages(runArgs, hiddenVersion);
  const queues = useQueueOptions(connectionId, resolved.to);
  const why = useWhyEmpty({ filtered: isFiltered(settled) });

  // Suggestions for the name filters: whatever the groups shown carry (the API has no list of users).
  const suggestions = useMemo(() => {
    const users = new Set<string>();
    const labels = new Set<string>();
    for (const g of groups.data?.groups ?? []) {
      g.users.forEach((u) => users.add(u));
      g.labels.forEach((l) => labels.add(l));
    }
    return { users: [...users].sort(), labels: [...labels].sort() };
  }, [groups.data]);

  const tabHref = (t: 'groups' | 'runs') =>
    hashForPage('slow', {
      c: connectionId ?? undefined,
      range: encodeRange(view.range),
      tab: t === 'runs' ? 'runs' : undefined,
    });

  const error = tab === 'groups' ? groups.error : runs.error;
  const newlySlow = groups.data?.groups.filter((g) => g.newlySlow).length ?? 0;

  return (
    <section
      className="page slow-page"
      data-testid={ids.page}
      aria-busy={tab === 'groups' ? groups.loading : undefined}
    >
      <header className="page-header">
        <h1 className="page-title">Slow queries</h1>
        <nav className="tabs" aria-label="Slow query views">
          {TABS.map((t) => (
            <a
              key={t.tab}
              className="tab"
              href={tabHref(t.tab)}
              aria-current={tab === t.tab ? 'page' : undefined}
              data-testid={t.testId}
            >
              {t.label}
            </a>
          ))}
        </nav>
      </header>

      <SlowFilterBar
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          setGroupLimit(GROUPS_PER_PAGE);
        }}
        queues={queues}
        users={suggestions.users}
        labels={suggestions.labels}
      />

      <ErrorNotice error={error} testId={ids.error} />

      {connectionId !== null && (
        <HiddenNotice
          connectionId={connectionId}
          list={tab === 'groups' ? 'fingerprints' : 'runs'}
          hidden={(tab === 'groups' ? groups.data?.hidden : runs.hidden) ?? 0}
          showing={showHidden}
          onShowingChange={setShowHidden}
          always
        />
      )}

      {tab === 'groups' ? (
        groups.data === null ? (
          groups.loading && <p className="muted">Loading…</p>
        ) : groups.data.groups.length === 0 ? (
          <EmptyState message={why} testId={ids.empty} />
        ) : (
          <>
            <p className="slow-summary muted" data-testid={ids.total}>
              {count.format(groups.data.total)} {groups.data.total === 1 ? 'fingerprint' : 'fingerprints'}
              {newlySlow > 0 && (
                <>
                  {' · '}
                  <strong className="slow-newly-count">{newlySlow} newly slow</strong> (recent median ≥{' '}
                  {groups.data.k}× its median of the 14 nights before)
                </>
              )}
              {groups.loading && <span className="faint"> · updating…</span>}
            </p>
            <FingerprintTable groups={groups.data.groups} k={groups.data.k} />
            {groups.data.total > groups.data.groups.length && (
              <Button
                className="slow-more"
                onClick={() => setGroupLimit((n) => Math.min(1000, n + GROUPS_PER_PAGE))}
                disabled={groups.loading || groupLimit >= 1000}
              >
                Show {Math.min(GROUPS_PER_PAGE, groups.data.total - groups.data.groups.length)} more
              </Button>
            )}
          </>
        )
      ) : runs.total === null ? (
        error === null && <p className="muted">Loading…</p>
      ) : runs.total === 0 ? (
        <EmptyState message={why} testId={ids.empty} />
      ) : (
        <>
          <p className="slow-summary muted" data-testid={ids.total}>
            {count.format(runs.total)} {runs.total === 1 ? 'run' : 'runs'}
            {runs.answered !== JSON.stringify(runArgs) && <span className="faint"> · updating…</span>}
          </p>
          <RunsTable pages={runs} sort={sort} onSort={(by) => setSort((s) => nextSort(s, by))} />
        </>
      )}
    </section>
  );
}
