// One API call a component shows, re-run when its arguments change (compared by value): usePolled
// with the arguments as the reload value, so an outdated call's answer is dropped and the previous
// answer stays while the next loads (no flash of "Loading…" when a filter changes).
import type { ApiMethod, ArgsOf, ResultOf } from '../../../shared/api.ts';
import { useApi } from '../api/ApiContext.tsx';
import { usePolled } from './usePolled.ts';

export interface CallState<T> {
  data: T | null;
  /** Why the call for the current arguments failed; null while it runs and after a success. */
  error: string | null;
  loading: boolean;
  /** The arguments `data` answers (null before the first answer). */
  answered: string | null;
}

/** `args` null: nothing to ask yet (no connection, no width, a detail not loaded). */
/** `version`: a change asks again with the same arguments (e.g. after saving what the answer depends on). */
export function useCall<M extends ApiMethod>(
  method: M,
  args: ArgsOf<M> | null,
  version = 0,
): CallState<ResultOf<M>> {
  const { call } = useApi();
  const key = args === null ? null : JSON.stringify(args);
  const polled = usePolled<ResultOf<M>>(
    key === null ? null : method,
    () => (args === null ? Promise.reject(new Error('nothing to ask')) : call(method, args)),
    { reload: key === null ? '' : version === 0 ? key : `${version}|${key}` },
  );
  return {
    data: polled.data,
    error: polled.loading ? null : polled.error,
    loading: polled.loading,
    answered: polled.loadedFor,
  };
}
