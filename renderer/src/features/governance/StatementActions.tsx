// The Cancel query / End session buttons for one statement, shown in the live view and the query
// detail (admins only: the read-only door would refuse the call anyway). Each opens the confirmation
// dialog (ActionDialog) that names the target, asks for a reason and shows the outcome.
import { useContext, type MouseEvent } from 'react';
import type { ActionResult, SessionTarget, StatementTarget } from '../../../../shared/model/governance.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { ViewStateContext } from '../../app/ViewState.ts';
import type { ActionKind } from './ActionDialog.tsx';
import { showActionDialog } from './actionDialogHost.tsx';
import { Button } from '../../components/Button';
import './governance.css';

const ids = testIds.governance;

export interface StatementActionsProps {
  connectionId: string;
  /** The statement exactly as the user sees it; re-checked by the core before acting. */
  statement: StatementTarget;
  /** Its session, when known: enables "End session". */
  session?: SessionTarget;
  /** The statement's text when the caller has it (shown in the dialog); otherwise read on open. */
  textPreview?: string | null;
  onDone?: (result: ActionResult) => void;
}

export function StatementActions({
  connectionId,
  statement,
  session,
  textPreview,
  onDone,
}: StatementActionsProps) {
  const { info } = useAppState();
  const api = useApi();
  const zone = useContext(ViewStateContext)?.zone ?? 'utc';
  if (!info.admin) return null;

  const open = (kind: ActionKind) =>
    showActionDialog(api, {
      kind,
      connectionId,
      statement,
      ...(session ? { session } : {}),
      ...(textPreview !== undefined ? { textPreview } : {}),
      zone,
      ...(onDone ? { onDone } : {}),
    });

  // Inside a clickable row: the button acts, the row does not also toggle.
  const openOnly = (kind: ActionKind) => (event: MouseEvent) => {
    event.stopPropagation();
    open(kind);
  };
  return (
    <span className="statement-actions">
      <Button
        look="danger-quiet"
        small
        data-testid={ids.cancelButton}
        data-query={statement.query}
        data-pid={statement.pid}
        onClick={openOnly('cancel')}
      >
        Cancel query
      </Button>
      {session && (
        <Button
          look="danger-quiet"
          small
          data-testid={ids.terminateButton}
          data-pid={session.pid}
          onClick={openOnly('terminate')}
        >
          End session
        </Button>
      )}
    </span>
  );
}
