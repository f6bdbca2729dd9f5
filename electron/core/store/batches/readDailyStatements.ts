// Statements per calendar day in the business time zone (the month-start view's "statements per day"):
// every stored statement, ad hoc ones included, counted on the queries' (connection_id, start_us)
// index one day at a time (a count over the index, no row is read). The batch rollups cannot give this:
// they are cut by night window and hold labelled statements only, so a month-start calendar day would
// be split over two nights and its ad hoc analysts' queries (~2.8x on those days) left out.
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
  const count = db.prepare(
    'SELECT count(*) AS n FROM queries WHERE connection_id = ? AND start_us >= ? AND start_us < ?',
  );
  const out = new Map<string, number>();
  let start = instantOfLocal(from, 0, timeZone);
  for (let day = from; day <= to;) {
    const next = addDays(day, 1);
    const end = instantOfLocal(next, 0, timeZone);
    const { n } = count.get(connectionId, start * 1000, end * 1000) as { n: number };
    if (n > 0) out.set(day, n);
    day = next;
    start = end;
  }
  return out;
}
