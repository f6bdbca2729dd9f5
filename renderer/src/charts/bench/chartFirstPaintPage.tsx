// Bench-only page (bench/chartFirstPaint.bench.ts bundles it with esbuild and serves it on door 2's
// origin through the browser's request routing; the app never imports it). Draws TimeSeriesChart with
// four series from metrics.series, asking for as many points as the chart is wide, and records:
//   api     — the four metrics.series calls (in parallel), from first request to last answer;
//   start   — from the page's navigation (or the in-app one) to the fetches starting;
//   render  — from the data and the chart's code in hand to the frame after the chart's lines are in
//             the DOM (painted);
//   fcp     — the page's first contentful paint (the chart is the first content on the page).
// Two ways to get there (spec.mode):
//   'load'   — the page itself is the navigation: HTML, React, the chart's code and the data, as when
//              the app starts on this view;
//   'in-app' — the app is up (React rendered a shell, as the app's frame is, and prefetched the pages'
//              chunks once idle: renderer/src/app/pages.ts prefetchPages), and the user opens the view:
//              the clock starts at that moment (window.__navigate).
// Results land on window.__bench for the bench to read.
import { createRoot } from 'react-dom/client';
import type { MetricSeries } from '../../../../shared/model/metric.ts';
import '../../theme/themes.css';
import type { BenchResult } from './benchResult.ts';

interface BenchSpec {
  token: string;
  connectionId: string;
  from: number;
  to: number;
  series: { metric: string; dimensions: Record<string, string> }[];
  mode: 'load' | 'in-app';
}

declare global {
  interface Window {
    __bench?: BenchResult;
    __benchSpec?: BenchSpec;
    /** In-app mode: opens the chart's view; set once the shell is up and the chart's code loaded. */
    __navigate?: () => void;
  }
}

async function run(spec: BenchSpec, navigatedAt: number): Promise<void> {
  const host = document.getElementById('chart')!;
  // The chart fills the container: ask for no more points than it has pixels.
  const maxPoints = Math.min(4_000, Math.max(1, host.clientWidth));
  const t0 = performance.now();
  // The chart's code loads while the series are fetched (one chunk when the bench builds it split, as
  // the app's pages are; inlined in the one bundle otherwise, the "naive" build).
  const chart = import('./drawBenchChart.tsx');
  const answers = await Promise.all(
    spec.series.map(async (s) => {
      const response = await fetch(`/api/metrics.series`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${spec.token}` },
        body: JSON.stringify({
          connectionId: spec.connectionId,
          metric: s.metric,
          dimensions: s.dimensions,
          from: new Date(spec.from).toISOString(),
          to: new Date(spec.to).toISOString(),
          maxPoints,
        }),
      });
      const body = (await response.json()) as {
        ok: boolean;
        result?: MetricSeries;
        error?: { message: string };
      };
      if (!body.ok || !body.result) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      return body.result;
    }),
  );
  const t1 = performance.now();
  const { drawBenchChart } = await chart;
  const t1c = performance.now();
  const t2 = await drawBenchChart(host, answers, spec.series, spec.from, spec.to);
  performance.mark('chart-painted');
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
  window.__bench = {
    maxPoints,
    pointsPerSeries: answers.map((a) => a.points.length),
    apiMs: t1 - t0,
    // From the data and the chart's code both in hand to the chart painted.
    renderMs: t2 - Math.max(t1, t1c),
    startMs: t0 - navigatedAt,
    totalMs: t2 - navigatedAt,
    fcpMs: fcp,
  };
}

const fail = (e: unknown) => {
  window.__bench = {
    maxPoints: 0,
    pointsPerSeries: [],
    apiMs: 0,
    renderMs: 0,
    startMs: 0,
    totalMs: 0,
    fcpMs: null,
    error: e instanceof Error ? e.message : String(e),
  };
};

const spec = window.__benchSpec;
if (spec?.mode === 'load') run(spec, 0).catch(fail);
else if (spec) {
  // The app's frame: React renders a shell before any view is opened.
  const shell = document.createElement('div');
  document.body.prepend(shell);
  createRoot(shell).render(<p>Nightshift</p>);
  requestIdleCallback(() => {
    import('./drawBenchChart.tsx').then(() => {
      window.__navigate = () => {
        run(spec, performance.now()).catch(fail);
      };
    }, fail);
  });
}
