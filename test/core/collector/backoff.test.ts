import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/core/collector/backoff.ts';

const base = { intervalMs: 60_000, connectionCapMs: 10_000, failureCapMs: 300_000 };

describe('backoff', () => {
  it('grows exponentially, jittered between half and all of each step', () => {
    const low = (failures: number) =>
      backoffDelay({ ...base, connectionLost: false, failures, random: () => 0 });
    const high = (failures: number) =>
      backoffDelay({ ...base, connectionLost: false, failures, random: () => 1 });
    expect([high(1), high(2), high(3)]).toEqual([5_000, 10_000, 20_000]);
    expect(low(3)).toBe(10_000);
    expect(high(30)).toBe(300_000);
  });

  it('retries a lost server within the short cap however long it was gone', () => {
    for (let failures = 1; failures < 200; failures++) {
      expect(backoffDelay({ ...base, connectionLost: true, failures })).toBeLessThanOrEqual(10_000);
    }
  });
});
