// A scrolling data table: the "table-wrap" box, the table, its header row (TableHead) and a body
// for the caller's rows. Five pages wrote this frame out by hand (issue #15).
import type { ReactNode } from 'react';
import { TableHead, type HeadColumn } from './TableHead.tsx';

interface Props {
  /** The table's own class, after the shared "table". */
  className: string;
  /** Another class for the scrolling box, after "table-wrap". */
  wrapClassName?: string;
  testId?: string;
  columns: ReadonlyArray<string | HeadColumn>;
  /** The body rows. */
  children: ReactNode;
}

export function DataTable({ className, wrapClassName, testId, columns, children }: Props) {
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={`table ${className}`} data-testid={testId}>
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
