// Pure shaping for the Batches page: where a job's bar sits in the night window and how it splits into
// queued and executing time, and the drift chart's points. Components only draw.
import type { BatchDrift, BatchJobNight } from '../../../../shared/model/batch.ts';
import type { ChartPoint } from '../../charts/TimeSeriesChart.tsx';
import type { ChartFrame } from '../../charts/chartLook.ts';

export interface BarGeometry {
  /** Percent of the window's width. */
  left: number;
  width: number;
  /** Share of the bar spent queued (the rest executing), 0..1. */
  queuedShare: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * A job's bar from its first start to its last end. Queued and executing time are sums over its
 * statements (some run in parallel), so the split is the share of each, not two instants.
 */
export function barOf(job: BatchJobNight, window: { from: string; to: string }): BarGeometry {
  const from = Date.parse(window.from);
  const span = Math.max(1, Date.parse(window.to) - from);
  const left = clamp(((Date.parse(job.firstStart) - from) / span) * 100, 0, 100);
  const right = clamp(((Date.parse(job.lastEnd) - from) / span) * 100, left, 100);
  const busy = job.queueMs + job.execMs;
  return { left, width: Math.max(0.3, right - left), queuedShare: busy === 0 ? 0 : job.queueMs / busy };
}

/** '+1 h 12 min' against the job's median duration, or null without one. */
export function versusMedian(job: BatchJobNight): string | null {
  if (job.medianDurationMs === null) return null;
  const delta = Math.round((job.durationMs - job.medianDurationMs) / 60_000);
  const abs = Math.abs(delta);
  const words = abs >= 60 ? `${Math.floor(abs / 60)} h ${abs % 60} min` : `${abs} min`;
  return `${delta >= 0 ? '+' : '−'}${words} vs median`;
}

/** One point per night at local noon of its date (UTC noon: the chart's x only orders the nights). */
export function driftPoints(drift: BatchDrift): ChartPoint[] {
  return drift.points.map((p) => ({
    t: Date.parse(`${p.night}T12:00:00Z`),
    finish: p.inFit ? p.minutes : null,
    monthStart: p.monthStart ? p.minutes : null,
    trend: p.trend,
  }));
}

/** A night clock (minutes from midnight of the night's date) as '06:42'. */
export function clockOf(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The time span of a chart of nights from the first night's start to the last night's end (UTC days). */
export function nightSpan(first: string | null, last: string | null): ChartFrame {
  return {
    from: first ? Date.parse(`${first}T00:00:00Z`) : 0,
    to: last ? Date.parse(`${last}T23:59:59Z`) : 1,
  };
}
