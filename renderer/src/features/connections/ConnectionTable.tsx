import type { Connection } from '../../../../shared/model/connection.ts';
import { useCollectorStatus } from '../collector/useCollectorStatus.ts';
import { useNow } from '../../hooks/useNow.ts';
import { ConnectionRow } from './ConnectionRow.tsx';
import { DataTable } from '../../components/DataTable.tsx';

interface Props {
  connections: readonly Connection[];
  admin: boolean;
  onRemoved: () => void;
}

export function ConnectionTable({ connections, admin, onRemoved }: Props) {
  const collector = useCollectorStatus();
  const now = useNow();
  const byId = new Map(collector.status?.connections.map((c) => [c.connectionId, c]));
  return (
    <DataTable
      className="connections-table"
      columns={[
        'Name',
        'Kind',
        'Target',
        'Password',
        'Collector',
        'Last test',
        { label: 'Actions', hidden: true, className: 'col-actions' },
      ]}
    >
      {connections.map((connection) => (
        <ConnectionRow
          key={connection.id}
          connection={connection}
          admin={admin}
          onRemoved={onRemoved}
          collector={{
            status: byId.get(connection.id),
            loaded: collector.status !== null,
            feedError: collector.error,
            now,
          }}
        />
      ))}
    </DataTable>
  );
}
