// The heavy half of the chart bench page (chartFirstPaintPage.tsx imports it dynamically): React,
// recharts and TimeSeriesChart. Built with code splitting, as the app builds its pages, this chunk
// loads and parses while the page's small entry is already fetching the series.
import { createRoot } from 'react-dom/client';
import type { MetricSeries } from '../../../../shared/model/metric.ts';
import { TimeSeriesChart, type ChartPoint, type SeriesDef } from '../TimeSeriesChart.tsx';

const PALETTE = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'];

/** Draws the four series into host; resolves with performance.now() at the frame that painted them. */
export function drawBenchChart(
  host: HTMLElement,
  answers: MetricSeries[],
  specSeries: { metric: string }[],
  from: number,
  to: number,
): Promise<number> {
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
  const series: SeriesDef[] = specSeries.map((s, i) => ({
    key: `s${i}`,
    label: s.metric,
    color: PALETTE[i],
    yAxis: s.metric === 'WLMQueueLength' ? 'right' : 'left',
  }));

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
    <TimeSeriesChart data={data} series={series} from={from} to={to} height={320} zone="utc" />,
  );
  return painted;
}
