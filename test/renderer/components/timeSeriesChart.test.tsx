// @vitest-environment jsdom
// The time-series chart redraws when only its formatters change: a unit switch (ms → s) relabels the
// axis and the tooltip. It used to keep the old labels (the formatters were left out of the memo).
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TimeSeriesChart, type ChartPoint } from '../../../renderer/src/charts/TimeSeriesChart.tsx';

const WIDTH = 640;

/**
 * jsdom lays nothing out: the chart's container is reported at a fixed width by the observer, after
 * the first synchronous measure (which reads nothing in jsdom), as a browser's first observation would.
 */
class FixedResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const entry = { target, contentRect: { width: WIDTH, height: 240 } } as ResizeObserverEntry;
    setTimeout(() => act(() => this.callback([entry], this as unknown as ResizeObserver)), 0);
  }
  unobserve() {}
  disconnect() {}
}

const original = globalThis.ResizeObserver;
beforeAll(() => {
  globalThis.ResizeObserver = FixedResizeObserver as unknown as typeof ResizeObserver;
});
afterAll(() => {
  globalThis.ResizeObserver = original;
});
afterEach(cleanup);

const FROM = Date.parse('2026-12-01T00:00:00Z');
const TO = FROM + 6 * 3_600_000;
const data: ChartPoint[] = Array.from({ length: 7 }, (_, i) => ({ t: FROM + i * 3_600_000, ms: i * 1_000 }));
const series = [{ key: 'ms', label: 'Elapsed' }];
const inMs = (v: number) => `${v} ms`;
const inS = (v: number) => `${v / 1000} s`;

/** The value axis' tick labels on one side (recharts draws labels in a layer of their own). */
function yTickLabels(container: HTMLElement, side: 'left' | 'right' = 'left'): string[] {
  const texts = container.querySelectorAll(`.recharts-yAxis-tick-labels text[orientation="${side}"]`);
  return [...texts].map((t) => t.textContent ?? '');
}

/** Axis titles and their rotation: [text, transform]. */
function axisTitles(container: HTMLElement): [string, string | null][] {
  return [...container.querySelectorAll('text.recharts-label')].map((t) => [
    t.textContent ?? '',
    t.getAttribute('transform'),
  ]);
}

describe('TimeSeriesChart', () => {
  it('relabels the value axis when only the unit (formatter) changes', async () => {
    const view = render(
      <TimeSeriesChart
        data={data}
        series={series}
        from={FROM}
        to={TO}
        zone="utc"
        yFormat={inMs}
        testId="c"
      />,
    );
    await waitFor(() => expect(screen.getByTestId('c').dataset.state).toBe('drawn'));
    const before = yTickLabels(view.container);
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((l) => l.endsWith(' ms'))).toBe(true);

    view.rerender(
      <TimeSeriesChart data={data} series={series} from={FROM} to={TO} zone="utc" yFormat={inS} testId="c" />,
    );
    const after = yTickLabels(view.container);
    expect(after.length).toBe(before.length);
    expect(after.every((l) => l.endsWith(' s'))).toBe(true);
    expect(after).toContain('6 s');
  });

  it('draws one axis per side, each with its own formatter and label', async () => {
    const view = render(
      <TimeSeriesChart
        data={data.map((p) => ({ ...p, n: 3 }))}
        series={[...series, { key: 'n', label: 'Queued', yAxis: 'right' }]}
        from={FROM}
        to={TO}
        zone="utc"
        yFormat={inMs}
        yLabel="Elapsed"
        rightFormat={(v) => `${v} q`}
        rightLabel="Queued"
      />,
    );
    await waitFor(() => expect(view.container.querySelectorAll('.recharts-yAxis').length).toBe(2));
    const titles = axisTitles(view.container);
    expect(titles.map(([t]) => t)).toEqual(['Time (UTC)', 'Elapsed', 'Queued']);
    expect(titles[1]?.[1]).toMatch(/^rotate\(-90,/);
    expect(titles[2]?.[1]).toMatch(/^rotate\(90,/);
    const left = yTickLabels(view.container, 'left');
    const right = yTickLabels(view.container, 'right');
    expect(left.length).toBeGreaterThan(1);
    expect(left.every((l) => l.endsWith(' ms'))).toBe(true);
    expect(right.length).toBeGreaterThan(1);
    expect(right.every((l) => l.endsWith(' q'))).toBe(true);
  });
});
