// Retry delays after failures: exponential with jitter, capped. A lost server or network is retried
// with a low cap (the job must be collecting again within seconds of the server's return); a
// statement that failed is retried with a high one (it would most likely fail the same way at once).

export interface BackoffOptions {
  connectionLost: boolean;
  /** Consecutive failures so far, at least 1. */
  failures: number;
  intervalMs: number;
  connectionCapMs: number;
  failureCapMs: number;
  random?: () => number;
}

export function backoffDelay(o: BackoffOptions): number {
  const random = o.random ?? Math.random;
  const base = o.connectionLost ? 1_000 : Math.min(o.intervalMs, 5_000);
  const cap = o.connectionLost ? o.connectionCapMs : Math.max(o.failureCapMs, base);
  const exponent = Math.min(o.failures - 1, 20);
  const ceiling = Math.min(cap, base * 2 ** exponent);
  // "Equal jitter": between half the ceiling and the ceiling, so retries spread out but never bunch at 0.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
