import { describe, expect, it } from 'vitest';
import type { CollectorStatus, JobStatus } from '../../shared/model/collector.ts';
import { EMPTY_MESSAGES, whyEmpty } from '../../renderer/src/components/whyEmpty.ts';

const NOW = Date.parse('2026-11-26T07:00:00Z');
const DAY = 86_400_000;

function job(over: Partial<JobStatus> = {}): JobStatus {
  return {
    job: 'query_history',
    state: { kind: 'ok', since: '2026-11-26T06:59:00Z' },
    intervalMs: 60_000,
    lastRunAt: '2026-11-26T06:59:00Z',
    lastSuccessAt: '2026-11-26T06:59:00Z',
    consecutiveFailures: 0,
    rowsRead: 10,
    durationMs: 100,
    nextRunAt: null,
    backfill: null,
    ...over,
  };
}

function status(
  j: JobStatus,
  state: 'connected' | 'failed' | 'connecting' = 'connected',
  lastError: string | null = null,
): CollectorStatus {
  return {
    running: true,
    connections: [
      {
        connectionId: 'c1',
        name: 'demo',
        state,
        capabilities: ['provisioned'],
        serverVersion: null,
        lastError,
        failingSince: null,
        jobs: [j],
      },
    ],
  };
}

const input = { connectionId: 'c1', from: NOW - DAY, to: NOW, now: NOW };

describe('why a view is empty', () => {
  it('before the first read of the history', () => {
    expect(
      whyEmpty({
        ...input,
        status: status(
          job({ state: { kind: 'running', since: '2026-11-26T06:59:50Z' }, lastSuccessAt: null }),
        ),
      }),
    ).toBe(EMPTY_MESSAGES.notCollectedYet);
    expect(whyEmpty({ ...input, status: { running: true, connections: [] } })).toBe(
      EMPTY_MESSAGES.notCollectedYet,
    );
    expect(whyEmpty({ ...input, status: status(job(), 'connecting') })).toBe(EMPTY_MESSAGES.notCollectedYet);
  });

  it("when the collector fails, in the server's words", () => {
    const failing = job({
      state: {
        kind: 'failing',
        since: '2026-11-26T06:50:00Z',
        error: 'permission denied for relation stl_query',
        retrying: false,
      },
      consecutiveFailures: 2,
    });
    expect(whyEmpty({ ...input, status: status(failing) })).toBe(
      'the collector is failing: permission denied for relation stl_query',
    );
    expect(whyEmpty({ ...input, status: status(job(), 'failed', 'connection refused') })).toBe(
      'the collector is failing: connection refused',
    );
  });

  it('when the range is older than the 400 days kept', () => {
    expect(whyEmpty({ ...input, from: NOW - 500 * DAY, to: NOW - 401 * DAY, status: status(job()) })).toBe(
      'this range is older than the history kept (400 days)',
    );
  });

  it('when filters matched nothing in data that was read', () => {
    expect(whyEmpty({ ...input, status: status(job()), filtered: true })).toBe('nothing matched the filters');
    const failingNow = job({
      state: { kind: 'failing', since: '2026-11-26T06:50:00Z', error: 'timeout', retrying: false },
      consecutiveFailures: 1,
    });
    expect(whyEmpty({ ...input, status: status(failingNow), filtered: true })).toBe(
      'nothing matched the filters',
    );
    expect(whyEmpty({ ...input, status: status(job()) })).toBe(EMPTY_MESSAGES.nothingInRange);
  });

  it('when no connection is chosen', () => {
    expect(whyEmpty({ ...input, connectionId: null, status: null })).toBe(EMPTY_MESSAGES.noConnection);
  });
});
