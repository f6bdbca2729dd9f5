// A short list of queries from the history: number, start, user, label, one figure (how long it ran,
// or waited) and its text. The WLM editor's what-if and a query's blast radius show the same table.
import { formatDateTime, zoneLabel, type TimeZoneChoice } from '../time/formatTime.ts';
import './QueryListTable.css';

export interface ListedQuery {
  query: number;
  startTime: string;
  userName: string | null;
  label: string | null;
  textPreview: string | null;
}

interface Props<R extends ListedQuery> {
  rows: readonly R[];
  zone: TimeZoneChoice;
  /** The one figure per query, e.g. "Elapsed" or "Waited". */
  figure: { header: string; of(row: R): string };
  /** When set, each query number links to its detail. */
  linkOf?: (row: R) => string;
  className?: string;
  rowTestId?: string;
  linkTestId?: string;
}

export function QueryListTable<R extends ListedQuery>(props: Props<R>) {
  const { rows, zone, figure, linkOf } = props;
  return (
    <div className="table-wrap">
      <table className={`table query-list${props.className ? ` ${props.className}` : ''}`}>
        <thead>
          <tr>
            <th>Query</th>
            <th>Started ({zoneLabel(zone)})</th>
            <th>User</th>
            <th>Label</th>
            <th className="num">{figure.header}</th>
            <th>Text</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.query}-${r.startTime}`} data-testid={props.rowTestId}>
              <td className="mono">
                {linkOf ? (
                  <a href={linkOf(r)} data-testid={props.linkTestId}>
                    {r.query}
                  </a>
                ) : (
                  r.query
                )}
              </td>
              <td className="mono cell-nowrap">{formatDateTime(r.startTime, zone)}</td>
              <td>{r.userName ?? '–'}</td>
              <td className="cell-clip">{r.label}</td>
              <td className="num cell-nowrap">{figure.of(r)}</td>
              <td className="cell-clip mono">{r.textPreview}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
