/** Calls `fn` at most once per `ms`: the first call at once, later ones folded into one trailing call. */
export function throttle(fn: () => void, ms: number): { (): void; cancel(): void } {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const call = () => {
    timer = undefined;
    last = Date.now();
    fn();
  };
  const throttled = () => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) call();
    else {
      timer = setTimeout(call, wait);
      timer.unref?.();
    }
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
