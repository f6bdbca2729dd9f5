import { useRef, type RefObject } from 'react';
import type { LiveStatement } from '../../../../shared/model/live.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useKeptInView } from '../../hooks/useKeptInView.ts';
import { formatDuration } from '../../time/formatTime.ts';
import { queueLabel, type LiveSort, type LiveSortKey } from './liveRows.ts';

const ids = testIds.live;

/**
 * `inPanel`: the selected statement's panel shows it too, so the column steps aside while the panel is
 * open and Elapsed and Text keep their room (issue #14: they were cut and hidden).
 */
const COLUMNS: readonly { key: LiveSortKey; label: string; numeric?: boolean; inPanel?: boolean }[] = [
  { key: 'userName', label: 'User' },
  { key: 'pid', label: 'PID', numeric: true, inPanel: true },
  { key: 'queue', label: 'Queue' },
  { key: 'slotCount', label: 'Slots', numeric: true, inPanel: true },
  { key: 'state', label: 'State' },
  { key: 'queueMs', label: 'Queue time', numeric: true, inPanel: true },
  { key: 'execMs', label: 'Exec time', numeric: true, inPanel: true },
  { key: 'elapsedMs', label: 'Elapsed', numeric: true },
  { key: 'label', label: 'Query group' },
  { key: 'text', label: 'Text' },
];

interface Props {
  rows: readonly LiveStatement[];
  sort: LiveSort;
  onSort(key: LiveSortKey): void;
  selected: number | null;
  onSelect(query: number): void;
}

/**
 * The statements at the last poll. Rows are keyed by query id, so a new poll updates each row in place:
 * the table is never remounted and the selected row stays selected while its figures change. When
 * statements above it end or arrive, the selected row stays where the reader sees it.
 */
export function LiveTable({ rows, sort, onSort, selected, onSelect }: Props) {
  const selectedRow = useRef<HTMLTableRowElement | null>(null);
  useKeptInView(selectedRow, rows);
  return (
    <table className="table live-table" data-testid={ids.table}>
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              scope="col"
              className={
                [c.numeric ? 'num' : '', c.inPanel ? 'col-in-panel' : ''].join(' ').trim() || undefined
              }
              aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              <button
                type="button"
                className="sort-button"
                data-testid={ids.sortHeader}
                data-sort-key={c.key}
                onClick={() => onSort(c.key)}
              >
                {c.label}
                <span className="sort-mark" aria-hidden="true">
                  {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <LiveRow
            key={s.query}
            s={s}
            selected={s.query === selected}
            onSelect={onSelect}
            rowRef={s.query === selected ? selectedRow : undefined}
          />
        ))}
      </tbody>
    </table>
  );
}

function LiveRow({
  s,
  selected,
  onSelect,
  rowRef,
}: {
  s: LiveStatement;
  selected: boolean;
  onSelect(query: number): void;
  rowRef: RefObject<HTMLTableRowElement | null> | undefined;
}) {
  return (
    <tr
      ref={rowRef}
      className={`live-row${s.queued ? ' live-row-queued' : ''}${selected ? ' live-row-selected' : ''}`}
      data-testid={ids.row}
      data-query={s.query}
      data-state={s.state}
      data-queued={s.queued ? 'true' : 'false'}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => onSelect(s.query)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(s.query);
        }
      }}
    >
      <td className="cell-user" data-testid={ids.cellUser}>
        {s.userName ?? <span className="faint">unknown</span>}
      </td>
      <td className="num mono col-in-panel" data-testid={ids.cellPid}>
        {s.pid ?? '–'}
      </td>
      <td className="cell-queue" data-testid={ids.cellQueue}>
        {queueLabel(s)} <span className="faint small">sc {s.serviceClass}</span>
      </td>
      <td className="num col-in-panel">{s.slotCount}</td>
      <td data-testid={ids.cellState}>
        <span className={`state-badge${s.queued ? ' state-queued' : ''}`}>{s.state}</span>
      </td>
      <td className={`num col-in-panel${s.queued ? ' live-wait' : ''}`}>{formatDuration(s.queueMs)}</td>
      <td className="num col-in-panel">{formatDuration(s.execMs)}</td>
      <td className="num">{formatDuration(s.elapsedMs)}</td>
      <td className="cell-label" data-testid={ids.cellLabel}>
        {s.label === null || s.label === '' ? (
          <span className="faint">–</span>
        ) : (
          <span className="one-line">{s.label}</span>
        )}
      </td>
      <td className="cell-text" data-testid={ids.cellText}>
        {s.textPreview === null ? (
          <span className="faint">not shown by the cluster</span>
        ) : (
          <span className="one-line mono">{s.textPreview}</span>
        )}
      </td>
    </tr>
  );
}
