import type { ErrorCode } from '../../../shared/errors.ts';

/** The doors' error codes, plus the one only the client can see: no usable answer came back at all. */
export type ClientErrorCode = ErrorCode | 'network';

/** What `call` throws when a method fails; `message` is written for the user and shown as is. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The words to show for anything a call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return 'Something went wrong, and no reason was given.';
}
