// The peak number of overlapping windows per time bucket, by a sweep over start (+1) and end (-1)
// events in time order. wlm.pressure uses it to derive running and queued statements from the stored
// history where no WLM sample exists (readHistoryPressure.ts). Windows are half-open [start, end): a
// statement ending at the instant another starts does not overlap it, so events at the same time must
// come ends first (ORDER BY t, delta). Pure, so it is unit-tested apart from the store.
import type { TimeBuckets } from './timeBuckets.ts';

export class PeakSweep {
  private readonly peaks: number[];
  private current = 0;
  /** Since when `current` holds (the last event's time). */
  private since = Number.NEGATIVE_INFINITY;

  constructor(private readonly plan: TimeBuckets) {
    this.peaks = new Array<number>(plan.count).fill(0);
  }

  /** One event, in (t, delta) order: delta +1 where a window starts, -1 where one ends. */
  add(tUs: number, delta: number): void {
    // The count held over [since, tUs): raise every bucket that span reaches into. Several events at
    // one instant leave empty spans between them, so their passing states count nowhere.
    if (tUs > this.since) {
      this.hold(this.since, tUs);
      this.since = tUs;
    }
    this.current += delta;
  }

  /** The peak per bucket (0 where nothing overlapped it). */
  finish(): number[] {
    this.hold(this.since, this.plan.firstUs + this.plan.count * this.plan.widthUs);
    this.since = Number.POSITIVE_INFINITY;
    return this.peaks;
  }

  /** Raises the buckets [fromUs, toUs) intersects to the current count (times are whole µs). */
  private hold(fromUs: number, toUs: number): void {
    const { firstUs, widthUs, count } = this.plan;
    if (this.current <= 0 || toUs <= firstUs) return;
    const first = Math.max(0, Math.floor((fromUs - firstUs) / widthUs));
    const last = Math.min(count - 1, Math.floor((toUs - 1 - firstUs) / widthUs));
    for (let i = first; i <= last; i++) if (this.peaks[i]! < this.current) this.peaks[i] = this.current;
  }
}

/** Start/end events of half-open windows, sorted as the sweep needs them (ends first at equal times). */
export function windowEvents(windows: readonly { startUs: number; endUs: number }[]): [number, number][] {
  const events: [number, number][] = [];
  for (const w of windows) {
    if (!(w.endUs > w.startUs)) continue;
    events.push([w.startUs, 1], [w.endUs, -1]);
  }
  return events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** The peak number of windows overlapping each bucket. */
export function peakPerBucket(
  windows: readonly { startUs: number; endUs: number }[],
  plan: TimeBuckets,
): number[] {
  const sweep = new PeakSweep(plan);
  for (const [t, d] of windowEvents(windows)) sweep.add(t, d);
  return sweep.finish();
}

/**
 * Which buckets the history can speak for: those overlapping [coveredFromUs, coveredToUs) (from the
 * oldest stored statement to where the history is complete) that no collection gap of the history job
 * overlaps. Any overlap makes the bucket unknown: gaps stay gaps, never zeros (DESIGN.md §3).
 */
export function derivableBuckets(
  plan: TimeBuckets,
  coveredFromUs: number | null,
  coveredToUs: number | null,
  gaps: readonly { fromUs: number; toUs: number }[],
): boolean[] {
  const ok = new Array<boolean>(plan.count).fill(false);
  if (coveredFromUs === null || coveredToUs === null) return ok;
  for (let i = 0; i < plan.count; i++) {
    const start = plan.firstUs + i * plan.widthUs;
    const end = start + plan.widthUs;
    ok[i] = start < coveredToUs && end > coveredFromUs && !gaps.some((g) => g.fromUs < end && g.toUs > start);
  }
  return ok;
}
