// SVV_TABLE_INFO (REFERENCE 1.23) as of an instant: one row per warehouse table, sizes growing with the
// loads, the catalog tables' statistics going stale after the supplier's column change (the story
// behind the regression), the plays table's unsorted share growing between Sunday vacuums.
import { FEEDS, type FeedName } from './feeds.ts';
import { createRandom } from './random.ts';
import type { Row } from './relations.ts';
import { SCENARIOS } from './scenarios.ts';
import { TABLES, type TableKey } from './tables.ts';
import { calendarOf, dayNumberOf, startOfDay, US_PER_HOUR, type Micros } from './time.ts';

/** RA3 managed storage of the demo cluster: 2 x ra3.xlplus, 32 TB each, in 1 MB blocks. */
const CAPACITY_MB = 2 * 32 * 1024 * 1024;

export function tableInfoSnapshot(
  seed: number,
  anchorDay: number,
  at: Micros,
  database: string,
): Row<'svv_table_info'>[] {
  const day = dayNumberOf(at);
  const r = createRandom(seed, 'svv_table_info', day);
  const days = day - (anchorDay - SCENARIOS.batchCreep.baseDaysBeforeNow);
  const statsStale = day >= anchorDay - SCENARIOS.columnCountChange.fromDaysBeforeNow;
  const sinceVacuum = calendarOf(day).weekday; // VACUUM SORT runs on Sundays
  const rows: Row<'svv_table_info'>[] = [];
  for (const key of Object.keys(TABLES) as TableKey[]) {
    const t = TABLES[key];
    const feed = (Object.keys(FEEDS) as FeedName[]).find((name) => FEEDS[name].table === key);
    let tblRows = t.baseRows;
    if (feed !== undefined) {
      const f = FEEDS[feed];
      const perDay = f.rowsPerLoad * (f.schedule.kind === 'hourly' ? 24 * 0.9 : 1);
      tblRows += Math.round(perDay * Math.max(0, days));
      if (feed === SCENARIOS.oversizedFeed.feed && day >= anchorDay - SCENARIOS.oversizedFeed.daysBeforeNow) {
        tblRows += Math.round(f.rowsPerLoad * (SCENARIOS.oversizedFeed.factor - 1));
      }
    } else {
      tblRows = Math.round(tblRows * (1 + 0.004 * Math.max(0, days)));
    }
    const size = Math.ceil((tblRows * t.rowBytes * 0.3) / 1_048_576) + 4 * 8;
    const unsorted =
      t.sortkeyNum === 0
        ? null
        : key === 'plays_events' || key === 'ad_impressions'
          ? Math.min(60, sinceVacuum * 3.1 + r.float(0, 1))
          : r.float(0, 4);
    const stale = statsStale && (key === 'catalog_tracks' || key === 'tracks' || key === 'track_rights');
    const statsOff = stale
      ? key === 'catalog_tracks'
        ? 68.4
        : key === 'tracks'
          ? 41.75
          : 23.1
      : r.float(0, 8);
    const ghost = Math.round(tblRows * r.float(0, 0.01));
    rows.push({
      database,
      schema: t.schema,
      table_id: t.tableId,
      table: t.table,
      encoded: 'Y',
      diststyle: t.diststyle,
      sortkey1: t.sortkey1,
      max_varchar: t.maxVarchar,
      sortkey1_enc: t.sortkeyNum === 0 ? '' : 'none',
      sortkey_num: t.sortkeyNum,
      size,
      pct_used: Math.round((size / CAPACITY_MB) * 100 * 10_000) / 10_000,
      empty: 0,
      unsorted: unsorted === null ? null : Math.round(unsorted * 100) / 100,
      stats_off: Math.round(statsOff * 100) / 100,
      tbl_rows: tblRows,
      skew_sortkey1: t.sortkeyNum === 0 ? null : Math.round(r.float(1, 4.5) * 100) / 100,
      skew_rows: t.diststyle === 'ALL' ? null : Math.round(r.float(1, 1.35) * 100) / 100,
      estimated_visible_rows: tblRows - ghost,
      risk_event: null,
      vacuum_sort_benefit: unsorted === null ? null : Math.round(unsorted * 0.8 * 100) / 100,
      create_time:
        startOfDay(anchorDay - t.createdDaysBeforeNow) + 14 * US_PER_HOUR + (t.tableId % 3600) * 1_000_000,
    });
  }
  return rows;
}
