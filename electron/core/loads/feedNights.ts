// What the ledger and the drift report both mean by a feed's night and its habit: a night is the UTC
// calendar day its COPYs started, and a night is judged against the feed's previous BASELINE_NIGHTS
// nights once it has at least MIN_BASELINE of them. One home, so the two views never disagree.
export const DAY_US = 86_400_000_000;
export const BASELINE_NIGHTS = 28;
/** Nights of history a feed needs before it can be judged late, missing, off-size or drifting. */
export const MIN_BASELINE = 3;

/** 'YYYY-MM-DD' of a day number (days since the epoch, UTC). */
export const dateOf = (day: number): string => new Date((day * DAY_US) / 1000).toISOString().slice(0, 10);
