// The header row of a plain data table: one column-scoped cell per column, numbers right-aligned
// ("num"), an actions/details column named for screen readers only. Seventeen tables wrote their <thead>
// out cell by cell (issue #15); sortable headers (LiveTable, LoadsPage) keep their own buttons.
import type { ReactNode } from 'react';

export interface HeadColumn {
  label: ReactNode;
  /** Right-aligned like the numbers under it. */
  num?: boolean;
  /** Named for screen readers only (an actions or details column). */
  hidden?: boolean;
  className?: string;
}

export function TableHead({ columns }: { columns: ReadonlyArray<string | HeadColumn> }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => {
          const c = typeof column === 'string' ? { label: column } : column;
          const className = [c.num ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined;
          return (
            <th key={i} scope="col" className={className}>
              {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
