// Waiting on work that cannot itself be aborted (a pool checkout, a running pg query) while honouring
// an AbortSignal. One home for the race so every waiter removes its listener on both paths: listeners
// left on a long-lived signal are how MaxListenersExceededWarning and slow leaks start (issue #13.8).

/** The signal's reason when it is an Error, else the DOMException fetch and timers use. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');
}

export interface SettleOrAbortHooks<T> {
  /** Runs once if the signal wins; the work keeps going, so this is where it is cleaned up. */
  onAbort?: (work: Promise<T>) => void;
  /** Runs if the work fails before the signal fires. */
  onError?: (error: unknown) => void;
}

/**
 * Resolves with the work's result, or rejects with the abort reason as soon as the signal fires
 * (whichever comes first). A result that arrives after the abort is dropped: onAbort owns it.
 */
export function settleOrAbort<T>(
  work: Promise<T>,
  signal: AbortSignal,
  hooks: SettleOrAbortHooks<T> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      hooks.onAbort?.(work);
      reject(abortReason(signal));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (!signal.aborted) resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) return;
        hooks.onError?.(error);
        reject(error);
      },
    );
  });
}
