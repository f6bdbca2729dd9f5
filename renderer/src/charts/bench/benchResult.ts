// What the chart bench page (chartFirstPaintPage.tsx) leaves on window.__bench, and what
// bench/chartFirstPaint.bench.ts reads there: no DOM types, so both configs can import it.
export interface BenchResult {
  maxPoints: number;
  pointsPerSeries: number[];
  apiMs: number;
  renderMs: number;
  /** Navigation start to the page's script running (the fetches start then). */
  startMs: number;
  /** Navigation start to the chart's paint. */
  totalMs: number;
  fcpMs: number | null;
  error?: string;
}
