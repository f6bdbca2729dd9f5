// What the WLM pressure view draws, shaped from wlm.pressure and metrics.series: chart points (gaps stay
// null, never zero), the peaks a reader looks for first, configuration-change marks and the WLM
// configuration as table text. Pure, so it is unit-tested apart from the charts.
import type { MetricSeries } from '../../../../shared/model/metric.ts';
import type { QueuePressure, WlmConfigMark, WlmQueueConfigRow } from '../../../../shared/model/pressure.ts';
import type { ChartPoint } from '../../charts/TimeSeriesChart.tsx';
import { formatDuration } from '../../time/formatTime.ts';

/**
 * Running and queued as sampled (running, queued) and as derived from the query history
 * (runningHistory, queuedHistory): separate series, so the legend tells them apart.
 */
export function slotsPoints(q: QueuePressure): ChartPoint[] {
  return q.points.map((p) => {
    const history = p.source === 'history';
    return {
      t: p.t,
      running: history ? null : p.running,
      queued: history ? null : p.queued,
      runningHistory: history ? p.running : null,
      queuedHistory: history ? p.queued : null,
      slots: p.slots,
    };
  });
}

/**
 * Where the running/queued values come from, in words; null when all are sampled (or none exist).
 * `formatTime` renders the first sample's time in the view's zone.
 */
export function historyNote(q: QueuePressure, formatTime: (ms: number) => string): string | null {
  if (!q.points.some((p) => p.source === 'history')) return null;
  const firstSample = q.points.find((p) => p.source === 'samples');
  if (!firstSample)
    return 'No WLM samples in this range: running and queued derived from query history (peak per bucket).';
  const lastHistory = q.points.findLast((p) => p.source === 'history');
  return lastHistory && lastHistory.t < firstSample.t
    ? `Before ${formatTime(firstSample.t)}, derived from query history (peak per bucket).`
    : 'Where no WLM samples were taken, derived from query history (peak per bucket).';
}

export function waitPoints(q: QueuePressure): ChartPoint[] {
  return q.points.map((p) => ({ t: p.t, p50: p.waitP50Ms, p95: p.waitP95Ms }));
}

export interface QueuePeaks {
  running: number | null;
  queued: number | null;
  waitP95Ms: number | null;
}

function maxOf(values: readonly (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || v > best)) best = v;
  return best;
}

/** The highest running, queued and p95 wait in range; null where nothing was sampled. */
export function queuePeaks(q: QueuePressure): QueuePeaks {
  return {
    running: maxOf([...q.points.map((p) => p.running), ...q.highWater.map((h) => h.running)]),
    queued: maxOf([...q.points.map((p) => p.queued), ...q.highWater.map((h) => h.queued)]),
    waitP95Ms: maxOf(q.points.map((p) => p.waitP95Ms)),
  };
}

/** The configured slots as a horizontal line; none under automatic WLM (-1) or when unknown. */
export function slotsReference(q: QueuePressure): { y: number; label: string }[] {
  return q.configuredSlots !== null && q.configuredSlots > 0
    ? [
        {
          y: q.configuredSlots,
          label: `${q.configuredSlots} ${q.configuredSlots === 1 ? 'slot' : 'slots'} configured`,
        },
      ]
    : [];
}

export function slotsText(slots: number | null): string {
  if (slots === null) return 'unknown';
  if (slots < 0) return 'auto';
  return String(slots);
}

/**
 * A vertical mark per configuration change. The label on the chart stays short (it is drawn inside the
 * plot); what changed is listed under the page header, numbered like the marks.
 */
export function configMarks(changes: readonly WlmConfigMark[]): { t: number; label: string }[] {
  return changes.flatMap((c, i) => {
    const t = Date.parse(c.at);
    if (!Number.isFinite(t)) return [];
    return [{ t, label: `WLM change ${i + 1}` }];
  });
}

/**
 * CloudWatch's queue length and wait time on one time axis. Both series come from the same range and
 * maxPoints, so their buckets line up; a bucket only one of them has is a gap in the other.
 */
export function cloudWatchPoints(length: MetricSeries | null, wait: MetricSeries | null): ChartPoint[] {
  const byT = new Map<number, { length: number | null; waitMs: number | null }>();
  for (const p of length?.points ?? []) byT.set(p.t, { length: p.v, waitMs: null });
  for (const p of wait?.points ?? []) {
    const held = byT.get(p.t);
    if (held) held.waitMs = p.v;
    else byT.set(p.t, { length: null, waitMs: p.v });
  }
  return [...byT.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, ...v }));
}

/** A duration short enough for an axis tick: "850 ms", "12 s", "20 min", "1.5 h". */
export function shortDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  const h = ms / 3_600_000;
  return `${h < 10 ? Math.round(h * 10) / 10 : Math.round(h)} h`;
}

export function hasValues(points: readonly ChartPoint[], keys: readonly string[]): boolean {
  return points.some((p) => keys.some((k) => p[k] !== null && p[k] !== undefined));
}

// --- the configuration table -------------------------------------------------------------------------

export function concurrencyText(c: WlmQueueConfigRow['concurrency']): string {
  return c === 'auto' ? 'auto' : String(c);
}

export function memoryText(m: WlmQueueConfigRow['memoryPercent']): string {
  if (m === null) return '–';
  return m === 'auto' ? 'auto' : `${m} %`;
}

export function timeoutText(ms: number | null): string {
  return ms === null || ms === 0 ? 'none' : formatDuration(ms);
}

/** Groups as listed, with the wildcard flag said in words (REFERENCE: `*` and `?` match). */
export function groupsText(groups: readonly string[], wildcard: boolean): string {
  if (groups.length === 0) return '–';
  return `${groups.join(', ')}${wildcard ? ' (wildcards on)' : ''}`;
}

/** "query_execution_time > 7200 AND scan_row_count > 1000000000 → abort". */
export function ruleText(rule: { predicates: string; action: string }): string {
  return `${rule.predicates} → ${rule.action}`;
}

/** Nothing ran or waited in the queue over the range, per the samples and the history alike. */
export function isIdle(q: QueuePressure): boolean {
  return (
    q.points.every((p) => !(p.running ?? 0) && !(p.queued ?? 0)) &&
    q.highWater.every((h) => h.running === 0 && h.queued === 0)
  );
}
