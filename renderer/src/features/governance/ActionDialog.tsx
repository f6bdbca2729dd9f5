// The confirmation for Cancel query / End session: exactly which statement or session, a required
// reason, the plain consequence, then the outcome in words. The core re-checks the target before
// acting (pid, query id, user, start time must still match), so the dialog shows what the user saw.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ActionResult, SessionTarget, StatementTarget } from '../../../../shared/model/governance.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { formatDateTime, zoneLabel, type TimeZoneChoice } from '../../time/formatTime.ts';
import { Dialog } from './Dialog.tsx';
import { describeCallError, describeOutcome, type OutcomeWords } from './describeOutcome.ts';
import { cancelKey, terminateKey } from './idempotencyKeys.ts';
import { ConfirmStep } from './ConfirmStep.tsx';

const ids = testIds.governance;

export type ActionKind = 'cancel' | 'terminate';

export interface ActionDialogProps {
  kind: ActionKind;
  connectionId: string;
  statement: StatementTarget;
  session?: SessionTarget;
  /** The statement's text as the caller has it; otherwise it is read with live.text. */
  textPreview?: string | null;
  zone: TimeZoneChoice;
  onDone?: (result: ActionResult) => void;
  onClose: () => void;
}

/** Only the fields the core accepts, each only when it holds a value (the live view may have nulls). */
export function statementTargetOf(s: StatementTarget): StatementTarget {
  const t: StatementTarget = { pid: s.pid, query: s.query, userName: s.userName };
  if (typeof s.startTime === 'string' && s.startTime !== '') t.startTime = s.startTime;
  if (typeof s.xid === 'number') t.xid = s.xid;
  return t;
}

export function sessionTargetOf(s: SessionTarget, statement: StatementTarget): SessionTarget {
  const t: SessionTarget = { pid: s.pid, userName: s.userName };
  if (typeof s.sessionStart === 'string' && s.sessionStart !== '') t.sessionStart = s.sessionStart;
  const query = typeof s.query === 'number' ? s.query : statement.query;
  if (typeof query === 'number') t.query = query;
  return t;
}

export function ActionDialog(props: ActionDialogProps) {
  const { kind, connectionId, statement, session, zone, onDone, onClose } = props;
  const { call } = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [words, setWords] = useState<OutcomeWords | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(props.textPreview ?? null);
  const sent = useRef(false);

  useEffect(() => {
    if (props.textPreview !== undefined && props.textPreview !== null) return;
    let live = true;
    call('live.text', { connectionId, query: statement.query }).then(
      (t) => {
        if (live) setText(t.text);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [call, connectionId, statement.query, props.textPreview]);

  const send = (why: string): Promise<ActionResult> => {
    if (kind === 'cancel') {
      const target = statementTargetOf(statement);
      return call('actions.cancel', {
        connectionId,
        target,
        reason: why,
        idempotencyKey: cancelKey(connectionId, target),
      });
    }
    const target = sessionTargetOf(
      session ?? { pid: statement.pid, userName: statement.userName },
      statement,
    );
    return call('actions.terminate', {
      connectionId,
      target,
      reason: why,
      idempotencyKey: terminateKey(connectionId, target),
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const why = reason.trim();
    // One request per dialog: a second click (or Enter) while the first runs sends nothing.
    if (why === '' || sent.current) return;
    sent.current = true;
    setBusy(true);
    try {
      const result = await send(why);
      setWords(describeOutcome(result));
      setOutcome(result.outcome);
      onDone?.(result);
    } catch (error) {
      setWords(describeCallError(errorMessage(error)));
      setOutcome('failed');
    } finally {
      setBusy(false);
    }
  };

  const title =
    kind === 'cancel' ? `Cancel query ${statement.query}?` : `End session ${session?.pid ?? statement.pid}?`;
  const started = kind === 'cancel' ? statement.startTime : session?.sessionStart;

  return (
    <Dialog title={title} testId={ids.dialog} onClose={onClose} canClose={!busy}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <dl className="target-list" data-testid={ids.dialogTarget}>
          {kind === 'terminate' && (
            <>
              <dt>Session (pid)</dt>
              <dd className="mono">{session?.pid ?? statement.pid}</dd>
            </>
          )}
          <dt>Query id</dt>
          <dd className="mono">{statement.query}</dd>
          {kind === 'cancel' && (
            <>
              <dt>Process id (pid)</dt>
              <dd className="mono">{statement.pid}</dd>
            </>
          )}
          <dt>User</dt>
          <dd>{session?.userName ?? statement.userName}</dd>
          {typeof statement.xid === 'number' && (
            <>
              <dt>Transaction</dt>
              <dd className="mono">{statement.xid}</dd>
            </>
          )}
          <dt>{kind === 'cancel' ? 'Started' : 'Session started'}</dt>
          <dd>{started ? `${formatDateTime(started, zone)} ${zoneLabel(zone)}` : 'not known'}</dd>
        </dl>
        {text !== null && text !== '' && (
          <pre className="action-preview" data-testid={ids.dialogPreview}>
            {text}
          </pre>
        )}

        <p
          className={`notice ${kind === 'terminate' ? 'notice-danger' : 'notice-info'}`}
          data-testid={ids.dialogWarning}
        >
          {kind === 'terminate'
            ? 'Ending the session rolls back its open transaction and releases its locks. The client is disconnected.'
            : 'Cancelling stops this statement only; if it runs inside a transaction, that transaction is rolled back. The session stays connected.'}{' '}
          Nightshift checks the {kind === 'cancel' ? 'statement' : 'session'} again first: if it is no longer
          the one shown here, nothing is done.
        </p>

        <ConfirmStep
          reason={reason}
          onReason={setReason}
          placeholder={
            kind === 'cancel'
              ? 'e.g. runaway query blocking the nightly load'
              : 'e.g. idle session holding locks'
          }
          busy={busy}
          words={words}
          outcome={outcome}
          onClose={onClose}
          closeLabel="Keep it running"
          confirmLabel={kind === 'cancel' ? 'Cancel query' : 'End session'}
          busyLabel="Working…"
          tone="danger"
        />
      </form>
    </Dialog>
  );
}
