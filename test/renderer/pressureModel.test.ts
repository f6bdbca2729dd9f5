import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../shared/model/metric.ts';
import type { QueuePressure } from '../../shared/model/pressure.ts';
import {
  cloudWatchPoints,
  configMarks,
  groupsText,
  hasValues,
  historyNote,
  memoryText,
  queuePeaks,
  ruleText,
  shortDuration,
  slotsPoints,
  slotsReference,
  timeoutText,
  waitPoints,
} from '../../renderer/src/features/pressure/pressureModel.ts';

const queue: QueuePressure = {
  serviceClass: 6,
  queueName: 'etl_nightly',
  configuredSlots: 3,
  points: [
    { t: 0, running: 3, queued: 2, slots: 3, waitP50Ms: 1_000, waitP95Ms: 40_000, source: 'samples' },
    { t: 60_000, running: null, queued: null, slots: null, waitP50Ms: null, waitP95Ms: null, source: null },
    { t: 120_000, running: 1, queued: 0, slots: 3, waitP50Ms: null, waitP95Ms: null, source: 'samples' },
  ],
  highWater: [{ t: 0, running: 3, queued: 4 }],
  highWaterBucketSeconds: 3_600,
  cloudWatchDimensions: null,
};

function series(metric: string, points: [number, number | null][]): MetricSeries {
  return { metric, dimensions: {}, resolutionSeconds: 60, points: points.map(([t, v]) => ({ t, v })) };
}

describe('WLM pressure shaping', () => {
  it('keeps gaps as null in both charts, never zero', () => {
    expect(slotsPoints(queue)[1]).toEqual({
      t: 60_000,
      running: null,
      queued: null,
      runningHistory: null,
      queuedHistory: null,
      slots: null,
    });
    expect(waitPoints(queue).map((p) => p.p95)).toEqual([40_000, null, null]);
    expect(hasValues(waitPoints(queue), ['p50'])).toBe(true);
    expect(
      hasValues(slotsPoints({ ...queue, points: queue.points.slice(1, 2) }), ['running', 'queued']),
    ).toBe(false);
  });

  it('keeps values derived from the history apart from sampled ones, and says so', () => {
    const derived: QueuePressure = {
      ...queue,
      points: [
        { t: 0, running: 2, queued: 1, slots: null, waitP50Ms: null, waitP95Ms: null, source: 'history' },
        ...queue.points.slice(1),
      ],
    };
    const points = slotsPoints(derived);
    expect(points[0]).toMatchObject({ running: null, queued: null, runningHistory: 2, queuedHistory: 1 });
    expect(points[2]).toMatchObject({ running: 1, queued: 0, runningHistory: null, queuedHistory: null });
    expect(queuePeaks(derived).running).toBe(3); // peaks read both (the high water says 3)
    const at = (ms: number) => `t=${ms}`;
    expect(historyNote(derived, at)).toBe('Before t=120000, derived from query history (peak per bucket).');
    expect(historyNote(queue, at)).toBeNull();
    const onlyHistory = { ...derived, points: derived.points.slice(0, 2) };
    expect(historyNote(onlyHistory, at)).toMatch(/^No WLM samples in this range: .*query history/);
    const interleaved = { ...derived, points: [...queue.points.slice(0, 1), ...derived.points] };
    expect(historyNote(interleaved, at)).toBe(
      'Where no WLM samples were taken, derived from query history (peak per bucket).',
    );
  });

  it('finds the peaks, including the hourly high water', () => {
    expect(queuePeaks(queue)).toEqual({ running: 3, queued: 4, waitP95Ms: 40_000 });
    expect(queuePeaks({ ...queue, points: [], highWater: [] })).toEqual({
      running: null,
      queued: null,
      waitP95Ms: null,
    });
  });

  it('draws the configured slots as a line, except under automatic WLM', () => {
    expect(slotsReference(queue)).toEqual([{ y: 3, label: '3 slots configured' }]);
    expect(slotsReference({ ...queue, configuredSlots: 1 })).toEqual([{ y: 1, label: '1 slot configured' }]);
    expect(slotsReference({ ...queue, configuredSlots: -1 })).toEqual([]);
    expect(slotsReference({ ...queue, configuredSlots: null })).toEqual([]);
  });

  it('numbers configuration changes as marks', () => {
    expect(
      configMarks([
        { at: '2026-01-01T00:00:00.000Z', summary: ['etl_nightly: concurrency 3 → 4'] },
        { at: 'not a time', summary: [] },
      ]),
    ).toEqual([{ t: Date.parse('2026-01-01T00:00:00.000Z'), label: 'WLM change 1' }]);
  });

  it('puts CloudWatch length and wait on one axis; a bucket only one has is a gap in the other', () => {
    const points = cloudWatchPoints(
      series('WLMQueueLength', [
        [0, 2],
        [60_000, null],
      ]),
      series('WLMQueueWaitTime', [
        [0, 1_500],
        [120_000, 300],
      ]),
    );
    expect(points).toEqual([
      { t: 0, length: 2, waitMs: 1_500 },
      { t: 60_000, length: null, waitMs: null },
      { t: 120_000, length: null, waitMs: 300 },
    ]);
    expect(cloudWatchPoints(null, null)).toEqual([]);
  });

  it('says the configuration in words', () => {
    expect(memoryText(40)).toBe('40 %');
    expect(memoryText('auto')).toBe('auto');
    expect(memoryText(null)).toBe('–');
    expect(timeoutText(null)).toBe('none');
    expect(timeoutText(0)).toBe('none');
    expect(timeoutText(7_200_000)).toBe('2 h 00 min');
    expect(groupsText(['nightly_*'], true)).toBe('nightly_* (wildcards on)');
    expect(groupsText([], true)).toBe('–');
    expect(ruleText({ predicates: 'query_execution_time > 7200', action: 'abort' })).toBe(
      'query_execution_time > 7200 → abort',
    );
  });
});

describe('axis durations', () => {
  it('stay short enough for a tick', () => {
    expect([850, 12_400, 20 * 60_000, 90 * 60_000, 36 * 3_600_000].map((ms) => shortDuration(ms))).toEqual([
      '850 ms',
      '12 s',
      '20 min',
      '1.5 h',
      '36 h',
    ]);
  });
});
