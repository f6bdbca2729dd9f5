// Compact labels for a chart's value axis, where "33 min 20 s" would wrap: 850ms, 12s, 33m, 1.7h, 3.2d.
// (Tooltips and tables keep formatDuration's full form.)
export function formatDurationTick(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const abs = Math.abs(ms);
  if (abs === 0) return '0';
  if (abs < 1_000) return `${Math.round(ms)}ms`;
  if (abs < 60_000) return `${trim(ms / 1_000)}s`;
  if (abs < 3_600_000) return `${trim(ms / 60_000)}m`;
  if (abs < 86_400_000) return `${trim(ms / 3_600_000)}h`;
  return `${trim(ms / 86_400_000)}d`;
}

/** One decimal below 10, none above; no trailing ".0". */
function trim(v: number): string {
  const fixed = Math.abs(v) < 10 ? v.toFixed(1) : v.toFixed(0);
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}
