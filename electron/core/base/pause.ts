// Waiting that a stop interrupts. The listener is removed when the wait ends by itself: a loop that
// waits many times on one long-lived signal must not pile up listeners (MaxListenersExceededWarning).

/** Resolves after `ms`, or as soon as `signal` aborts (without an error: the caller checks the signal). */
export function pause(
  ms: number,
  signal: AbortSignal,
  onTimer?: (timer: NodeJS.Timeout) => void,
): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    onTimer?.(timer);
    signal.addEventListener('abort', done, { once: true });
  });
}
