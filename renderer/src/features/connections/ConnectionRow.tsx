import { useState, type ComponentProps } from 'react';
import type { Connection, ConnectionTestResult } from '../../../../shared/model/connection.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { CollectorCell } from '../collector/CollectorCell.tsx';
import { kindLabel, passwordSourceLabel, targetSummary } from './describeConnection.ts';
import { TestResultView, type TestState } from './TestResultView.tsx';
import { Button } from '../../components/Button';

interface Props {
  connection: Connection;
  admin: boolean;
  onRemoved: () => void;
  /** What the collector says about this connection (the table follows the status for all rows). */
  collector: ComponentProps<typeof CollectorCell>;
}

/** Removal asks once more before it calls the core: idle → confirming → removing (→ gone, or error). */
type RemoveState = 'idle' | 'confirming' | 'removing';

export function ConnectionRow({ connection, admin, onRemoved, collector }: Props) {
  const { call } = useApi();
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [remove, setRemove] = useState<RemoveState>('idle');
  const [removeError, setRemoveError] = useState<string | null>(null);
  const target = targetSummary(connection.target);

  const runTest = async () => {
    setTest({ state: 'testing' });
    try {
      const result: ConnectionTestResult = await call('connections.test', { id: connection.id });
      setTest({ state: 'done', result });
    } catch (e) {
      setTest({ state: 'error', message: errorMessage(e) });
    }
  };

  const confirmRemove = async () => {
    setRemove('removing');
    setRemoveError(null);
    try {
      await call('connections.remove', { id: connection.id });
      onRemoved();
    } catch (e) {
      setRemove('idle');
      setRemoveError(errorMessage(e));
    }
  };

  return (
    <tr data-testid={testIds.connections.row} className={remove !== 'idle' ? 'row-confirming' : undefined}>
      <td className="cell-name" data-testid={testIds.connections.name}>
        {connection.name}
      </td>
      <td data-testid={testIds.connections.kind}>
        <span className={`kind kind-${connection.target.kind}`}>{kindLabel(connection.target.kind)}</span>
      </td>
      <td className="cell-target" data-testid={testIds.connections.target}>
        <div className="mono">{target.primary}</div>
        <div className="muted small">{target.secondary}</div>
      </td>
      <td
        className="cell-password"
        data-available={connection.passwordStatus ? String(connection.passwordStatus.available) : undefined}
      >
        <span data-testid={testIds.connections.passwordSource}>
          {connection.passwordStatus?.available === false ? (
            <span className="badge badge-warn">Password needed</span>
          ) : (
            passwordSourceLabel(connection.passwordSource)
          )}
        </span>
        {connection.passwordStatus && (
          <div className="muted small" data-testid={testIds.connections.passwordDetail}>
            {connection.passwordStatus.detail}
          </div>
        )}
      </td>
      <td className="cell-collector" data-testid={testIds.connections.collector}>
        <CollectorCell {...collector} />
      </td>
      <td className="cell-test" data-testid={testIds.connections.testResult} aria-live="polite">
        <TestResultView test={test} />
        {removeError !== null && (
          <div className="row-error" role="alert" data-testid={testIds.connections.rowError}>
            Could not remove: {removeError}
          </div>
        )}
      </td>
      <td className="col-actions">
        {remove === 'idle' ? (
          <div className="actions">
            <Button
              data-testid={testIds.connections.testButton}
              onClick={() => void runTest()}
              disabled={test.state === 'testing'}
              aria-label={`Test ${connection.name}`}
            >
              {test.state === 'testing' ? 'Testing…' : 'Test'}
            </Button>
            {admin && (
              <Button
                look="quiet"
                data-testid={testIds.connections.removeButton}
                onClick={() => setRemove('confirming')}
                aria-label={`Remove ${connection.name}`}
              >
                Remove
              </Button>
            )}
          </div>
        ) : (
          <div className="actions confirm" role="group" aria-label={`Confirm removing ${connection.name}`}>
            <span className="confirm-text">Remove this connection?</span>
            <Button
              look="danger"
              data-testid={testIds.connections.removeConfirm}
              onClick={() => void confirmRemove()}
              disabled={remove === 'removing'}
            >
              {remove === 'removing' ? 'Removing…' : 'Remove'}
            </Button>
            <Button
              look="quiet"
              data-testid={testIds.connections.removeCancel}
              onClick={() => setRemove('idle')}
              disabled={remove === 'removing'}
            >
              Cancel
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}
