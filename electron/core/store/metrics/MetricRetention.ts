// How long each resolution of CloudWatch history is kept. The native tier matches what CloudWatch itself
// keeps at a 60-second period (REFERENCE 5.2: 15 days); the hourly rollups cover the 400 days the API
// promises for history; daily rollups are kept forever unless configured otherwise.

export interface MetricRetention {
  /** Native 1-minute (and 5-minute) points. */
  nativeDays: number;
  hourlyDays: number;
  /** null = forever. */
  dailyDays: number | null;
}

export const DEFAULT_METRIC_RETENTION: MetricRetention = { nativeDays: 15, hourlyDays: 400, dailyDays: null };
