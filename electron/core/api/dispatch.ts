// The only entry either door calls (DESIGN.md §2): method name checked, arguments validated, the
// handler run, and every failure turned into `{ ok: false, error: { code, message } }` with no stack
// trace. Unexpected errors are logged with a reference the user can quote.
import { randomUUID } from 'node:crypto';
import { API_METHODS, isApiMethod, type ApiMethod, type ArgsOf, type ResultOf } from '../../../shared/api.ts';
import type { ApiResponse } from '../../../shared/errors.ts';
import { validateArgs } from '../../../shared/validate.ts';
import { ApiError } from '../base/ApiError.ts';
import type { Caller } from './Caller.ts';
import type { Logger } from '../base/Logger.ts';

export type ApiHandlers = {
  [M in ApiMethod]: (args: ArgsOf<M>, caller: Caller) => Promise<ResultOf<M>>;
};

export type Dispatch = (method: string, args: unknown, caller: Caller) => Promise<ApiResponse<unknown>>;

/** Told about every state-changing call a door refused, so refused admin actions reach the audit log. */
export type RefusalListener = (method: ApiMethod, args: unknown, message: string) => void;

export function createDispatch(handlers: ApiHandlers, log: Logger, onRefused?: RefusalListener): Dispatch {
  return async (method, args, caller) => {
    if (!isApiMethod(method)) {
      return fail('unknown_method', `There is no API method called "${printable(method)}".`);
    }
    const valid = validateArgs(method, args);
    if (API_METHODS[method].mutates && !caller.admin) {
      const message = `${method} changes state, and this door is read-only. Use the desktop app, or start the server with --admin.`;
      try {
        // What reaches the audit log is bounded by the schemas, whoever sends it: arguments that do
        // not pass are recorded as the reason they do not, never as sent.
        onRefused?.(
          method,
          valid.ok ? valid.args : {},
          valid.ok
            ? message
            : `${message} Its arguments were not valid either: ${valid.message.slice(0, 300)}`,
        );
      } catch (error) {
        log.error(`could not record the refusal of ${method}`, error);
      }
      return fail('read_only', message);
    }
    if (!valid.ok) return fail('invalid_args', `${method}: ${valid.message}`);
    try {
      const handler = handlers[method] as (a: unknown, c: Caller) => Promise<unknown>;
      return { ok: true, result: await handler(valid.args, caller) };
    } catch (error) {
      if (error instanceof ApiError) return fail(error.code, error.message);
      const ref = randomUUID().slice(0, 8);
      log.error(`api ${method} failed (ref ${ref})`, error);
      return fail('internal', `Nightshift hit an unexpected error (ref ${ref}); the log has the details.`);
    }
  };
}

function fail(code: ApiError['code'], message: string): ApiResponse<never> {
  return { ok: false, error: { code, message } };
}

/** Method names arrive from the network: keep them short and printable in messages. */
function printable(s: string): string {
  return s.replace(/[^\w.-]/g, '?').slice(0, 60);
}
