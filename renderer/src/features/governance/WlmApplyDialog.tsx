// Apply, last step: the preview against what the cluster holds now (changes, dynamic or reboot), a
// required reason, then wlm.apply with a key from connection + base version + the JSON, so a double
// click or a retry is one ModifyClusterParameterGroup and one audit record. The core compares the
// version again right before writing and refuses if someone changed the group meanwhile.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { WlmApplyResult, WlmPreview } from '../../../../shared/model/governance.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { Dialog } from './Dialog.tsx';
import { describeCallError, describeOutcome, type OutcomeWords } from './describeOutcome.ts';
import { wlmApplyKey } from './idempotencyKeys.ts';
import { ConfirmStep } from './ConfirmStep.tsx';
import { ChangeList } from './WlmResultPanels.tsx';

const gov = testIds.governance;

interface Props {
  connectionId: string;
  parameterGroup: string;
  json: string;
  baseVersion: string;
  onResult: (result: WlmApplyResult) => void;
  onClose: () => void;
}

export function WlmApplyDialog({
  connectionId,
  parameterGroup,
  json,
  baseVersion,
  onResult,
  onClose,
}: Props) {
  const { call } = useApi();
  const [preview, setPreview] = useState<WlmPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [words, setWords] = useState<OutcomeWords | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const sent = useRef(false);

  useEffect(() => {
    let live = true;
    call('wlm.preview', { connectionId, json, baseVersion }).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setPreviewError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [call, connectionId, json, baseVersion]);

  const errors = preview?.problems.filter((p) => p.severity === 'error').length ?? 0;
  const blocked =
    preview === null
      ? 'Reading the current configuration…'
      : !preview.baseIsCurrent
        ? 'The configuration changed since you loaded it: close, review the newer one and reload.'
        : errors > 0
          ? 'The configuration has problems; fix them first.'
          : preview.applyKind === 'none'
            ? 'Nothing to apply: the configuration is the same as the cluster’s.'
            : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const why = reason.trim();
    if (why === '' || blocked !== null || sent.current) return;
    sent.current = true;
    setBusy(true);
    try {
      const result = await call('wlm.apply', {
        connectionId,
        json,
        baseVersion,
        reason: why,
        idempotencyKey: wlmApplyKey(connectionId, baseVersion, json),
      });
      setWords(describeOutcome(result));
      setOutcome(result.outcome);
      onResult(result);
    } catch (error) {
      setWords(describeCallError(errorMessage(error)));
      setOutcome('failed');
    } finally {
      setBusy(false);
    }
  };

  const finished = words !== null;
  return (
    <Dialog
      title={`Apply the WLM configuration to ${parameterGroup}?`}
      testId={gov.dialog}
      onClose={onClose}
      canClose={!busy}
      wide
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        {previewError !== null && <p className="notice notice-danger">Could not preview: {previewError}</p>}
        {preview === null && previewError === null && <p className="muted">Comparing with the cluster…</p>}
        {preview !== null && (
          <>
            <ChangeList preview={preview} />
            <p
              className="notice notice-info"
              data-testid={testIds.wlmEditor.applyNote}
              data-kind={preview.applyKind}
            >
              {preview.applyNote}
            </p>
          </>
        )}
        {blocked !== null && preview !== null && !finished && (
          <p className="notice notice-warn" data-testid={gov.dialogWarning}>
            {blocked}
          </p>
        )}
        <ConfirmStep
          reason={reason}
          onReason={setReason}
          placeholder="e.g. more slots for the nightly ETL after the Black Friday backlog"
          busy={busy}
          words={words}
          outcome={outcome}
          onClose={onClose}
          closeLabel="Back to editing"
          confirmLabel="Apply"
          busyLabel="Applying…"
          tone="primary"
          blocked={blocked !== null}
        />
      </form>
    </Dialog>
  );
}
