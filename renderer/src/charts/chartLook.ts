// A chart's props split by where they come from, so a page spreads two objects instead of writing out
// the same ten props at every TimeSeriesChart (issue #15: the pressure, batch and run-history charts
// were the same prop lists in different words).
import type { TimeSeriesChartProps } from './TimeSeriesChart.tsx';

/** What a chart is, fixed per chart: its test id, series, height and axes. A module constant. */
export type ChartLook = Pick<
  TimeSeriesChartProps,
  | 'testId'
  | 'series'
  | 'height'
  | 'yLabel'
  | 'yFormat'
  | 'rightLabel'
  | 'rightFormat'
  | 'tooltipFormat'
  | 'xAxis'
>;

/** Where the charts of one view stand, shared by its charts: the time range, marks and zooming. */
export type ChartFrame = Pick<TimeSeriesChartProps, 'from' | 'to' | 'marks' | 'onZoom'>;
