// An empty overview tile says why (issue #14): "No CloudWatch for this connection" only when the
// connection has none, not on a first start that has not read CloudWatch yet.
import { describe, expect, it } from 'vitest';
import type { CollectorStatus, JobStatus } from '../../shared/model/collector.ts';
import { feedState } from '../../renderer/src/features/overview/feedState.ts';

const metrics = (over: Partial<JobStatus>): CollectorStatus => ({
  running: true,
  connections: [
    {
      connectionId: 'c1',
      name: 'Demo cluster',
      state: 'connected',
      capabilities: ['provisioned'],
      serverVersion: null,
      lastError: null,
      failingSince: null,
      jobs: [
        {
          job: 'metrics',
          state: { kind: 'running', since: '2026-12-01T00:00:00.000Z' },
          intervalMs: 60_000,
          lastRunAt: null,
          lastSuccessAt: null,
          consecutiveFailures: 0,
          rowsRead: 0,
          durationMs: null,
          nextRunAt: null,
          backfill: null,
          ...over,
        },
      ],
    },
  ],
});

describe('feedState', () => {
  it('tells not read yet, failing, not collected here, and read apart', () => {
    expect(feedState(null, 'c1', 'metrics')).toBe('not-read-yet');
    expect(feedState(metrics({}), 'c1', 'metrics')).toBe('not-read-yet');
    expect(feedState(metrics({}), 'other', 'metrics')).toBe('not-read-yet');
    expect(
      feedState(
        metrics({
          state: { kind: 'failing', since: '2026-12-01T00:00:00.000Z', error: 'x', retrying: false },
        }),
        'c1',
        'metrics',
      ),
    ).toBe('failing');
    expect(
      feedState(metrics({ state: { kind: 'skipped', reason: 'needs CloudWatch' } }), 'c1', 'metrics'),
    ).toBe('skipped');
    expect(feedState(metrics({ lastSuccessAt: '2026-12-01T00:01:00.000Z' }), 'c1', 'metrics')).toBe('read');
  });
});
