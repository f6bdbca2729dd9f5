import type { Connection } from '../../../../shared/model/connection.ts';
import { ConnectionRow } from './ConnectionRow.tsx';

interface Props {
  connections: readonly Connection[];
  admin: boolean;
  onRemoved: () => void;
}

export function ConnectionTable({ connections, admin, onRemoved }: Props) {
  return (
    <div className="table-wrap">
      <table className="table connections-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Target</th>
            <th scope="col">Password</th>
            <th scope="col">Last test</th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {connections.map((connection) => (
            <ConnectionRow key={connection.id} connection={connection} admin={admin} onRemoved={onRemoved} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
