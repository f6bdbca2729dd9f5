// Pure shaping for the batch views beyond one night: the month-start chart's lines (x = day of month),
// a job's nights as chart points, and the words for a job's trends. Components only draw.
import type { BatchJobDetail, BatchMonthStart, MonthStartDay } from '../../../../shared/model/batchViews.ts';
import type { ChartPoint, SeriesDef } from '../../charts/TimeSeriesChart.tsx';

/** What the month-start chart draws: 'finish' | 'statements' | 'execHours' | 'cpu' | 'queue:<name>'. */
export type MonthMetric = string;

export const MONTH_METRICS: readonly { id: MonthMetric; label: string }[] = [
  { id: 'finish', label: 'Batch finish' },
  { id: 'statements', label: 'Statements per day' },
  { id: 'execHours', label: 'Execution hours' },
  { id: 'cpu', label: 'CPU (CloudWatch, %)' },
];

export const DAY_TICKS: readonly number[] = [1, 3, 5, 7, 10, 14, 17, 21, 24, 28, 31];
export const dayOfMonth = (v: number): string => `day ${Math.round(v)}`;

function valueOf(d: MonthStartDay, metric: MonthMetric): number | null {
  if (metric === 'finish') return d.finishMinutes;
  if (metric === 'statements') return d.statements;
  if (metric === 'execHours') return d.execHours;
  if (metric === 'cpu') return d.cpu;
  if (metric.startsWith('queue:')) return d.queueP95Minutes[metric.slice(6)] ?? null;
  return null;
}

/** One point per day 1..31, one key per month (newest first as the answer gives them). */
export function monthLines(
  view: BatchMonthStart,
  metric: MonthMetric,
): { data: ChartPoint[]; series: SeriesDef[] } {
  const data: ChartPoint[] = [];
  for (let day = 1; day <= 31; day++) {
    const point: ChartPoint = { t: day };
    for (const m of view.months) {
      const d = m.days.find((x) => x.day === day);
      point[m.month] = d ? valueOf(d, metric) : null;
    }
    data.push(point);
  }
  const series: SeriesDef[] = view.months.map((m, i) => ({
    key: m.month,
    label: i === 0 ? `${m.month} (this month)` : m.month,
    dots: true,
  }));
  return { data, series };
}

/** A job's nights at noon UTC of each date (the x only orders the nights), minutes on y. */
export function jobPoints(detail: BatchJobDetail): ChartPoint[] {
  return detail.points.map((p) => ({
    t: Date.parse(`${p.night}T12:00:00Z`),
    duration: p.monthStart ? null : p.durationMin,
    monthStart: p.monthStart ? p.durationMin : null,
    queue: p.queueMin,
    exec: p.execMin,
    trend: p.durationTrend,
    end: p.endMinutes,
  }));
}

/** '+1.2 min/night' or '—'. */
export function perNight(v: number | null): string {
  if (v === null) return '—';
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)} min/night`;
}

/** '×2.3' or '—'. */
export const times = (v: number | null): string => (v === null ? '—' : `×${v.toFixed(1)}`);
