// Fault knobs of the stand-in: throttling, added latency, 5xx answers and partial CloudWatch pages
// (DESIGN.md §5). Set programmatically (`standIn.faults.set(...)`) or through the control API
// (`POST /__standin/faults`). Counted faults ("the next n requests") are consumed by every API request
// in the knob's scope, including the SDK's own retries; rates draw from a seeded generator so a test
// run is repeatable.

export type FaultScope = 'all' | 'redshift' | 'cloudwatch';

export interface FaultSettings {
  /** Throttle the next n requests, or each request with probability `rate` (0..1). 0 = off. */
  throttle: number | { rate: number };
  /** Added delay before every answer, in milliseconds. */
  latencyMs: number;
  /** Answer the next n requests with a 5xx. */
  serverError: number;
  /** Which 5xx: InternalFailure (500) or ServiceUnavailable (503). */
  serverErrorCode: 'InternalFailure' | 'ServiceUnavailable';
  /**
   * CloudWatch GetMetricData returns at most half of the remaining datapoints per page (StatusCode
   * PartialData + NextToken), so a client must page even when it asked for everything at once.
   */
  partialData: boolean;
  /** Which API the knobs act on. */
  scope: FaultScope;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'throttle' }
  | { kind: 'serverError'; code: 'InternalFailure' | 'ServiceUnavailable'; status: 500 | 503 };

const DEFAULTS: FaultSettings = {
  throttle: 0,
  latencyMs: 0,
  serverError: 0,
  serverErrorCode: 'InternalFailure',
  partialData: false,
  scope: 'all',
};

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** Checks settings that arrive as JSON through the control API; returns the problem or null. */
export function checkFaultSettings(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'fault settings must be an object';
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (!(key in DEFAULTS)) return `unknown fault knob "${key}"`;
  }
  const t = v.throttle;
  if (t !== undefined && !isCount(t)) {
    const rate = typeof t === 'object' && t !== null ? (t as { rate?: unknown }).rate : undefined;
    if (typeof rate !== 'number' || rate < 0 || rate > 1) return 'throttle must be a count or { rate: 0..1 }';
  }
  if (v.latencyMs !== undefined && !isCount(v.latencyMs)) return 'latencyMs must be a whole number ≥ 0';
  if (v.serverError !== undefined && !isCount(v.serverError)) return 'serverError must be a whole number ≥ 0';
  if (
    v.serverErrorCode !== undefined &&
    v.serverErrorCode !== 'InternalFailure' &&
    v.serverErrorCode !== 'ServiceUnavailable'
  ) {
    return 'serverErrorCode must be InternalFailure or ServiceUnavailable';
  }
  if (v.partialData !== undefined && typeof v.partialData !== 'boolean')
    return 'partialData must be true or false';
  if (v.scope !== undefined && v.scope !== 'all' && v.scope !== 'redshift' && v.scope !== 'cloudwatch') {
    return 'scope must be all, redshift or cloudwatch';
  }
  return null;
}

export class FaultKnobs {
  private settings: FaultSettings = { ...DEFAULTS };
  private seed = 0x2f6b1d3;

  /** Merges the given knobs into the current ones. */
  set(changes: Partial<FaultSettings>): FaultSettings {
    const problem = checkFaultSettings(changes);
    if (problem !== null) throw new RangeError(problem);
    this.settings = { ...this.settings, ...changes };
    return this.get();
  }

  reset(): FaultSettings {
    this.settings = { ...DEFAULTS };
    return this.get();
  }

  get(): FaultSettings {
    const s = this.settings;
    return { ...s, throttle: typeof s.throttle === 'number' ? s.throttle : { ...s.throttle } };
  }

  latencyFor(service: 'redshift' | 'cloudwatch'): number {
    return this.applies(service) ? this.settings.latencyMs : 0;
  }

  partialDataFor(service: 'redshift' | 'cloudwatch'): boolean {
    return this.applies(service) && this.settings.partialData;
  }

  /** Decides (and consumes) the fault for one incoming request. Throttling wins over 5xx. */
  next(service: 'redshift' | 'cloudwatch'): FaultDecision {
    if (!this.applies(service)) return { kind: 'none' };
    const t = this.settings.throttle;
    if (typeof t === 'number') {
      if (t > 0) {
        this.settings.throttle = t - 1;
        return { kind: 'throttle' };
      }
    } else if (this.random() < t.rate) {
      return { kind: 'throttle' };
    }
    if (this.settings.serverError > 0) {
      this.settings.serverError -= 1;
      const code = this.settings.serverErrorCode;
      return { kind: 'serverError', code, status: code === 'ServiceUnavailable' ? 503 : 500 };
    }
    return { kind: 'none' };
  }

  private applies(service: 'redshift' | 'cloudwatch'): boolean {
    return this.settings.scope === 'all' || this.settings.scope === service;
  }

  /** mulberry32: small, seeded, good enough for fault injection. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
