// Start times arrive in two shapes: the cluster's 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC, REFERENCE 1.1)
// and the API's ISO-8601. Both become microseconds before they are compared.
import { microsFromIso, microsFromTimestamp } from '../base/redshiftTime.ts';

/**
 * How far apart two readings of one start time may be. The live view's wlm_start_time and the
 * history's starttime of one statement can differ by the queue hand-over, and the API may have
 * rounded to milliseconds; a different statement that reuses a query id (ids restart with the
 * cluster) started minutes or days apart.
 */
export const START_TOLERANCE_US = 1_000_000;

export function clusterMicros(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  try {
    return microsFromTimestamp(String(text));
  } catch {
    return null;
  }
}

export function apiMicros(iso: string): number {
  return microsFromIso(iso);
}

/** A cluster timestamp as ISO-8601 for messages; the raw text when it does not parse. */
export function readable(text: string | null | undefined): string {
  const us = clusterMicros(text);
  return us === null ? String(text) : new Date(Math.floor(us / 1000)).toISOString();
}
