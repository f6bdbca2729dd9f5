// A synthetic query history for the store benches: `total` statements spread evenly over 90 days
// before END_US, ~1,500 shapes (fingerprints), a few of them newly slow in the last day, written through
// the collector's real write path (toQueryRecord -> QueryStore.upsert in 5,000-row transactions).
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { toQueryRecord, type HistoryRow } from '../../electron/core/collector/jobs/queryHistoryRecords.ts';
import { timestampFromMicros } from '../../electron/core/base/redshiftTime.ts';
import type { QueryRecord } from '../../electron/core/store/history/QueryRecord.ts';
import { QueryStore } from '../../electron/core/store/history/QueryStore.ts';

const PAGE = 5_000;
export const SHAPES = 1_500;
export const CONNECTION = 'bench-connection';
export const DAY_US = 86_400_000_000;
export const END_US = Date.UTC(2025, 3, 1) * 1000;
export const START_US = END_US - 90 * DAY_US;
const USERS = ['etl_user', 'bi_user', 'analyst_anna', 'analyst_ben', 'loader'];

export function row(i: number, total: number): HistoryRow {
  const STEP_US = Math.floor((END_US - START_US) / total);
  const shape = (i * 7919) % SHAPES;
  const day = new Date((START_US + i * STEP_US) / 1000).toISOString().slice(0, 10);
  const text = `SELECT market, col_${shape}, sum(amount_${shape % 17}) FROM mart.t_${shape % 97}\n WHERE day = '${day}' AND id > ${i % 1000} GROUP BY 1, 2`;
  const startUs = START_US + i * STEP_US;
  // A few shapes get slow in the last day (newly slow), the rest vary around their own base.
  const base = 200_000 + (shape % 50) * 40_000;
  const slow = shape % 300 === 0 && startUs > END_US - DAY_US ? 6 : 1;
  const execUs = base * slow + (i % 17) * 10_000;
  const queueUs = (i % 11) * 5_000;
  return completedStatement({
    query: 1_000_000 + i,
    i,
    label: shape % 3 === 0 ? 'nightly_load' : 'default',
    aborted: i % 97 === 0,
    text,
    startUs,
    queueUs,
    execUs,
  });
}

/**
 * One completed statement as STL_QUERY + STL_WLM_QUERY return it to the collector: `i` spreads it over
 * five users, 300 pids and the three queues; the caller says what it ran, when and for how long.
 */
export function completedStatement(s: {
  query: number;
  i: number;
  label: string;
  aborted: boolean;
  text: string;
  startUs: number;
  queueUs: number;
  execUs: number;
}): HistoryRow {
  const { i, startUs, queueUs, execUs } = s;
  return {
    query: s.query,
    userid: 100 + (i % 5),
    user_name: USERS[i % 5]!,
    pid: 40_000 + (i % 300),
    xid: String(5_000_000 + i),
    label: s.label,
    database: 'dev',
    starttime: timestampFromMicros(startUs),
    endtime: timestampFromMicros(startUs + queueUs + execUs),
    aborted: s.aborted ? 1 : 0,
    querytxt: s.text,
    service_class: 6 + (i % 3),
    queue_name: ['etl_nightly', 'bi_dashboards', 'Default queue'][i % 3]!,
    slot_count: 1,
    total_queue_time: String(queueUs),
    total_exec_time: String(execUs),
    queue_start_time: timestampFromMicros(startUs),
    queue_end_time: timestampFromMicros(startUs + queueUs),
    exec_start_time: timestampFromMicros(startUs + queueUs),
    exec_end_time: timestampFromMicros(startUs + queueUs + execUs),
    final_state: 'Completed',
  };
}

/** Fills the store with `total` statements and runs ANALYZE; returns the seconds it took. */
export function fillHistory(db: Database.Database, total: number): number {
  const store = new QueryStore(db);
  const t = performance.now();
  for (let from = 0; from < total; from += PAGE) {
    const records: QueryRecord[] = [];
    for (let i = from; i < Math.min(total, from + PAGE); i++)
      records.push(toQueryRecord(CONNECTION, row(i, total), undefined, 'stl'));
    db.transaction(() => store.upsert(records))();
  }
  db.exec('ANALYZE');
  return (performance.now() - t) / 1000;
}
