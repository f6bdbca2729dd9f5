// An empty overview tile says why (issue #14): "No CloudWatch for this connection" only when the
// connection has none, not on a first start that has not read CloudWatch yet.
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/model/collector.ts';
import { feedState } from '../../renderer/src/features/overview/feedState.ts';
import { fakeConnection, fakeJob, fakeStatus } from '../support/collectorStatus.ts';

const metrics = (over: Partial<JobStatus>) =>
  fakeStatus(
    fakeConnection({
      name: 'Demo cluster',
      serverVersion: null,
      jobs: [
        fakeJob('metrics', {
          state: { kind: 'running', since: '2026-12-01T00:00:00.000Z' },
          lastRunAt: null,
          lastSuccessAt: null,
          rowsRead: 0,
          durationMs: null,
          nextRunAt: null,
          ...over,
        }),
      ],
    }),
  );

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
