// Statements per calendar day in the business time zone (the month-start view's "statements per day"):
// every stored statement, ad hoc ones included, summed from the per-quarter-hour counts QueryStore.upsert
// keeps at ingest (query_quarters, 0019_query_quarters.sql). The batch rollups cannot give this: they are cut
// by night window and hold labelled statements only, so a month-start calendar day would be split over
// two nights and its ad hoc analysts' queries (~2.8x on those days) left out.
import type Database from 'better-sqlite3';
import { addDays, instantOfLocal } from '../../base/zonedTime.ts';

/** 'YYYY-MM-DD' -> statements started that local day, for days from..to inclusive. */
export function readDailyStatements(
  db: Database.Database,
  connectionId: string,
  from: string,
  to: string,
  timeZone: string,
): Map<string, number> {
  const out = new Map<string, number>();
  const startUs = instantOfLocal(from, 0, timeZone) * 1000;
  const endUs = instantOfLocal(addDays(to, 1), 0, timeZone) * 1000;
  // [quarter start, statements], in time order: a few dozen thousand rows for a year.
  const quarters = db
    .prepare(
      `SELECT quarter_us, statements FROM query_quarters
       WHERE connection_id = ? AND quarter_us >= ? AND quarter_us < ? ORDER BY quarter_us`,
    )
    .raw(true)
    .all(connectionId, startUs, endUs) as [number, number][];
  let i = 0;
  for (let day = from; day <= to && i < quarters.length;) {
    const next = addDays(day, 1);
    const dayEndUs = instantOfLocal(next, 0, timeZone) * 1000;
    let n = 0;
    for (; i < quarters.length && quarters[i]![0] < dayEndUs; i++) n += quarters[i]![1];
    if (n > 0) out.set(day, n);
    day = next;
  }
  return out;
}
