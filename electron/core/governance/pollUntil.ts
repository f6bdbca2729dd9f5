// Reading again after an action: the cluster takes a moment to show a cancelled statement gone or a
// session closed, so confirmation polls for a bounded time instead of reading once.

export const CONFIRM_WITHIN_MS = 10_000;
const INTERVAL_MS = 250;

/** Reads until `done` holds or `withinMs` passed; returns the last reading and whether `done` held. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  withinMs = CONFIRM_WITHIN_MS,
): Promise<{ value: T; done: boolean }> {
  const until = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value)) return { value, done: true };
    if (Date.now() >= until) return { value, done: false };
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}
