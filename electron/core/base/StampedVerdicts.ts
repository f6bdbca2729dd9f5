// A verdict alert rules read once per pass and keep between passes while what it was read from stays
// the same (the batches' tonight, the loads' feed night). `stamp` sums up the rows it was read from:
// while they keep changing (a batch running, COPYs arriving) the verdict is read again at most every
// `rereadUs`. `urgent` sums up what must be judged at once (an abort, a failed COPY, new settings).
// Another store (a replay's copy) never sees this one's verdict.
import type Database from 'better-sqlite3';

export interface VerdictStamp {
  db: Database.Database;
  connectionId: string;
  /** The instant judged; an earlier one (a replay stepping back) reads again. */
  nowUs: number;
  stamp: string;
  urgent: string;
}

export class StampedVerdicts<T> {
  private readonly kept = new Map<string, VerdictStamp & { value: T }>();

  constructor(private readonly rereadUs: number) {}

  /** The kept verdict while it holds (and `stillGood` agrees), else `read()`'s, kept. */
  get(at: VerdictStamp, read: () => T, stillGood: (value: T, sinceUs: number) => boolean = () => true): T {
    const hit = this.kept.get(at.connectionId);
    const sinceUs = hit ? at.nowUs - hit.nowUs : Infinity;
    if (
      hit &&
      hit.db === at.db &&
      hit.urgent === at.urgent &&
      sinceUs >= 0 &&
      (hit.stamp === at.stamp || sinceUs < this.rereadUs) &&
      stillGood(hit.value, sinceUs)
    )
      return hit.value;
    const value = read();
    this.kept.set(at.connectionId, { ...at, value });
    return value;
  }
}
