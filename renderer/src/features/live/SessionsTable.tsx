import type { LiveSession } from '../../../../shared/model/live.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import { DataTable } from '../../components/DataTable.tsx';

const ids = testIds.live;

interface Props {
  sessions: readonly LiveSession[];
  /** Opens a session's current statement in the panel. */
  onSelectQuery(query: number): void;
}

export function SessionsTable({ sessions, onSelectQuery }: Props) {
  const { zone } = useView();
  return (
    <DataTable
      className="live-sessions"
      testId={ids.sessions}
      columns={[
        { label: 'PID', num: true },
        'User',
        'Database',
        `Started (${zoneLabel(zone)})`,
        'Current query',
      ]}
    >
      {sessions.map((s) => (
        <tr key={`${s.pid}:${s.startTime}`} data-testid={ids.sessionRow} data-pid={s.pid}>
          <td className="num mono">{s.pid}</td>
          <td className="cell-user">{s.userName}</td>
          <td>{s.database}</td>
          <td className="nowrap">{formatDateTime(s.startTime, zone)}</td>
          <td>
            {s.currentQuery === null ? (
              <span className="faint">idle</span>
            ) : (
              <QueryButton query={s.currentQuery} onSelect={onSelectQuery} />
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function QueryButton({ query, onSelect }: { query: number; onSelect(query: number): void }) {
  return (
    <button type="button" className="link-button mono" onClick={() => onSelect(query)}>
      {query}
    </button>
  );
}
