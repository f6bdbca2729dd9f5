/** Error codes every door returns in `{ ok: false, error: { code, message } }`. */
export const ERROR_CODES = [
  'unknown_method',
  'invalid_args',
  'unauthorized',
  'forbidden',
  'read_only',
  'not_found',
  'conflict',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

export type ApiResponse<T> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };
