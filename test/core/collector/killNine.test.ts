// kill -9 of the serve process while it ingests: the store stays intact, keeps every row it had
// committed, never holds a statement twice, and collection resumes from the watermark (it finishes
// without reading the history again from the start). Every run of the suite does a few cycles; the
// long soak (NIGHTSHIFT_SOAK_CYCLES=20, or `npx tsx scripts/soak-kill9.ts`) does many.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDoubleDatabase, type DoubleDatabase } from '../../support/doubleDatabase.ts';
import { runKillSoak, SHORT_SOAK_CYCLES, type KillSoakResult } from './support/killCycle.ts';

const LONG_CYCLES = Number(process.env.NIGHTSHIFT_SOAK_CYCLES ?? 0);
const LONG = LONG_CYCLES > 0;
if (!LONG) {
  process.stdout.write(
    `kill -9: the long soak is skipped because NIGHTSHIFT_SOAK_CYCLES is not set; the suite runs ${SHORT_SOAK_CYCLES} ` +
      'cycles (NIGHTSHIFT_SOAK_CYCLES=20 npx vitest run test/core/collector/killNine.test.ts, or scripts/soak-kill9.ts)\n',
  );
}

let double: DoubleDatabase;

beforeAll(async () => {
  double = await createDoubleDatabase(inject('pg'));
});

afterAll(async () => {
  await double?.destroy();
});

function checkSoak(soak: KillSoakResult): void {
  for (const cycle of soak.cycles) {
    expect(cycle.integrity, `cycle ${cycle.cycle}`).toBe('ok');
    expect(cycle.lost, `cycle ${cycle.cycle}`).toBe(0);
    expect(cycle.duplicates, `cycle ${cycle.cycle}`).toBe(0);
    expect(cycle.afterRestart).toBeGreaterThanOrEqual(cycle.committedBeforeKill);
    expect(cycle.afterRestart).toBeLessThanOrEqual(cycle.total);
  }
  if (!soak.saved.caughtUp) {
    // Mid-backfill: it read exactly the rows it did not have (the progress counts the killed runs too).
    expect(soak.finalStatus.backfill!.rowsRead - soak.saved.backfillRead).toBe(
      soak.total - soak.storedBefore,
    );
  } else {
    // Caught up: the next poll starts just before the cursor; no backfill from the start, and the
    // status says the history is caught up.
    expect(soak.finalStatus.backfill).toMatchObject({ remaining: 0, done: true });
  }
  expect(soak.final).toEqual({ n: soak.total, d: soak.total });
}

describe('kill -9 during ingest', () => {
  const soakOf = (cycles: number) => async () => {
    const soak = await runKillSoak({ double, cycles, initialRows: 1_000, newRowsPerCycle: 300 });
    expect(soak.cycles).toHaveLength(cycles);
    checkSoak(soak);
  };
  it.skipIf(LONG)(
    `keeps the store intact and exact across ${SHORT_SOAK_CYCLES} kills`,
    { timeout: 120_000 + SHORT_SOAK_CYCLES * 30_000 },
    soakOf(SHORT_SOAK_CYCLES),
  );
  it.skipIf(!LONG)(
    `long soak: keeps the store intact and exact across ${LONG_CYCLES || 'NIGHTSHIFT_SOAK_CYCLES'} kills`,
    { timeout: 120_000 + LONG_CYCLES * 30_000 },
    soakOf(LONG_CYCLES),
  );
});
