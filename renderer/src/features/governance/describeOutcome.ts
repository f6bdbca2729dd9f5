// An action's result in words: what the dialog and the editor say after the core answered.
import type { ActionResult } from '../../../../shared/model/governance.ts';

export interface OutcomeWords {
  tone: 'ok' | 'warn' | 'error';
  headline: string;
  detail: string | null;
  /** Set when the core answered with the stored result of the same request made earlier. */
  replayNote: string | null;
}

export function describeOutcome(result: ActionResult): OutcomeWords {
  const replayNote = result.replayed
    ? 'This is the recorded result of the same request made earlier (a double click, a retry or another window); nothing was sent again.'
    : null;
  switch (result.outcome) {
    case 'done':
      return {
        tone: 'ok',
        headline: `Done. ${result.message}`,
        detail: result.confirmation === null ? null : `Checked afterwards: ${result.confirmation}`,
        replayNote,
      };
    case 'refused':
      return { tone: 'warn', headline: `Refused. ${result.message}`, detail: null, replayNote };
    case 'failed':
      return { tone: 'error', headline: `Failed. ${result.message}`, detail: null, replayNote };
  }
}

/** When the call itself failed (door refused it, network), there is no result: only words. */
export function describeCallError(message: string): OutcomeWords {
  return { tone: 'error', headline: `Failed. ${message}`, detail: null, replayNote: null };
}
