// The one time-series chart every view uses (recharts). x is time on a number axis over exactly the
// chosen range, so missing data at either end shows as empty space; nulls are gaps, never zeros.
// Ticks, tooltip and axis label are in the chosen zone. Dragging across the plot zooms (onZoom).
// Long because zoom, gaps, zones and the two units share one layout computation.
import { useContext, useMemo, useState, type PointerEvent as ReactPointerEvent } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { testIds } from '../../../shared/testIds.ts';
import { ViewStateContext } from '../app/ViewState.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { formatDateTime, formatTick, zoneLabel, type TimeZoneChoice } from '../time/formatTime.ts';
import { timeTicks } from './timeTicks.ts';
import { useElementWidth } from './useElementWidth.ts';
import './charts.css';

export interface SeriesDef {
  /** Key in each data point. */
  key: string;
  label: string;
  /** A CSS colour or variable, e.g. 'var(--chart-1)'. */
  color?: string;
  kind?: 'line' | 'area' | 'step';
  yAxis?: 'left' | 'right';
  /** Draw a dot at every point (sparse series such as one run per night; lone points show). */
  dots?: boolean;
}

export type ChartPoint = { t: number } & Record<string, number | null>;

export interface TimeSeriesChartProps {
  data: readonly ChartPoint[];
  series: readonly SeriesDef[];
  /** The x domain (epoch ms): the chosen range, so gaps at either end show. */
  from: number;
  to: number;
  height?: number;
  yLabel?: string;
  /** Formatters are dependencies of the drawing: pass module functions or memoise them. */
  yFormat?: (value: number) => string;
  rightLabel?: string;
  rightFormat?: (value: number) => string;
  /** The tooltip's value format when it should be fuller than the axis's (default: the axis's). */
  tooltipFormat?: (value: number, series: SeriesDef) => string;
  /** Vertical marks, e.g. WLM configuration changes. */
  marks?: readonly { t: number; label: string }[];
  /** Horizontal reference lines, e.g. configured slots. */
  referenceY?: readonly { y: number; label: string }[];
  /** Drag across the chart to zoom: called with the chosen window. */
  onZoom?: (from: number, to: number) => void;
  testId?: string;
  /** When set, shown instead of the chart (why there is nothing to draw). */
  emptyMessage?: string | null;
  /** The zone for ticks and tooltip; defaults to the view's choice (UTC outside a view). */
  zone?: TimeZoneChoice;
  /**
   * A plain number x instead of time (e.g. day of month 1..31): its ticks, their format (axis and
   * tooltip) and its label. Memoise it like the formatters.
   */
  xAxis?: { ticks: readonly number[]; format: (value: number) => string; label: string };
}

/** Fixed so the plot area (where a drag maps to time) is known without asking recharts. */
const Y_AXIS_WIDTH = 58;
const MARGIN = { top: 10, right: 12, bottom: 4, left: 4 };
/** Room above the plot for the legend when there are several series. */
const LEGEND_TOP = 24;
const X_AXIS_HEIGHT = 38;
/** A drag shorter than this is a click, not a zoom. */
const MIN_DRAG_PX = 6;

const PALETTE = [
  'var(--chart-1)',
  'var(--chart-2)',
  'var(--chart-3)',
  'var(--chart-4)',
  'var(--chart-5)',
  'var(--chart-6)',
];

const noLines = () => [];

const plain = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** A dashed guide line on the left axis with its small label, both in the guide's colour. */
const guide = (
  color: string,
  dash: string,
  value: string,
  position: 'insideTopRight' | 'insideBottomRight' | 'insideBottomLeft',
) => ({
  yAxisId: 'left',
  stroke: color,
  strokeDasharray: dash,
  label: { value, position, fill: color, fontSize: 11 },
});

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const view = useContext(ViewStateContext);
  const zone = props.zone ?? view?.zone ?? 'utc';
  const height = props.height ?? 240;
  const [ref, width] = useElementWidth<HTMLDivElement>();

  return (
    <div
      ref={ref}
      className="ts-chart"
      style={{ height }}
      data-testid={props.testId}
      data-state={props.emptyMessage ? 'empty' : width > 0 ? 'drawn' : 'measuring'}
    >
      {props.emptyMessage ? (
        <div className="ts-chart-empty" style={{ height }}>
          <EmptyState message={props.emptyMessage} />
        </div>
      ) : (
        width > 0 && <ChartBody {...props} zone={zone} height={height} width={width} />
      )}
    </div>
  );
}

function ChartBody(props: TimeSeriesChartProps & { zone: TimeZoneChoice; width: number; height: number }) {
  const { data, series, from, to, zone, width, height, onZoom } = props;
  const hasRight = series.some((s) => s.yAxis === 'right');
  const marginTop = series.length > 1 ? LEGEND_TOP : MARGIN.top;
  const plotLeft = MARGIN.left + Y_AXIS_WIDTH;
  const plotRight = width - MARGIN.right - (hasRight ? Y_AXIS_WIDTH : 0);

  const yFormat = props.yFormat ?? plain;
  const rightFormat = props.rightFormat ?? plain;
  const { tooltipFormat, marks, referenceY, yLabel, rightLabel, xAxis } = props;

  // The chart itself does not depend on the drag state: dragging redraws only the selection box.
  // Everything it draws is a dependency, formatters included (a unit change must redraw), so callers
  // pass formatters that keep their identity between renders (module functions or memoised).
  const chart = useMemo(() => {
    const span = to - from;
    const ticks = xAxis ? [...xAxis.ticks] : timeTicks(from, to, plotRight - plotLeft, zone);
    return (
      <ComposedChart
        width={width}
        height={height}
        data={data as ChartPoint[]}
        margin={{ ...MARGIN, top: marginTop }}
        accessibilityLayer={false}
      >
        {/* Horizontal lines only. The empty generator keeps recharts from laying out (and measuring
            every label of) x ticks for vertical lines it would not draw. */}
        <CartesianGrid
          stroke="var(--chart-grid)"
          strokeDasharray="2 4"
          vertical={false}
          verticalCoordinatesGenerator={noLines}
        />
        <XAxis
          dataKey="t"
          type="number"
          scale={xAxis ? 'linear' : 'time'}
          domain={[from, to]}
          allowDataOverflow
          ticks={ticks}
          tickFormatter={(v: number) => (xAxis ? xAxis.format(v) : formatTick(v, span, zone))}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          stroke="var(--border-strong)"
          // Every tick is drawn: the ticks are already spaced (timeTicks / a few on y), and letting
          // recharts pick ("preserveEnd") measures every label in the DOM, most of first paint.
          interval={0}
          height={X_AXIS_HEIGHT}
          label={{
            value: xAxis ? xAxis.label : `Time (${zoneLabel(zone)})`,
            position: 'insideBottom',
            offset: 0,
            fill: 'var(--text-faint)',
            fontSize: 11,
          }}
        />
        {yAxis('left', yFormat, yLabel)}
        {hasRight && yAxis('right', rightFormat, rightLabel)}
        <Tooltip
          isAnimationActive={false}
          cursor={{ stroke: 'var(--border-strong)' }}
          content={(p: TooltipContentProps) => (
            <ChartTooltip
              p={p}
              series={series}
              zone={zone}
              {...(xAxis ? { xFormat: xAxis.format } : {})}
              format={(v, s) =>
                tooltipFormat ? tooltipFormat(v, s) : s.yAxis === 'right' ? rightFormat(v) : yFormat(v)
              }
            />
          )}
        />
        {series.map((s, i) => {
          const color = s.color ?? PALETTE[i % PALETTE.length];
          // What an area and a line draw alike; an area adds its fill, a line its step.
          const drawn = {
            dataKey: s.key,
            name: s.label,
            yAxisId: s.yAxis === 'right' ? 'right' : 'left',
            stroke: color,
            strokeWidth: 1.5,
            dot: s.dots ? { r: 2.5, fill: color, strokeWidth: 0 } : false,
            activeDot: { r: 3 },
            connectNulls: false,
            isAnimationActive: false,
          } as const;
          return s.kind === 'area' ? (
            <Area key={s.key} {...drawn} type="linear" fill={color} fillOpacity={0.18} />
          ) : (
            <Line key={s.key} {...drawn} type={s.kind === 'step' ? 'stepAfter' : 'linear'} />
          );
        })}
        {(referenceY ?? []).map((r) => (
          <ReferenceLine
            key={`y-${r.y}-${r.label}`}
            y={r.y}
            {...guide('var(--warn)', '5 3', r.label, 'insideTopRight')}
          />
        ))}
        {(marks ?? [])
          .filter((m) => m.t >= from && m.t <= to)
          .map((m) => (
            <ReferenceLine
              key={`x-${m.t}-${m.label}`}
              x={m.t}
              // Near the right edge the label goes to the line's left, or it would be cut off. At the
              // bottom: the top right holds the reference lines' labels ("3 slots configured").
              {...guide(
                'var(--accent)',
                '3 3',
                m.label,
                m.t > from + 0.7 * span ? 'insideBottomRight' : 'insideBottomLeft',
              )}
            />
          ))}
      </ComposedChart>
    );
  }, [
    data,
    series,
    from,
    to,
    zone,
    width,
    height,
    hasRight,
    marginTop,
    plotLeft,
    plotRight,
    marks,
    referenceY,
    yLabel,
    rightLabel,
    yFormat,
    rightFormat,
    tooltipFormat,
    xAxis,
  ]);

  const zoom = useDragZoom({
    from,
    to,
    plotLeft,
    plotRight,
    top: marginTop,
    bottom: height - X_AXIS_HEIGHT - MARGIN.bottom,
    onZoom,
  });

  return (
    <div className={onZoom ? 'ts-chart-body ts-chart-zoomable' : 'ts-chart-body'} {...zoom.handlers}>
      {chart}
      {zoom.selection}
      <Legend series={series} />
    </div>
  );
}

/** One value axis; the right one mirrors the left (label turned the other way). */
function yAxis(side: 'left' | 'right', format: (value: number) => string, label: string | undefined) {
  const left = side === 'left';
  return (
    <YAxis
      yAxisId={side}
      orientation={side}
      width={Y_AXIS_WIDTH}
      tickFormatter={format}
      tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
      stroke="var(--border-strong)"
      // Every tick is drawn: the ticks are already spaced (timeTicks / a few on y), and letting
      // recharts pick ("preserveEnd") measures every label in the DOM, most of first paint.
      interval={0}
      label={
        label
          ? {
              value: label,
              angle: left ? -90 : 90,
              position: left ? 'insideLeft' : 'insideRight',
              fill: 'var(--text-faint)',
              fontSize: 11,
              dy: left ? 40 : -40,
            }
          : undefined
      }
    />
  );
}

function Legend({ series }: { series: readonly SeriesDef[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="ts-chart-legend">
      {series.map((s, i) => (
        <li key={s.key}>
          <span className="ts-chart-swatch" style={{ background: s.color ?? PALETTE[i % PALETTE.length] }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function ChartTooltip({
  p,
  series,
  zone,
  format,
  xFormat,
}: {
  p: TooltipContentProps;
  series: readonly SeriesDef[];
  zone: TimeZoneChoice;
  format: (v: number, s: SeriesDef) => string;
  xFormat?: (v: number) => string;
}) {
  const first = p.payload[0];
  if (!p.active || !first) return null;
  const point = first.payload as ChartPoint | undefined;
  if (!point) return null;
  return (
    <div className="ts-chart-tooltip" data-testid={testIds.charts.tooltip}>
      <div className="ts-chart-tooltip-time mono">
        {xFormat ? xFormat(point.t) : `${formatDateTime(point.t, zone)} ${zone === 'utc' ? 'UTC' : 'local'}`}
      </div>
      {series.map((s, i) => {
        const v = point[s.key];
        return (
          <div key={s.key} className="ts-chart-tooltip-row">
            <span
              className="ts-chart-swatch"
              style={{ background: s.color ?? PALETTE[i % PALETTE.length] }}
            />
            <span className="ts-chart-tooltip-label">{s.label}</span>
            <span className="ts-chart-tooltip-value mono">
              {typeof v === 'number' ? format(v, s) : 'no data'}
            </span>
          </div>
        );
      })}
    </div>
  );
}

/**
 * Drag-to-zoom over the plot area: pointer down, move, up; the window between is passed to onZoom.
 * The handlers sit on the chart's wrapper (events bubble up from the SVG), so hover tooltips still work;
 * the selection is a box drawn over the plot that lets the pointer through.
 */
function useDragZoom(props: {
  from: number;
  to: number;
  plotLeft: number;
  plotRight: number;
  top: number;
  bottom: number;
  onZoom: ((from: number, to: number) => void) | undefined;
}) {
  const { from, to, plotLeft, plotRight, top, bottom, onZoom } = props;
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const plotWidth = Math.max(1, plotRight - plotLeft);

  const xOf = (e: ReactPointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return Math.min(plotWidth, Math.max(0, e.clientX - box.left - plotLeft));
  };
  const timeAt = (x: number) => from + (x / plotWidth) * (to - from);

  if (!onZoom) return { handlers: {}, selection: null };
  const handlers = {
    onPointerDown: (e: ReactPointerEvent<HTMLDivElement>) => {
      if (e.button !== 0) return;
      const box = e.currentTarget.getBoundingClientRect();
      const y = e.clientY - box.top;
      const x = e.clientX - box.left;
      if (x < plotLeft || x > plotRight || y < top || y > bottom) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      e.preventDefault();
      setDrag({ start: x - plotLeft, end: x - plotLeft });
    },
    onPointerMove: (e: ReactPointerEvent<HTMLDivElement>) => {
      if (drag) setDrag({ start: drag.start, end: xOf(e) });
    },
    onPointerUp: (e: ReactPointerEvent<HTMLDivElement>) => {
      if (!drag) return;
      const end = xOf(e);
      setDrag(null);
      if (Math.abs(end - drag.start) >= MIN_DRAG_PX) {
        onZoom(Math.round(timeAt(Math.min(drag.start, end))), Math.round(timeAt(Math.max(drag.start, end))));
      }
    },
    onPointerCancel: () => setDrag(null),
  };
  const selection =
    drag && drag.end !== drag.start ? (
      <div
        className="ts-chart-selection"
        data-testid={testIds.charts.zoomSelection}
        style={{
          left: plotLeft + Math.min(drag.start, drag.end),
          width: Math.abs(drag.end - drag.start),
          top,
          height: Math.max(0, bottom - top),
        }}
      />
    ) : null;
  return { handlers, selection };
}
