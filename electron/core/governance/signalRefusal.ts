// What the cluster's refusal of pg_cancel_backend / pg_terminate_backend means, in words. Redshift
// lets a user signal only their own sessions unless they are a superuser or hold sys:operator
// (REFERENCE 2.2, 6.4); the raw PostgreSQL text ("permission denied ...", SQLSTATE 42501) says little
// about what to do, so the result names the user and the role it lacks.
import type { ActionOutcome } from '../../../shared/model/governance.ts';

export type Signal = 'cancel' | 'terminate';

interface PgErrorLike {
  code?: unknown;
  message?: unknown;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The outcome and words for an error the signal itself raised; null when it is not one of the known
 * refusals (the caller then reports the raw error as a failure).
 *
 * Missing privilege is 'failed', not 'refused': nothing happened, and the same request may succeed
 * once the role is granted, so its idempotency key is released for that retry (runAction.ts).
 * A pid that no longer exists is 'refused': the target changed between the check and the signal.
 */
export function signalRefusal(
  error: unknown,
  signal: Signal,
  dbUser: string | null,
  pid: number,
): { outcome: ActionOutcome; message: string } | null {
  const e = (typeof error === 'object' && error !== null ? error : {}) as PgErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const raw = typeof e.message === 'string' ? e.message : '';
  const who = dbUser ?? 'This connection’s database user';
  if (
    code === '42501' ||
    /permission denied|must be (a )?superuser|not (a )?superuser|privilege/i.test(raw)
  ) {
    return {
      outcome: 'failed',
      message:
        signal === 'cancel'
          ? `${who} may not cancel other users' statements: it needs superuser or the sys:operator role. Nothing was cancelled.`
          : `${who} may not end other users' sessions: it needs superuser (or the sys:operator role). Nothing was ended.`,
    };
  }
  if (/session \d+ does not exist|does not exist.*pid|no such (process|session)/i.test(raw)) {
    return {
      outcome: 'refused',
      message: `The session restarted: session ${pid} no longer exists (its pid may have changed). Nothing was ${
        signal === 'cancel' ? 'cancelled' : 'ended'
      }.`,
    };
  }
  return null;
}
