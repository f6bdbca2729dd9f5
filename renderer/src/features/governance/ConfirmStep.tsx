// The end of every admin dialog: the required reason (kept in the audit log), the outcome in words once
// the core answered, and the footer (close / confirm). Confirm stays disabled without a reason and while
// the call runs, so the UI never sends twice (the idempotency key covers the rest).
import { testIds } from '../../../../shared/testIds.ts';
import type { OutcomeWords } from './describeOutcome.ts';
import { OutcomeView } from './OutcomeView.tsx';
import { Button } from '../../components/Button';

const ids = testIds.governance;

export interface ConfirmStepProps {
  reason: string;
  onReason(reason: string): void;
  placeholder: string;
  busy: boolean;
  words: OutcomeWords | null;
  outcome: string | null;
  onClose(): void;
  /** The close button's label before the action ran ("Keep it running", "Back to editing"). */
  closeLabel: string;
  confirmLabel: string;
  busyLabel: string;
  tone: 'danger' | 'primary';
  /** Another reason Confirm may not be pressed (e.g. validation problems). */
  blocked?: boolean;
}

export function ConfirmStep(p: ConfirmStepProps) {
  const finished = p.words !== null;
  return (
    <>
      <label className="field">
        <span className="field-label">Reason (required, kept in the audit log)</span>
        <input
          className="input"
          data-testid={ids.reason}
          data-autofocus
          value={p.reason}
          maxLength={500}
          disabled={p.busy || finished}
          // The reason is printed in the audit view and the CSV: keep it to one printable line.
          onChange={(e) => p.onReason(e.target.value.replace(/[\u0000-\u001f\u007f]/g, ' '))}
          placeholder={p.placeholder}
          aria-required="true"
        />
      </label>
      {p.words !== null && <OutcomeView words={p.words} outcome={p.outcome} testId={ids.outcome} />}
      <div className="dialog-footer">
        <Button look="quiet" data-testid={ids.close} onClick={p.onClose} disabled={p.busy}>
          {finished ? 'Close' : p.closeLabel}
        </Button>
        {!finished && (
          <Button
            type="submit"
            look={p.tone}
            data-testid={ids.confirm}
            disabled={p.busy || p.reason.trim() === '' || p.blocked === true}
          >
            {p.busy ? p.busyLabel : p.confirmLabel}
          </Button>
        )}
      </div>
    </>
  );
}
