// The one way a test waits: on state, never on time. `waitFor` reads a value again and again until a
// condition holds and returns that value; on timeout it throws with what was awaited and the last value
// read, so a failure says what the system looked like instead of "timed out". `waitForValue` is the
// same for "until there is one" (a row, a match, an id). `onceEvent` waits for an event that is emitted.
//
// Timeouts are generous on purpose: the suite runs on 2-core machines that are often busy with other
// work (issue #13: a 5 s poll failed under CPU load). A correct system answers in milliseconds; the
// timeout only bounds how long a broken one takes to report. The interval is short enough to notice a
// change quickly and long enough not to hog the CPU that the system under test needs.
import type { EventEmitter } from 'node:events';

export const WAIT_TIMEOUT_MS = 30_000;
const INTERVAL_MS = 100;

export interface WaitOptions {
  /** What is awaited, in words, for the message on timeout. */
  what?: string;
  /** How long a broken system may keep us waiting (default WAIT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Pause between two reads (default 100 ms). */
  intervalMs?: number;
}

/** `options` may be just the words for what is awaited. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  until: (value: T) => boolean,
  options: WaitOptions | string = {},
): Promise<T> {
  const o = typeof options === 'string' ? { what: options } : options;
  const timeoutMs = o.timeoutMs ?? WAIT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!until(value)) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${o.what ?? 'a condition'}; last value: ${describe(value)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, o.intervalMs ?? INTERVAL_MS));
    value = await read();
  }
  return value;
}

/** Waits until `read` gives something other than null or undefined, and returns it. */
export async function waitForValue<T>(
  read: () => T | null | undefined | Promise<T | null | undefined>,
  options: WaitOptions | string = {},
): Promise<T> {
  const value = await waitFor(read, (v) => v !== null && v !== undefined, options);
  return value as T;
}

/**
 * The next `event` from `emitter` whose first argument passes `accept` (any, by default). Throws after
 * the timeout, naming the event.
 */
export function onceEvent<T = unknown>(
  emitter: EventEmitter,
  event: string,
  accept: (value: T) => boolean = () => true,
  options: Pick<WaitOptions, 'timeoutMs' | 'what'> = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? WAIT_TIMEOUT_MS;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(
        new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? `the event ${event}`}`),
      );
    }, timeoutMs);
    const listener = (value: T) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}

function describe(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 500);
  } catch {
    return String(value).slice(0, 500);
  }
}
