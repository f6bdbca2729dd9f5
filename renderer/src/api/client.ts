// The typed client every page uses: `call('connections.list', {})` resolves with the method's result
// or throws an ApiCallError with the core's code and words, whichever door is underneath.
import type { ApiClient, ApiMethod, ResultOf } from '../../../shared/api.ts';
import type { ApiResponse } from '../../../shared/errors.ts';
import { ApiCallError } from './ApiCallError.ts';
import type { Transport } from './Transport.ts';

export function createClient(transport: Transport): ApiClient {
  return async (method, args) => unwrap(method, await transport.call(method, args));
}

/**
 * The result of a successful response, typed by the method. The cast is the one place the client
 * trusts the core to answer with the contract's type (the contract test checks that it does).
 */
export function unwrap<M extends ApiMethod>(_method: M, response: ApiResponse<unknown>): ResultOf<M> {
  if (response.ok) return response.result as ResultOf<M>;
  throw new ApiCallError(response.error.code, response.error.message);
}
