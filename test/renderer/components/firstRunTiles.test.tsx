// @vitest-environment jsdom
// Issue #14 on the overview: before the first read a tile says "not read yet" instead of an all-clear
// or a "no CloudWatch" that is not true, and newly slow fingerprints show on the overview itself.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../../shared/model/collector.ts';
import type { FingerprintArgs, FingerprintGroup } from '../../../shared/model/fingerprint.ts';
import { testIds } from '../../../shared/testIds.ts';
import { AlertsTile } from '../../../renderer/src/features/overview/AlertsTile.tsx';
import { NewlySlowTile } from '../../../renderer/src/features/overview/NewlySlowTile.tsx';
import { fakeCore, renderInView } from './renderInView.tsx';
import { fakeConnection, fakeStatus, firstRunJob } from '../../support/collectorStatus.ts';

afterEach(cleanup);

const firstRun = fakeStatus(
  fakeConnection({ name: 'Demo cluster', jobs: JOB_NAMES.map((job) => firstRunJob(job)) }),
);

function group(fingerprint: string, over: Partial<FingerprintGroup>): FingerprintGroup {
  return {
    fingerprint,
    textPreview: `INSERT INTO ${fingerprint} SELECT 1`,
    latestQuery: 42,
    latestStartTime: '2026-12-04T02:14:00.000Z',
    users: ['etl_user'],
    labels: ['nightly_royalty_calc'],
    count: 15,
    totalMs: 1_000,
    p50Ms: 10,
    p95Ms: 20,
    maxMs: 30,
    abortedCount: 0,
    trend: [],
    recentMedianMs: 7_900,
    baselineMedianMs: 1_000,
    ratio: 7.9,
    newlySlow: true,
    ...over,
  };
}

describe('first run and newly slow on the overview', () => {
  it('says alerts are not read yet before the first read, not "no alerts", and is not green', async () => {
    renderInView(<AlertsTile alerts={[]} />, fakeCore({ 'collector.status': () => firstRun }));
    const tile = screen.getByTestId(testIds.overview.alerts);
    await waitFor(() => expect(tile.textContent).toContain('Optimizer alerts not read yet.'));
    expect(tile.textContent).not.toContain('No optimizer alerts');
    expect(tile.dataset.tone).not.toBe('ok');
  });

  it('lists only the newly slow fingerprints, with their ratio, each opening its latest run', async () => {
    const asked: FingerprintArgs[] = [];
    const core = fakeCore({
      'queries.fingerprints': (args) => {
        asked.push(args);
        return {
          groups: [group('royalty', {}), group('steady', { newlySlow: false, ratio: 1.1, latestQuery: 7 })],
          total: 2,
          hidden: 0,
          k: 3,
          recentFrom: '2026-12-03T06:00:00.000Z',
          baselineFrom: '2026-11-19T06:00:00.000Z',
        };
      },
    });
    renderInView(<NewlySlowTile connectionId="c1" />, core);
    const tile = screen.getByTestId(testIds.newlySlow.tile);
    await waitFor(() => expect(within(tile).getAllByTestId(testIds.newlySlow.row)).toHaveLength(1));
    const row = within(tile).getByTestId(testIds.newlySlow.row);
    expect(row.dataset.fingerprint).toBe('royalty');
    expect(within(row).getByTestId(testIds.newlySlow.ratio).textContent).toBe('×7.9');
    expect(row.querySelector('a')?.getAttribute('href')).toBe('#/query');
    expect(asked[0]?.sort).toBe('newlySlow');
    expect(tile.dataset.tone).toBe('warn');
  });
});
