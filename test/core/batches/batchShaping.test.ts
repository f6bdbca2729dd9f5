// The pure parts of the batch views: the robust trend, which labels are jobs, and the timeline bars.
import { describe, expect, it } from 'vitest';
import { theilSen } from '../../../electron/core/batches/theilSen.ts';
import { proposeJobs } from '../../../electron/core/batches/proposeJobs.ts';
import type { LabelNight } from '../../../electron/core/batches/labelNights.ts';
import { addDays } from '../../../electron/core/base/zonedTime.ts';
import { barOf } from '../../../renderer/src/features/batches/batchModel.ts';
import type { BatchJobNight } from '../../../shared/model/batch.ts';

const MIN_US = 60_000_000;

function labelNight(night: string, label: string, startMin: number, spanMin: number): LabelNight {
  const base = Date.parse(`${night}T00:00:00Z`) * 1000;
  return {
    night,
    label,
    firstStartUs: base + startMin * MIN_US,
    lastEndUs: base + (startMin + spanMin) * MIN_US,
    statements: 3,
    queuedStatements: 0,
    queueUs: 0,
    execUs: spanMin * MIN_US,
    aborted: 0,
    waitQueue: null,
    userName: 'etl_user',
    queueName: 'etl_nightly',
    measured: 0,
    rowsScanned: 0,
    cpuUs: 0,
    cpuMeasured: 0,
  };
}

describe('batch shaping', () => {
  it('fits the creep and shrugs off one incident night (Theil-Sen)', () => {
    const points = Array.from({ length: 30 }, (_, x) => ({ x, y: 300 + 2.5 * x }));
    points[20] = { x: 20, y: 900 };
    const line = theilSen(points)!;
    expect(line.slope).toBeCloseTo(2.5, 5);
    expect(line.intercept).toBeCloseTo(300, 5);
    expect(theilSen([{ x: 1, y: 1 }])).toBeNull();
  });

  it('proposes recurring and month-start labels, not dashboards or occasional groups', () => {
    const rows: LabelNight[] = [];
    for (let i = 0; i < 28; i++) {
      const night = addDays('2026-11-10', i);
      rows.push(labelNight(night, 'nightly_etl', 60, 90));
      rows.push(labelNight(night, 'dashboard_sales', -360, 1000)); // refreshed all window long
      if (i % 4 === 0) rows.push(labelNight(night, 'adhoc_report', 600, 5));
      if (Number(night.slice(8)) <= 2) rows.push(labelNight(night, 'nightly_month_close', 90, 40));
      if (i >= 20) rows.push(labelNight(night, 'nightly_new_job', 200, 30));
    }
    expect([...proposeJobs(rows, 1080)].sort()).toEqual([
      'nightly_etl',
      'nightly_month_close',
      'nightly_new_job',
    ]);
  });

  it('places a bar in the night window and splits it by queued share', () => {
    const job = {
      firstStart: '2026-12-04T00:00:00.000Z',
      lastEnd: '2026-12-04T03:00:00.000Z',
      queueMs: 1_000,
      execMs: 3_000,
    } as BatchJobNight;
    const bar = barOf(job, { from: '2026-12-03T18:00:00.000Z', to: '2026-12-04T12:00:00.000Z' });
    expect(bar.left).toBeCloseTo((6 / 18) * 100, 5);
    expect(bar.width).toBeCloseTo((3 / 18) * 100, 5);
    expect(bar.queuedShare).toBe(0.25);
  });
});
