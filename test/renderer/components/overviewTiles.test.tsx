// @vitest-environment jsdom
// The false all-clear (issue #14): with the connection down or the data old, the overview's tiles
// used to show "0 queued" and "No alerts" under green borders. Each tile now says it is failing or
// stale, and since when, and is not green.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  CollectorStatus,
  ConnectionCollectorStatus,
  JobStatus,
} from '../../../shared/model/collector.ts';
import { JOB_NAMES } from '../../../shared/model/collector.ts';
import type { Overview } from '../../../shared/model/overview.ts';
import { testIds } from '../../../shared/testIds.ts';
import { AlertsTile } from '../../../renderer/src/features/overview/AlertsTile.tsx';
import { QueuesTile } from '../../../renderer/src/features/overview/QueuesTile.tsx';
import { fakeCore, renderInView } from './renderInView.tsx';
import { fakeConnection, fakeJob, fakeStatus } from '../../support/collectorStatus.ts';

afterEach(cleanup);

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const job = (name: JobStatus['job'], over: Partial<JobStatus> = {}) => fakeJob(name, over);
const status = (conn: Partial<ConnectionCollectorStatus>) => fakeStatus(fakeConnection(conn));

const overview: Overview = {
  connectionId: 'c1',
  clusterStatus: 'available',
  cloudWatchDimensions: null,
  metrics: [],
  queues: [{ serviceClass: 6, queueName: 'etl', slots: 5, running: 1, queued: 0, at: ago(40 * 60_000) }],
  liveRunning: 1,
  liveQueued: 0,
  livePolledAt: ago(40 * 60_000),
  alerts: [],
  slowest: [],
  slowestHidden: 0,
  liveSessions: 0,
  liveHidden: 0,
};

function renderTiles(collector: CollectorStatus) {
  const core = fakeCore({ 'collector.status': () => collector });
  renderInView(
    <>
      <QueuesTile overview={overview} />
      <AlertsTile alerts={[]} />
    </>,
    core,
  );
  return {
    queues: screen.getByTestId(testIds.overview.queues),
    alerts: screen.getByTestId(testIds.overview.alerts),
  };
}

describe('overview tiles: no false all-clear', () => {
  it('current data: green, no warning line', async () => {
    const { queues, alerts } = renderTiles(status({}));
    await waitFor(() => expect(queues.dataset.freshness).toBe('current'));
    expect(queues.dataset.tone).toBe('ok');
    expect(alerts.dataset.tone).toBe('ok');
    expect(within(queues).queryByRole('status')).toBeNull();
    expect(within(queues).getByTestId(testIds.overview.queuedTotal).textContent).toBe('0 queued');
  });

  it('a lost connection: every tile says so, since when, and is not green', async () => {
    const lostAt = ago(42 * 60_000);
    const failing = {
      kind: 'failing',
      since: lostAt,
      error: 'Connection terminated',
      retrying: false,
    } as const;
    const { queues, alerts } = renderTiles(
      status({
        state: 'failed',
        lastError: 'Connection terminated',
        failingSince: lostAt,
        jobs: JOB_NAMES.map((n) => job(n, { state: failing, lastSuccessAt: ago(43 * 60_000) })),
      }),
    );
    for (const tile of [queues, alerts]) {
      await waitFor(() => expect(tile.dataset.freshness).toBe('failing'));
      expect(tile.dataset.tone).toBe('error');
      const line = within(tile).getByRole('status').textContent ?? '';
      expect(line).toMatch(
        /^Connection lost since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(42 min ago\): Connection terminated\./,
      );
      expect(line).toContain('Last data');
      expect(line).toContain('(43 min ago)');
    }
    // The figures stay (they are the last known), but no longer read as an all-clear.
    expect(within(queues).getByTestId(testIds.overview.queuedTotal).textContent).toBe('0 queued');
  });

  it('stale data, judged from the clock with no event: warns with the age', async () => {
    const { queues, alerts } = renderTiles(
      status({
        jobs: JOB_NAMES.map((n) =>
          n === 'wlm_state'
            ? job(n, { state: { kind: 'ok', since: ago(600_000) }, lastSuccessAt: ago(600_000) })
            : job(n),
        ),
      }),
    );
    await waitFor(() => expect(queues.dataset.freshness).toBe('stale'));
    expect(queues.dataset.tone).toBe('warn');
    expect(within(queues).getByRole('status').textContent).toMatch(
      /^Stale: no new WLM state since .* \(10 min ago\)\.$/,
    );
    // The alerts tile is fed by another job, which is current.
    expect(alerts.dataset.freshness).toBe('current');
    expect(alerts.dataset.tone).toBe('ok');
  });

  it('one job failing: that tile names it and since when', async () => {
    const { alerts, queues } = renderTiles(
      status({
        jobs: JOB_NAMES.map((n) =>
          n === 'alerts'
            ? job(n, {
                state: {
                  kind: 'failing',
                  since: ago(3 * 3_600_000),
                  error: 'permission denied for stl_alert_event_log',
                  retrying: true,
                },
                lastSuccessAt: ago(3 * 3_600_000 + 60_000),
                consecutiveFailures: 30,
              })
            : job(n),
        ),
      }),
    );
    await waitFor(() => expect(alerts.dataset.freshness).toBe('failing'));
    expect(alerts.dataset.tone).toBe('error');
    expect(within(alerts).getByRole('status').textContent).toMatch(
      /^Alerts failing since .* \(3 h ago\): permission denied for stl_alert_event_log\. Last data .* \(3 h ago\)\.$/,
    );
    expect(queues.dataset.tone).toBe('ok');
  });

  it('before the collector answers: not green', () => {
    const core = fakeCore({ 'collector.status': () => new Promise<CollectorStatus>(() => undefined) });
    renderInView(<AlertsTile alerts={[]} />, core);
    expect(screen.getByTestId(testIds.overview.alerts).dataset.tone).toBe('idle');
  });
});
