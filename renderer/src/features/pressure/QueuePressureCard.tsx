import { useMemo } from 'react';
import type { QueuePressure } from '../../../../shared/model/pressure.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import type { ChartFrame, ChartLook } from '../../charts/chartLook.ts';
import { TimeSeriesChart, type SeriesDef } from '../../charts/TimeSeriesChart.tsx';
import { formatDateTime, formatDuration } from '../../time/formatTime.ts';
import { zoomRange } from '../../time/timeRange.ts';
import { CloudWatchQueueChart } from './CloudWatchQueueChart.tsx';
import { HighWaterTable } from './HighWaterTable.tsx';
import {
  hasValues,
  historyNote,
  queuePeaks,
  shortDuration,
  slotsPoints,
  slotsReference,
  slotsText,
  waitPoints,
} from './pressureModel.ts';

const ids = testIds.pressure;

const SLOT_SERIES: readonly SeriesDef[] = [
  { key: 'running', label: 'Running (peak)', kind: 'step', color: 'var(--chart-1)' },
  { key: 'queued', label: 'Queued (peak)', kind: 'area', color: 'var(--chart-5)' },
  { key: 'runningHistory', label: 'Running (peak, from history)', kind: 'step', color: 'var(--chart-4)' },
  { key: 'queuedHistory', label: 'Queued (peak, from history)', kind: 'area', color: 'var(--chart-2)' },
  { key: 'slots', label: 'Configured slots', kind: 'step', color: 'var(--chart-6)' },
];

const WAIT_SERIES: readonly SeriesDef[] = [
  { key: 'p50', label: 'Queue wait p50', kind: 'line', color: 'var(--chart-3)' },
  { key: 'p95', label: 'Queue wait p95', kind: 'line', color: 'var(--chart-2)' },
];

/** Statements are whole: fractional ticks (recharts' even spacing) stay unlabelled. */
const countTick = (v: number) => (Number.isInteger(v) ? String(v) : '');

const SLOTS_LOOK: ChartLook = {
  testId: ids.slotsChart,
  series: SLOT_SERIES,
  height: 200,
  yLabel: 'statements',
  yFormat: countTick,
};
const WAIT_LOOK: ChartLook = {
  testId: ids.waitChart,
  series: WAIT_SERIES,
  height: 200,
  yLabel: 'wait',
  yFormat: shortDuration,
};

interface Props {
  connectionId: string;
  queue: QueuePressure;
  from: number;
  to: number;
  maxPoints: number;
  marks: readonly { t: number; label: string }[];
  /** Why a chart of this range may be empty (collector state, retention). */
  whyEmpty: string;
}

/** One queue: running vs slots and queued, queue wait percentiles, CloudWatch, hourly high water. */
export function QueuePressureCard({ connectionId, queue: q, from, to, maxPoints, marks, whyEmpty }: Props) {
  const { setRange, zone } = useView();
  const slots = useMemo(() => slotsPoints(q), [q]);
  const waits = useMemo(() => waitPoints(q), [q]);
  const peaks = useMemo(() => queuePeaks(q), [q]);
  const note = useMemo(() => historyNote(q, (ms) => formatDateTime(ms, zone)), [q, zone]);
  const frame: ChartFrame = { from, to, marks, onZoom: (a, b) => setRange(zoomRange(a, b)) };
  const full =
    peaks.running !== null &&
    q.configuredSlots !== null &&
    q.configuredSlots > 0 &&
    peaks.running >= q.configuredSlots;

  return (
    <section
      className="panel pressure-queue"
      data-testid={ids.queue}
      data-service-class={q.serviceClass}
      data-queue-name={q.queueName}
      data-peak-queued={peaks.queued ?? ''}
      data-peak-running={peaks.running ?? ''}
      aria-label={`Queue ${q.queueName}`}
    >
      <header className="pressure-queue-header">
        <h2 className="pressure-queue-title">
          {q.queueName} <span className="faint small">service class {q.serviceClass}</span>
        </h2>
        <dl className="pressure-peaks">
          <div>
            <dt>Slots</dt>
            <dd>{slotsText(q.configuredSlots)}</dd>
          </div>
          <div className={full ? 'peak-hot' : undefined}>
            <dt>Peak running</dt>
            <dd>{peaks.running ?? '–'}</dd>
          </div>
          <div className={peaks.queued !== null && peaks.queued > 0 ? 'peak-hot' : undefined}>
            <dt>Peak queued</dt>
            <dd data-testid={ids.peakQueued}>{peaks.queued ?? '–'}</dd>
          </div>
          <div>
            <dt>Peak p95 wait</dt>
            <dd>{peaks.waitP95Ms === null ? '–' : formatDuration(peaks.waitP95Ms)}</dd>
          </div>
        </dl>
      </header>
      <div className="pressure-charts">
        <div>
          <h3 className="pressure-chart-title">Running vs configured slots, and queued</h3>
          {note && <p className="faint small">{note}</p>}
          <TimeSeriesChart
            {...SLOTS_LOOK}
            {...frame}
            data={slots}
            referenceY={slotsReference(q)}
            emptyMessage={
              hasValues(slots, ['running', 'queued', 'runningHistory', 'queuedHistory'])
                ? null
                : `No WLM samples or query history: ${whyEmpty}`
            }
          />
        </div>
        <div>
          <h3 className="pressure-chart-title">Queue wait of the queries that started (p50 / p95)</h3>
          <TimeSeriesChart
            {...WAIT_LOOK}
            {...frame}
            data={waits}
            emptyMessage={hasValues(waits, ['p50', 'p95']) ? null : `No queries in this queue: ${whyEmpty}`}
          />
        </div>
        <CloudWatchQueueChart
          connectionId={connectionId}
          dimensions={q.cloudWatchDimensions}
          frame={frame}
          maxPoints={maxPoints}
        />
      </div>
      <HighWaterTable queue={q} />
    </section>
  );
}
