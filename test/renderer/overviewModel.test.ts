import { describe, expect, it } from 'vitest';
import type { QueueNow } from '../../shared/model/overview.ts';
import {
  healthOf,
  isFull,
  METRIC_TILES,
  slotsText,
  userQueues,
} from '../../renderer/src/features/overview/overviewModel.ts';

const q = (over: Partial<QueueNow>): QueueNow => ({
  serviceClass: 6,
  queueName: 'etl_nightly',
  slots: 3,
  running: 1,
  queued: 0,
  at: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('overview figures', () => {
  it('health: the probe below 1 is unhealthy; a status other than available is said as is', () => {
    expect(healthOf('available', 1)).toEqual({ tone: 'ok', text: 'Healthy' });
    expect(healthOf('available', 0.5)).toEqual({ tone: 'error', text: 'Unhealthy' });
    expect(healthOf('modifying', 1)).toEqual({ tone: 'warn', text: 'modifying' });
    expect(healthOf('available', null)).toEqual({ tone: 'ok', text: 'Available' });
    expect(healthOf(null, null)).toEqual({ tone: 'idle', text: 'Unknown' });
  });

  it('a queue is full when every configured slot runs; automatic WLM never is', () => {
    expect(isFull(q({ running: 3 }))).toBe(true);
    expect(isFull(q({ running: 2 }))).toBe(false);
    expect(isFull(q({ slots: -1, running: 40 }))).toBe(false);
    expect(slotsText(q({ running: 3 }))).toBe('3 / 3');
    expect(slotsText(q({ slots: -1, running: 4 }))).toBe('4 running (auto)');
  });

  it("leaves out Redshift's own service classes", () => {
    expect(
      userQueues([q({ serviceClass: 1 }), q({ serviceClass: 5 }), q({ serviceClass: 14 })]).map(
        (x) => x.serviceClass,
      ),
    ).toEqual([5, 14]);
  });

  it('formats the CloudWatch tiles with their units', () => {
    const fmt = (metric: string, v: number) => METRIC_TILES.find((t) => t.metric === metric)?.format(v);
    expect(fmt('CPUUtilization', 7.25)).toBe('7.3 %');
    expect(fmt('PercentageDiskSpaceUsed', 61.6)).toBe('62 %');
    expect(fmt('DatabaseConnections', 12)).toBe('12');
  });
});
