import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `everyMs`. The collector pushes an event when a job's state
 * changes, not when its data merely grows old, so views that say "stale" or "no new data for 12 min"
 * need a clock of their own.
 */
export function useNow(everyMs = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
