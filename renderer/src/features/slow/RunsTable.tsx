// "All runs": every stored run matching the filters, sorted by a clickable header, in a virtualised
// table fed page by page (useHistoryPages). A row opens the run's detail.
import { useMemo } from 'react';
import type { QueryRow, QuerySortKey } from '../../../../shared/model/query.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable.tsx';
import { formatDateTime, formatDuration, zoneLabel } from '../../time/formatTime.ts';
import type { HistoryPages } from './useHistoryPages.ts';
import type { HistorySort } from './slowFilters.ts';

const ids = testIds.slow;
const SORT_KEYS: readonly string[] = ['startTime', 'elapsedMs', 'queueMs', 'execMs'] satisfies QuerySortKey[];
const isSortKey = (key: string): key is QuerySortKey => SORT_KEYS.includes(key);

interface Props {
  pages: HistoryPages;
  sort: HistorySort;
  onSort(by: QuerySortKey): void;
}

export function RunsTable({ pages, sort, onSort }: Props) {
  const { zone, linkTo } = useView();
  const columns = useMemo<VirtualColumn<QueryRow>[]>(
    () => [
      {
        key: 'startTime',
        header: `Start (${zoneLabel(zone)})`,
        width: '156px',
        sortable: true,
        testId: ids.runStart,
        render: (r) => <span className="mono">{formatDateTime(r.startTime, zone)}</span>,
      },
      { key: 'query', header: 'Query', width: '76px', align: 'right', render: (r) => r.query },
      { key: 'user', header: 'User', width: '110px', testId: ids.runUser, render: (r) => r.userName ?? '–' },
      { key: 'label', header: 'Label', width: '140px', testId: ids.runLabel, render: (r) => r.label },
      {
        key: 'queue',
        header: 'Queue',
        width: '110px',
        render: (r) => r.queueName ?? (r.serviceClass === null ? '–' : `class ${r.serviceClass}`),
      },
      {
        key: 'elapsedMs',
        header: 'Elapsed',
        width: '96px',
        align: 'right',
        sortable: true,
        testId: ids.runElapsed,
        render: (r) => formatDuration(r.elapsedMs),
      },
      {
        key: 'queueMs',
        header: 'Queued',
        width: '96px',
        align: 'right',
        sortable: true,
        render: (r) => formatDuration(r.queueMs),
      },
      {
        key: 'execMs',
        header: 'Exec',
        width: '96px',
        align: 'right',
        sortable: true,
        render: (r) => formatDuration(r.execMs),
      },
      {
        key: 'aborted',
        header: '',
        width: '78px',
        render: (r) => (r.aborted ? <span className="badge badge-danger">aborted</span> : null),
      },
      {
        key: 'text',
        header: 'Text',
        width: 'minmax(200px, 1fr)',
        testId: ids.runText,
        render: (r) => <span className="mono">{r.textPreview}</span>,
      },
    ],
    [zone],
  );

  return (
    <VirtualTable
      key={pages.answered ?? 'none'}
      label="Query runs"
      testId={ids.runsTable}
      rowTestId={ids.runRow}
      sortTestId={ids.runsSort}
      columns={columns}
      rowCount={pages.total ?? 0}
      row={pages.row}
      rowKey={(r) => `${r.query}-${r.startTime}`}
      rowHref={(r) => linkTo('query', { q: r.query, t: r.startTime })}
      onVisibleRange={pages.onVisibleRange}
      sort={{ key: sort.by, dir: sort.dir }}
      onSort={(key) => {
        if (isSortKey(key)) onSort(key);
      }}
      height={600}
    />
  );
}
