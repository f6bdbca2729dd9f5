// An audited change made from a form (batch settings, job rules, a job's SLA, a feed): the form's status
// line is cleared, then says the change was saved and recorded, or why not in the server's words (a
// read-only door's refusal included). Five handlers wrote this out by hand (issue #15).
import { errorMessage } from '../api/ApiCallError.ts';

export const SAVED = 'Saved (recorded in the audit log).';

/**
 * Runs `change`; on success shows `done` (null: the caller shows it, e.g. after a remount) and answers
 * true, on failure shows why and answers false.
 */
export async function auditedChange(
  setMessage: (message: string | null) => void,
  change: () => Promise<unknown>,
  done: string | null = SAVED,
): Promise<boolean> {
  setMessage(null);
  try {
    await change();
    if (done !== null) setMessage(done);
    return true;
  } catch (error) {
    setMessage(`Not saved: ${errorMessage(error)}`);
    return false;
  }
}
