import type { ErrorCode } from '../../../shared/errors.ts';

/** An error a handler means to show the caller: its message is written for a user, not a log. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
