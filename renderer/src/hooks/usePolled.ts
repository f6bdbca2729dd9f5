// One API read kept current: loaded at once, again every `everyMs` (after the previous answer, so slow
// answers never pile up) and whenever `reload` changes. The last answer stays on screen while the next
// one is on its way and when a later one fails (the error is shown next to it), so a refresh never
// blanks a table the reader is looking at. A new `key` (another connection) starts from nothing.
// useCall builds on it for one-off reads whose arguments change.
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/ApiCallError.ts';

export interface Polled<T> {
  /** The last answer for this key; null until the first one. */
  data: T | null;
  /** Why the latest load failed; null after a success. */
  error: string | null;
  /** The `reload` value the shown data was loaded for (tells a stale answer from a current one). */
  loadedFor: string | null;
  /** Epoch ms of the last answer. */
  loadedAt: number | null;
  /** True until the current `reload` value has an answer or a failure. */
  loading: boolean;
}

interface Held<T> {
  key: string | null;
  data: T | null;
  error: string | null;
  loadedFor: string | null;
  loadedAt: number | null;
  /** The `reload` value of the latest answer or failure. */
  settledFor: string | null;
}

const NOTHING = { data: null, error: null, loadedFor: null, loadedAt: null, settledFor: null };

export function usePolled<T>(
  key: string | null,
  load: () => Promise<T>,
  options: { everyMs?: number | null; reload?: string } = {},
): Polled<T> {
  const { everyMs = null, reload = '' } = options;
  const [held, setHeld] = useState<Held<T>>({ key: null, ...NOTHING });
  const latestLoad = useRef(load);
  // Declared before the polling effect, so a changed `reload` polls with the matching `load`.
  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    if (key === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      latestLoad
        .current()
        .then(
          (data) => {
            if (stopped) return;
            setHeld({ key, data, error: null, loadedFor: reload, loadedAt: Date.now(), settledFor: reload });
          },
          (e: unknown) => {
            if (stopped) return;
            const error = errorMessage(e);
            setHeld((h) =>
              h.key === key
                ? { ...h, error, settledFor: reload }
                : { key, ...NOTHING, error, settledFor: reload },
            );
          },
        )
        .finally(() => {
          if (!stopped && everyMs !== null) timer = setTimeout(tick, everyMs);
        });
    };
    tick();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [key, reload, everyMs]);

  if (key === null || held.key !== key) return { ...NOTHING, loading: key !== null };
  const { data, error, loadedFor, loadedAt, settledFor } = held;
  return { data, error, loadedFor, loadedAt, loading: settledFor !== reload };
}
