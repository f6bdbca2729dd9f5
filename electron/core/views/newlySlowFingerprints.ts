// The newly slow fingerprints the alert rule reports (newlySlowRule.ts): those whose verdict
// (newlySlowVerdict.ts, the slow-queries view's own) is "newly slow" and whose median over the last 36 h
// is at least `minRecentUs`, the highest ratios first — without grouping the whole history.
//
// Why it is cheap (bench/alertRules.bench.ts): a median of at least `minRecentUs` needs a run that long in
// the window, so the candidates are the few fingerprints with such a run in the last 36 h (one pass over
// the window's index entries in SQLite, no row to JavaScript but theirs); their recent median is then
// decided by counting in SQL (the median is >= m exactly when fewer than ceil(n/2) runs are < m), and only
// those that pass read their 15 days of runs for the exact verdict. When many have such a run (a minimum
// most statements reach), the rollup's median bounds of the two windows rule most of them out first, as
// the view does (mayBeNewlySlow). The view (readFingerprints.ts) must judge every fingerprint to sort by
// the flag; the rule need not.
import type Database from 'better-sqlite3';
import {
  mayBeNewlySlow,
  newlySlowWindows,
  verdictReader,
  type NewlySlowVerdict,
} from './newlySlowVerdict.ts';
import { rolledFingerprints } from './rolledFingerprints.ts';

/** More candidates than this are first ruled out by the rollup's bounds (reading them costs ~20 exact reads). */
const EXACT_READS_AT_MOST = 20;

export interface NewlySlowFingerprint extends NewlySlowVerdict {
  fingerprint: string;
  /** Sum of the durations in the last 36 h (the view's tie-break after the ratio). */
  totalUs: number;
  latestQuery: number;
  /** The first 200 characters of the latest run's text, as the view shows it. */
  textPreview: string;
}

export interface NewlySlowFilter {
  k: number;
  minRecentUs: number;
  limit: number;
}

/** Newly slow fingerprints at `toUs`, ratio descending (then total time, then fingerprint), at most `limit`. */
export function newlySlowFingerprints(
  db: Database.Database,
  connectionId: string,
  toUs: number,
  o: NewlySlowFilter,
): NewlySlowFingerprint[] {
  const w = newlySlowWindows(connectionId, toUs, o.k);
  const withLongRun = db
    .prepare(
      `SELECT DISTINCT fingerprint FROM queries INDEXED BY queries_by_start_fingerprint
       WHERE connection_id = ? AND start_us >= ? AND start_us <= ? AND elapsed_us >= ?`,
    )
    .pluck()
    .all(connectionId, w.recentFromUs, toUs, o.minRecentUs) as string[];
  if (withLongRun.length === 0) return [];
  const recentCounts = db.prepare(
    `SELECT count(*), sum(elapsed_us < ?), total(elapsed_us) FROM queries INDEXED BY queries_by_fingerprint
     WHERE connection_id = ? AND fingerprint = ? AND start_us >= ? AND start_us <= ?`,
  );
  let possible = withLongRun;
  if (withLongRun.length > EXACT_READS_AT_MOST) {
    const recent = rolledFingerprints(db, connectionId, w.recentFromUs, toUs, true);
    const baseline = rolledFingerprints(db, connectionId, w.baselineFromUs, w.recentFromUs - 1, true);
    possible = withLongRun.filter((f) => mayBeNewlySlow(recent.get(f), baseline.get(f), o.k));
  }
  const candidates: [string, number][] = [];
  for (const fingerprint of possible) {
    const [n, below, totalUs] = recentCounts
      .raw()
      .get(o.minRecentUs, connectionId, fingerprint, w.recentFromUs, toUs) as [number, number, number];
    // The nearest-rank median is the value at rank ceil(n/2): below the minimum iff that many runs are.
    if (below < Math.ceil(n / 2)) candidates.push([fingerprint, totalUs]);
  }
  const verdict = verdictReader(db);
  const found: Omit<NewlySlowFingerprint, 'latestQuery' | 'textPreview'>[] = [];
  for (const [fingerprint, totalUs] of candidates) {
    const v = verdict(w, fingerprint);
    if (v.newlySlow && (v.recentMedianUs ?? 0) >= o.minRecentUs) found.push({ fingerprint, totalUs, ...v });
  }
  found.sort(
    (a, b) =>
      (b.ratio ?? 0) - (a.ratio ?? 0) ||
      b.totalUs - a.totalUs ||
      (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
  );
  // The latest run in the window, in the order the view reads a group's runs (queries_by_fingerprint).
  const latest = db.prepare(
    `SELECT query, start_us FROM queries INDEXED BY queries_by_fingerprint
     WHERE connection_id = ? AND fingerprint = ? AND start_us >= ? AND start_us <= ?
     ORDER BY start_us DESC, elapsed_us DESC, query DESC LIMIT 1`,
  );
  const preview = db
    .prepare(
      'SELECT substr(text, 1, 200) FROM queries WHERE connection_id = ? AND query = ? AND start_us = ?',
    )
    .pluck();
  return found.slice(0, o.limit).map((f) => {
    const [query, startUs] = latest.raw().get(connectionId, f.fingerprint, w.recentFromUs, toUs) as [
      number,
      number,
    ];
    const textPreview = (preview.get(connectionId, query, startUs) as string | undefined) ?? '';
    return { ...f, latestQuery: query, textPreview };
  });
}
