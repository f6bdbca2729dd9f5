// Our own bounded retries on top of the SDK's (createCloudWatchApi): after the SDK has used its fast
// attempts, wait longer (throttling usually means "slow down for a few seconds") and try a couple more
// times; then give up and let the run fail, so the scheduler's backoff takes over.

export interface RetryOptions {
  /** Waits before each extra try, ms; its length is the number of extra tries. */
  delaysMs: readonly number[];
  signal: AbortSignal;
  /** Called before each extra try (for logging). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkErrorLike {
  name?: string;
  code?: string;
  $fault?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** Throttling, 5xx and network errors are worth another try; anything else (4xx, aborts) is not. */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorLike;
  if (e.name === 'AbortError') return false;
  if (e.name !== undefined && THROTTLING.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  if (e.$fault === 'server' || e.$retryable !== undefined) return true;
  if (e.name === 'TimeoutError' || (e.code !== undefined && NETWORK.has(e.code))) return true;
  return false;
}

/** HTTP requests an SDK call made (its retries included), 1 when unknown. */
export function attemptsOf(error: unknown): number {
  const attempts = (error as SdkErrorLike | null)?.$metadata?.attempts;
  return typeof attempts === 'number' && attempts > 0 ? attempts : 1;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('The run was stopped.');
  error.name = 'AbortError';
  return error;
}

export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError';
  constructor(
    message: string,
    readonly requests: number,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/** Runs `call`, retrying retryable failures after each delay; throws RetriesExhaustedError at the end. */
export async function withRetries<T>(
  what: string,
  call: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  let requests = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      requests += attemptsOf(error);
      if (options.signal.aborted) throw abortError(options.signal);
      const delay = options.delaysMs[attempt];
      if (!isRetryable(error)) throw error;
      if (delay === undefined) {
        const e = error as SdkErrorLike & { message?: string };
        throw new RetriesExhaustedError(
          `${what} failed after ${requests} requests: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`,
          requests,
          error,
        );
      }
      options.onRetry?.(error, attempt + 1, delay);
      // Full jitter on our own waits too, so several connections do not retry in step.
      await sleep(Math.round(delay / 2 + (Math.random() * delay) / 2), options.signal);
    }
  }
}
