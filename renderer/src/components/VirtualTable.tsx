// A table that stays smooth at 100,000 rows: only the rows in view (plus a few either side) exist in
// the page; the scroll height is the full row count. Rows may not be loaded yet (paged fetch): those
// show a placeholder until `row(index)` has them. Each row is a link when `rowHref` gives one.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import './VirtualTable.css';

export interface VirtualColumn<T> {
  key: string;
  /** Header text (may be a node, e.g. with the zone or a sort arrow). */
  header: ReactNode;
  /** A CSS grid track: '160px', 'minmax(200px, 1fr)'. */
  width: string;
  align?: 'left' | 'right';
  render(row: T, index: number): ReactNode;
  /** A sortable column: header click calls onSort(key). */
  sortable?: boolean;
  testId?: string;
}

export interface VirtualTableProps<T> {
  columns: readonly VirtualColumn<T>[];
  rowCount: number;
  /** The row at an index, or undefined while it is being fetched. */
  row(index: number): T | undefined;
  rowKey(row: T, index: number): string;
  rowHref?(row: T): string;
  /** Called with the first and last row index in view (after every scroll and resize). */
  onVisibleRange?(first: number, last: number): void;
  sort?: { key: string; dir: 'asc' | 'desc' };
  onSort?(key: string): void;
  sortTestId?: string;
  /** Viewport height in pixels. */
  height?: number;
  rowHeight?: number;
  testId?: string;
  rowTestId?: string;
  /** Accessible name of the table. */
  label: string;
}

const OVERSCAN = 8;

export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { columns, rowCount, onVisibleRange } = props;
  const rowHeight = props.rowHeight ?? 32;
  const height = props.height ?? 560;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const grid = columns.map((c) => c.width).join(' ');

  const bodyHeight = height - rowHeight; // the sticky header takes one row
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const visibleFirst = Math.min(Math.max(0, rowCount - 1), Math.floor(scrollTop / rowHeight));
  const visibleLast = Math.min(rowCount - 1, Math.ceil((scrollTop + bodyHeight) / rowHeight));
  const last = Math.min(rowCount - 1, visibleLast + OVERSCAN);

  // The parent fetches what is in view; it hears about every change of the window.
  useLayoutEffect(() => {
    if (rowCount > 0) onVisibleRange?.(visibleFirst, visibleLast);
  }, [onVisibleRange, visibleFirst, visibleLast, rowCount]);

  // A new result set (fewer rows) must not leave the view scrolled past its end.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && el.scrollTop > rowCount * rowHeight) {
      el.scrollTop = 0;
    }
  }, [rowCount, rowHeight]);

  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const data = props.row(i);
    const style = { top: i * rowHeight, height: rowHeight, gridTemplateColumns: grid };
    if (data === undefined) {
      rows.push(
        <div key={`pending-${i}`} className="vt-row vt-row-pending" role="row" style={style} aria-busy="true">
          <span className="vt-cell faint">Loading…</span>
        </div>,
      );
      continue;
    }
    const cells = columns.map((c) => (
      <span
        key={c.key}
        className={c.align === 'right' ? 'vt-cell vt-right' : 'vt-cell'}
        role="cell"
        data-testid={c.testId}
      >
        {c.render(data, i)}
      </span>
    ));
    const href = props.rowHref?.(data);
    rows.push(
      href ? (
        <a
          key={props.rowKey(data, i)}
          className="vt-row vt-row-link"
          role="row"
          href={href}
          style={style}
          data-testid={props.rowTestId}
          aria-rowindex={i + 2}
        >
          {cells}
        </a>
      ) : (
        <div
          key={props.rowKey(data, i)}
          className="vt-row"
          role="row"
          style={style}
          data-testid={props.rowTestId}
          aria-rowindex={i + 2}
        >
          {cells}
        </div>
      ),
    );
  }

  return (
    <div
      ref={scroller}
      className="vt"
      role="table"
      aria-label={props.label}
      aria-rowcount={rowCount + 1}
      data-testid={props.testId}
      style={{ height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vt-header" role="row" style={{ gridTemplateColumns: grid, height: rowHeight }}>
        {columns.map((c) => {
          const active = props.sort?.key === c.key;
          const cls = c.align === 'right' ? 'vt-head vt-right' : 'vt-head';
          if (!c.sortable || !props.onSort)
            return (
              <span key={c.key} className={cls} role="columnheader">
                {c.header}
              </span>
            );
          return (
            <span
              key={c.key}
              className={cls}
              role="columnheader"
              aria-sort={active ? (props.sort?.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button
                type="button"
                className="vt-sort"
                data-testid={props.sortTestId}
                data-sort={c.key}
                onClick={() => props.onSort?.(c.key)}
              >
                {c.header}
                <span className="vt-sort-arrow" aria-hidden="true">
                  {active ? (props.sort?.dir === 'asc' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </span>
          );
        })}
      </div>
      <div className="vt-body" role="rowgroup" style={{ height: rowCount * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
