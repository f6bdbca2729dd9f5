// Statements per calendar day in the business time zone (the month-start view's "statements per day"):
// every stored statement, ad hoc ones included, summed from the per-quarter-hour counts QueryStore.upsert
// keeps at ingest (query_quarters, 0019_query_quarters.sql). The batch rollups cannot give this: they are cut
// by night window and hold labelled statements only, so a month-start calendar day would be split over
// two nights and its ad hoc analysts' queries (~2.8x on those days) left out.
import type Database from 'better-sqlite3';
import { addDays, instantOfLocal, offsetMinutes } from '../../base/zonedTime.ts';

/**
 * The instants (UTC ms) local days from..to start at, and the one after `to`. Each midnight is guessed
 * from the day before's offset and checked with one look at the zone (Intl, the slow part: a year of
 * days took a third of the month-start view); only around a DST change is it worked out in full.
 */
export function localMidnights(from: string, to: string, timeZone: string): number[] {
  let t = instantOfLocal(from, 0, timeZone);
  let offset = offsetMinutes(t, timeZone);
  const out = [t];
  for (let day = from; day <= to;) {
    day = addDays(day, 1);
    const guess = Date.parse(`${day}T00:00:00Z`) - offset * 60_000;
    // The guess is that midnight when the offset still holds there (no change that day).
    if (offsetMinutes(guess, timeZone) === offset) t = guess;
    else {
      t = instantOfLocal(day, 0, timeZone);
      offset = offsetMinutes(t, timeZone);
    }
    out.push(t);
  }
  return out;
}

/** 'YYYY-MM-DD' -> statements started that local day, for days from..to inclusive. */
export function readDailyStatements(
  db: Database.Database,
  connectionId: string,
  from: string,
  to: string,
  timeZone: string,
): Map<string, number> {
  const out = new Map<string, number>();
  const midnights = localMidnights(from, to, timeZone);
  // [quarter start, statements], in time order: a few dozen thousand rows for a year.
  const quarters = db
    .prepare(
      `SELECT quarter_us, statements FROM query_quarters
       WHERE connection_id = ? AND quarter_us >= ? AND quarter_us < ? ORDER BY quarter_us`,
    )
    .raw(true)
    .all(connectionId, midnights[0]! * 1000, midnights.at(-1)! * 1000) as [number, number][];
  let i = 0;
  let day = from;
  for (let d = 1; d < midnights.length && i < quarters.length; d++) {
    const dayEndUs = midnights[d]! * 1000;
    let n = 0;
    for (; i < quarters.length && quarters[i]![0] < dayEndUs; i++) n += quarters[i]![1];
    if (n > 0) out.set(day, n);
    day = addDays(day, 1);
  }
  return out;
}
