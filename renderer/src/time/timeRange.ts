// The time range every view shows: a preset relative to now ("last 7 days") or a fixed window (a
// zoom by drag, or links from one view to another). History goes back 400 days.

export const RANGE_PRESETS = [
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { id: '90d', label: 'Last 90 days', ms: 90 * 86_400_000 },
  { id: '400d', label: 'Last 400 days', ms: 400 * 86_400_000 },
] as const;

export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];

export type TimeRange =
  { kind: 'preset'; preset: RangePresetId } | { kind: 'fixed'; from: number; to: number };

export const DEFAULT_RANGE: TimeRange = { kind: 'preset', preset: '24h' };

/** The shortest window a zoom may narrow to: below this the charts have nothing left to show. */
export const MIN_RANGE_MS = 60_000;

export interface ResolvedRange {
  /** Epoch milliseconds. */
  from: number;
  to: number;
  /** ISO-8601 UTC, as the API takes them. */
  fromIso: string;
  toIso: string;
}

export function resolveRange(range: TimeRange, now: number): ResolvedRange {
  const [from, to] = range.kind === 'fixed' ? [range.from, range.to] : [now - presetOf(range.preset).ms, now];
  return { from, to, fromIso: new Date(from).toISOString(), toIso: new Date(to).toISOString() };
}

export function presetOf(id: RangePresetId): (typeof RANGE_PRESETS)[number] {
  return RANGE_PRESETS.find((p) => p.id === id) ?? RANGE_PRESETS[2];
}

export function isPresetId(value: unknown): value is RangePresetId {
  return RANGE_PRESETS.some((p) => p.id === value);
}

/** A zoom: the window between two instants in either order, never narrower than MIN_RANGE_MS. */
export function zoomRange(a: number, b: number): TimeRange {
  const from = Math.min(a, b);
  const to = Math.max(a, b, from + MIN_RANGE_MS);
  return { kind: 'fixed', from, to };
}

/** For links and the URL: "7d" or "1700000000000-1700003600000". */
export function encodeRange(range: TimeRange): string {
  return range.kind === 'preset' ? range.preset : `${range.from}-${range.to}`;
}

export function decodeRange(text: string | null): TimeRange | null {
  if (text === null) return null;
  if (isPresetId(text)) return { kind: 'preset', preset: text };
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(text);
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  return from < to ? { kind: 'fixed', from, to } : null;
}
