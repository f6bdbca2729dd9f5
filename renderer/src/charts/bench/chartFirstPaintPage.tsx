// Bench-only page (bench/chartFirstPaint.bench.ts bundles it with esbuild and serves it on door 2's
// origin through the browser's request routing; the app never imports it). Draws TimeSeriesChart with
// four series from metrics.series, asking for as many points as the chart is wide, and records:
//   api     — the four metrics.series calls (in parallel), from first request to last answer;
//   render  — from the data in hand to the frame after the chart's lines are in the DOM (painted);
//   fcp     — the page's first contentful paint (the chart is the first content on the page).
// Results land on window.__bench for the bench to read.
import { createRoot } from 'react-dom/client';
import type { MetricSeries } from '../../../../shared/model/metric.ts';
import '../../theme/themes.css';
import { TimeSeriesChart, type ChartPoint, type SeriesDef } from '../TimeSeriesChart.tsx';
import type { BenchResult } from './benchResult.ts';

interface BenchSpec {
  token: string;
  connectionId: string;
  from: number;
  to: number;
  series: { metric: string; dimensions: Record<string, string> }[];
}

declare global {
  interface Window {
    __bench?: BenchResult;
    __benchSpec?: BenchSpec;
  }
}

const PALETTE = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'];

async function run(spec: BenchSpec): Promise<void> {
  const host = document.getElementById('chart')!;
  // The chart fills the container: ask for no more points than it has pixels.
  const maxPoints = Math.min(4_000, Math.max(1, host.clientWidth));
  const t0 = performance.now();
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

  // One row per bucket start, a column per series (the series share buckets: same range, same width).
  const byT = new Map<number, ChartPoint>();
  answers.forEach((a, i) => {
    for (const p of a.points) {
      const row = byT.get(p.t) ?? ({ t: p.t } as ChartPoint);
      row[`s${i}`] = p.v;
      byT.set(p.t, row);
    }
  });
  const data = [...byT.values()].sort((a, b) => a.t - b.t);
  const series: SeriesDef[] = spec.series.map((s, i) => ({
    key: `s${i}`,
    label: s.metric,
    color: PALETTE[i],
    yAxis: s.metric === 'WLMQueueLength' ? 'right' : 'left',
  }));

  performance.mark('chart-render-start');
  const painted = new Promise<number>((resolve) => {
    const check = () => {
      if (host.querySelectorAll('.recharts-line-curve').length >= series.length) {
        // The frame after the lines are in the DOM is the one that paints them.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(host, { childList: true, subtree: true });
  });
  createRoot(host).render(
    <TimeSeriesChart data={data} series={series} from={spec.from} to={spec.to} height={320} zone="utc" />,
  );
  const t2 = await painted;
  performance.mark('chart-painted');
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
  window.__bench = {
    maxPoints,
    pointsPerSeries: answers.map((a) => a.points.length),
    apiMs: t1 - t0,
    renderMs: t2 - t1,
    totalMs: t2,
    fcpMs: fcp,
  };
}

const spec = window.__benchSpec;
if (spec) {
  run(spec).catch((e: unknown) => {
    window.__bench = {
      maxPoints: 0,
      pointsPerSeries: [],
      apiMs: 0,
      renderMs: 0,
      totalMs: 0,
      fcpMs: null,
      error: e instanceof Error ? e.message : String(e),
    };
  });
}
