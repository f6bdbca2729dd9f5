import { useState } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useAppState } from '../../app/AppState.ts';
import { AddConnectionForm } from './AddConnectionForm.tsx';
import { ConnectionTable } from './ConnectionTable.tsx';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import './connections.css';

export function ConnectionsPage() {
  const { info, connections } = useAppState();
  const [adding, setAdding] = useState(false);
  const count = connections.list?.length;

  return (
    <Page
      testId={testIds.connections.page}
      title={<>Connections {count !== undefined && <span className="page-count">{count}</span>}</>}
      subtitle="The clusters Nightshift watches. Passwords go in once and are never shown again."
      actions={
        info.admin ? (
          <Button
            look="primary"
            data-testid={testIds.connections.addButton}
            onClick={() => setAdding(true)}
            disabled={adding}
          >
            Add connection
          </Button>
        ) : (
          <p className="notice notice-readonly" role="note" data-testid={testIds.connections.readOnlyNote}>
            <strong>Read-only:</strong> start with <code>--admin</code> or use the desktop app to add or
            remove connections.
          </p>
        )
      }
    >
      {info.admin && adding && (
        <AddConnectionForm
          canStoreSecrets={info.canStoreSecrets}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void connections.reload();
          }}
        />
      )}

      <ErrorNotice
        error={connections.error}
        testId={testIds.connections.loadError}
        what="Could not load the connections"
      />

      {connections.list === null ? (
        connections.error === null && <p className="muted">Loading connections…</p>
      ) : connections.list.length === 0 ? (
        <div className="empty" data-testid={testIds.connections.empty}>
          <p className="empty-title">No connections yet</p>
          <p className="muted">
            {info.admin
              ? 'Add a direct connection (host and password) or a provisioned cluster reached with IAM.'
              : 'An administrator can add connections from the desktop app or a server started with --admin.'}
          </p>
        </div>
      ) : (
        <ConnectionTable connections={connections.list} admin={info.admin} onRemoved={connections.reload} />
      )}
    </Page>
  );
}
