// A failure in words for the status (no stack traces, no secrets).
import { redactSecrets } from './Logger.ts';

export function describeError(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
  };
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  const code = typeof e.code === 'string' ? ` (${e.code})` : '';
  return redactSecrets(`${message}${code}`).slice(0, 500);
}
