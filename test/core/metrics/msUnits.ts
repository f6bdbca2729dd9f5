// Milliseconds in a minute, an hour and a day, as the metrics tests count time.
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
