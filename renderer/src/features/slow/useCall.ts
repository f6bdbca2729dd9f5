// One API call a component shows: re-run when its arguments change (compared by value), the answer of
// an outdated call dropped, the previous answer kept while the next loads (no flash of "Loading…"
// when a filter changes).
import { useEffect, useState } from 'react';
import type { ApiMethod, ArgsOf, ResultOf } from '../../../../shared/api.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';

export interface CallState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** The arguments `data` answers (null before the first answer). */
  answered: string | null;
}

/** `args` null: nothing to ask yet (no connection, no width, a detail not loaded). */
export function useCall<M extends ApiMethod>(method: M, args: ArgsOf<M> | null): CallState<ResultOf<M>> {
  const { call } = useApi();
  const key = args === null ? null : JSON.stringify(args);
  const [state, setState] = useState<CallState<ResultOf<M>>>({
    data: null,
    error: null,
    loading: key !== null,
    answered: null,
  });
  const [asked, setAsked] = useState<string | null>(null);

  // Mark loading during render when the arguments changed (React's "adjust state on prop change").
  if (asked !== key) {
    setAsked(key);
    setState((s) => ({ ...s, loading: key !== null, error: null }));
  }

  useEffect(() => {
    if (key === null) return;
    let current = true;
    call(method, JSON.parse(key) as ArgsOf<M>).then(
      (data) => {
        if (current) setState({ data, error: null, loading: false, answered: key });
      },
      (e: unknown) => {
        if (current) setState((s) => ({ ...s, error: errorMessage(e), loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [call, method, key]);

  return state;
}
