// Running and queued statements per WLM queue derived from the stored query history (STL_WLM_QUERY's
// queue and execution windows, REFERENCE 1.2/6.2), for the buckets wlm.pressure has no sample of: WLM
// samples only exist since the collector began polling, the history reaches back as far as the
// cluster kept it. Per bucket: the PEAK number of statements executing (running) and waiting
// (queued, queue_us > 0) at any instant, by a sweep over start/end events (peakSweep.ts). SQLite reads
// the windows in queries_by_start order; the events are sorted per class as one Float64Array each:
// over 90 days / 500k statements that took half the time of an ORDER BY over the events in SQL.
// Running counts statements, not slots (slot_count is ignored), like the samples.
import type Database from 'better-sqlite3';
import { derivableBuckets, PeakSweep } from './peakSweep.ts';
import type { TimeBuckets } from './timeBuckets.ts';

/** Service classes 1-4 are Redshift's own (REFERENCE 1.2). */
const FIRST_USER_CLASS = 5;
/**
 * STL_QUERY's start/end and STL_WLM_QUERY's windows come from different tables: a WLM window is
 * trusted this far outside its statement's [start, end] and clamped beyond (a bogus timestamp must
 * not make one statement "run" for years).
 */
const SKEW_US = 60_000_000;

export interface HistoryPressure {
  /** Per service class: peak running / queued per bucket (0 where nothing ran or waited). */
  classes: Map<number, { running: number[]; queued: number[] }>;
  /** Per bucket: whether the history speaks for it (covered, no query_history collection gap). */
  derivable: boolean[];
}

const EXEC_START = `max(coalesce(wlm_exec_start_us, end_us - exec_us), start_us - ${SKEW_US})`;
const EXEC_END = `min(coalesce(wlm_exec_end_us, end_us), end_us + ${SKEW_US})`;
const QUEUE_START = `max(coalesce(wlm_queue_start_us, start_us), start_us - ${SKEW_US})`;
const QUEUE_END = `min(coalesce(wlm_queue_end_us, coalesce(wlm_queue_start_us, start_us) + queue_us), end_us + ${SKEW_US})`;

// Only statements whose windows overlap the buckets; the start_us bound lets queries_by_start do the
// narrowing, and rows come in that index's order (no sort step in SQLite).
const WINDOWS_SQL = `
  SELECT sc, xs, xe, qs, qe FROM (
    SELECT service_class AS sc, ${EXEC_START} AS xs, ${EXEC_END} AS xe,
           CASE WHEN queue_us > 0 THEN ${QUEUE_START} END AS qs,
           CASE WHEN queue_us > 0 THEN ${QUEUE_END} END AS qe
    FROM queries
    WHERE connection_id = @c AND start_us >= @scanFrom AND start_us < @hi + ${SKEW_US}
      AND service_class >= ${FIRST_USER_CLASS})
  WHERE (xe > xs AND xe > @lo AND xs < @hi) OR (qe > qs AND qe > @lo AND qs < @hi)`;

/** Events of one class and kind, each encoded as 2t (end) or 2t + 1 (start): a numeric sort puts them in
 * time order, ends first at equal times. Exact: 2t stays below 2^53 for µs times until year 144,000. */
class EventList {
  data = new Float64Array(1024);
  size = 0;
  push(startUs: number, endUs: number): void {
    if (this.size + 2 > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = 2 * startUs + 1;
    this.data[this.size++] = 2 * endUs;
  }
  sweep(plan: TimeBuckets): number[] {
    const sorted = this.data.subarray(0, this.size).sort();
    const sweep = new PeakSweep(plan);
    for (const e of sorted) {
      const start = e % 2 === 1;
      sweep.add(start ? (e - 1) / 2 : e / 2, start ? 1 : -1);
    }
    return sweep.finish();
  }
}

export function readHistoryPressure(
  db: Database.Database,
  connectionId: string,
  plan: TimeBuckets,
  nowUs: number,
  sampled: ReadonlySet<number> = new Set(),
): HistoryPressure {
  const derivable = derivableBuckets(
    plan,
    historyFromUs(db, connectionId),
    historyCompleteUs(db, connectionId),
    historyGaps(db, connectionId, plan.firstUs, plan.firstUs + plan.count * plan.widthUs, nowUs),
  );
  // The sampler speaks for the buckets it sampled: only the others are read from the history, so a long
  // range of a cluster collected for months reads just the few days before sampling began.
  for (const i of sampled) if (i >= 0 && i < plan.count) derivable[i] = false;
  const classes = new Map<number, { running: number[]; queued: number[] }>();
  const first = derivable.indexOf(true);
  if (first === -1) return { classes, derivable };
  const lo = plan.firstUs + first * plan.widthUs;
  const hi = plan.firstUs + (derivable.lastIndexOf(true) + 1) * plan.widthUs;

  const longest = db
    .prepare('SELECT max(elapsed_us) AS us FROM queries WHERE connection_id = ?')
    .get(connectionId) as { us: number | null };
  const scanFrom = lo - (longest.us ?? 0) - SKEW_US;

  const lists = new Map<number, { running: EventList; queued: EventList }>();
  for (const [sc, xs, xe, qs, qe] of db
    .prepare(WINDOWS_SQL)
    .raw()
    .iterate({ c: connectionId, scanFrom, lo, hi }) as IterableIterator<
    [number, number, number, number | null, number | null]
  >) {
    let l = lists.get(sc);
    if (!l) lists.set(sc, (l = { running: new EventList(), queued: new EventList() }));
    if (xe > xs && xe > lo && xs < hi) l.running.push(xs, xe);
    if (qs !== null && qe !== null && qe > qs && qe > lo && qs < hi) l.queued.push(qs, qe);
  }
  for (const [sc, l] of lists)
    classes.set(sc, { running: l.running.sweep(plan), queued: l.queued.sweep(plan) });
  return { classes, derivable };
}

/** The oldest statement stored: before it the history knows nothing (retention, first backfill). */
function historyFromUs(db: Database.Database, connectionId: string): number | null {
  const row = db
    .prepare('SELECT min(start_us) AS us FROM queries WHERE connection_id = ?')
    .get(connectionId) as {
    us: number | null;
  };
  return row.us;
}

/**
 * Up to where the history is complete: the query_history cursor (queryHistoryJob.ts) while it is
 * still backfilling (rows come in end-time order), its last successful poll once caught up; and never
 * past the oldest statement still in flight at the last live poll (it is not in the history yet).
 */
function historyCompleteUs(db: Database.Database, connectionId: string): number | null {
  const mark = db
    .prepare(
      `SELECT json_extract(value_json, '$.endUs') AS end_us, json_extract(value_json, '$.caughtUp') AS caught_up,
              last_success_us FROM watermarks WHERE connection_id = ? AND job = 'query_history'`,
    )
    .get(connectionId) as
    { end_us: number | null; caught_up: number | null; last_success_us: number | null } | undefined;
  if (!mark || typeof mark.end_us !== 'number') return null;
  let complete = mark.caught_up === 1 ? (mark.last_success_us ?? mark.end_us) : mark.end_us;
  const inFlight = db
    .prepare('SELECT min(wlm_start_us) AS us FROM live_statements WHERE connection_id = ?')
    .get(connectionId) as { us: number | null };
  if (inFlight.us !== null) complete = Math.min(complete, inFlight.us);
  return complete;
}

function historyGaps(
  db: Database.Database,
  connectionId: string,
  lo: number,
  hi: number,
  nowUs: number,
): { fromUs: number; toUs: number }[] {
  return (
    db
      .prepare(
        `SELECT from_us, coalesce(to_us, @now) AS to_us FROM collection_gaps
         WHERE connection_id = @c AND job = 'query_history' AND from_us < @hi AND coalesce(to_us, @now) > @lo`,
      )
      .all({ c: connectionId, now: nowUs, lo, hi }) as { from_us: number; to_us: number }[]
  ).map((g) => ({ fromUs: g.from_us, toUs: g.to_us }));
}
