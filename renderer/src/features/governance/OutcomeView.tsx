// An action's outcome in words (done / refused / failed), announced to screen readers.
import type { OutcomeWords } from './describeOutcome.ts';

export function OutcomeView({
  words,
  outcome,
  testId,
}: {
  words: OutcomeWords;
  outcome: string | null;
  testId: string;
}) {
  return (
    <div
      className={`outcome outcome-${words.tone}`}
      role="status"
      data-testid={testId}
      data-outcome={outcome ?? undefined}
    >
      <p className="outcome-headline">{words.headline}</p>
      {words.detail !== null && <p className="outcome-detail">{words.detail}</p>}
      {words.replayNote !== null && <p className="outcome-detail faint">{words.replayNote}</p>}
    </div>
  );
}
