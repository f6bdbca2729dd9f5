// The double's seeded history written into its engine (startDouble.ts): a night at a time, oldest or
// newest first, beside served sessions when the demo is already reachable (issue #14), and analyzed
// afterwards so PostgreSQL plans the collector's reads of it well.
import type pg from 'pg';
import { generateWorkload, type DayOrder, type WorkloadOptions } from './workload/generateWorkload.ts';
import { withDatabaseFacts, writeBatches } from './workload/writeWorkload.ts';

export interface HistoryWriting {
  log: (line: string) => void;
  /** Nights written so far, of how many. */
  progress: (nightsWritten: number, nights: number) => void;
  embedded: boolean;
  order: DayOrder;
  /** Aborted when the double stops: no further night is written. */
  signal: AbortSignal;
  /**
   * Written beside served sessions: the newest night is written at once, the others once this
   * resolves. PGlite runs one statement at a time, and the collector's first connect and polls come
   * first (issue #14: live data within 10 s).
   */
  firstLook?: Promise<void>;
  /** Written beside served sessions: every night is followed by a pause as long as it took. */
  pace: boolean;
  /** Runs each night's writes alone on the engine (the proxy's lock, once sessions are served). */
  exclusive: <T>(write: () => Promise<T>) => Promise<T>;
}

/** Generates and writes the whole history, reporting the nights written as it goes. */
export async function writeHistory(
  setup: pg.Client,
  workload: WorkloadOptions,
  o: HistoryWriting,
): Promise<void> {
  const nights = workload.nights ?? 75;
  o.log(
    `generating ${nights} nights of ${workload.scale} workload (seed ${workload.seed})${o.order === 'newest-first' ? ', the last night first' : ''}`,
  );
  let nightsWritten = 0;
  o.progress(nightsWritten, nights);
  const started = performance.now();
  const facts = await o.exclusive(() => withDatabaseFacts(setup, workload));
  let totalRows = 0;
  // A night at a time, so the sessions' statements get their turns in between.
  let nightStarted = performance.now();
  for (const batch of generateWorkload(facts, o.order)) {
    if (o.signal.aborted) break;
    const written = await o.exclusive(() =>
      writeBatches(setup, [batch], o.embedded ? { method: 'unnest' } : {}),
    );
    totalRows += written.totalRows;
    o.progress(Math.min(++nightsWritten, nights), nights);
    if (nightsWritten === 1 && o.firstLook) await o.firstLook;
    if (o.pace) {
      // Generating a night keeps this thread busy (the proxy and the collector share it): leave it
      // as long again to them, so their polls never wait long enough to time out.
      await pause(performance.now() - nightStarted);
      nightStarted = performance.now();
    }
  }
  o.log(
    `wrote ${totalRows} rows in ${Math.round(performance.now() - started)} ms${o.signal.aborted ? ' (stopped before the end)' : ''}`,
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Statistics for the history just written. Without them the planner takes the freshly filled tables
 * for nearly empty and joins them row by row: the collector's first table-access page on 21 nights
 * ran 211 s (a nested loop over STL_QUERY) instead of 0.4 s, its backfill most of two minutes. The
 * server's autovacuum analyzes them only later, after such a query has started.
 */
export async function analyzeHistory(setup: pg.Client, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  await setup.query('ANALYZE');
  log(`analyzed the history in ${Date.now() - started} ms`);
}
