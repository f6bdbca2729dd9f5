// Defect 4 of issue #13, as it was found: the read-only door flooded with refused actions.cancel calls
// carrying an oversized target. Now the flood is one audit record with a count, the store barely
// grows, the chain stays intact, and audit.list and audit.csv still answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditChainStatus, AuditPage } from '../../shared/model/audit.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';
import { storeBytes } from '../support/storeSize.ts';

// 150 by default keeps the suite quick on a busy machine; FLOOD_CALLS=600 replays the defect's own figure.
const CALLS = Number(process.env.FLOOD_CALLS ?? 150);
let door: ServeProcess;

const storeSize = () => storeBytes(door.dataDir);

beforeAll(async () => {
  door = await startServe();
});
afterAll(async () => {
  await door?.stop();
});

describe('a flood of refusals on the read-only door', () => {
  it(`keeps ${CALLS} refused cancels to one record counted ${CALLS} times`, async () => {
    const before = storeSize();
    // ~200 KB of target each time, one character longer each call: far over what the schema allows
    // (and said in a message naming the length), under the 1 MiB body limit.
    const huge = (i: number) => 'x'.repeat(200_000 + i);
    for (let i = 0; i < CALLS; i++) {
      const r = await door.call('actions.cancel', {
        connectionId: 'c1',
        target: { pid: 1000 + i, query: 5000 + i, userName: huge(i) },
        reason: `flood ${i}`,
        idempotencyKey: `flood-${i}`,
      });
      expect(r.status).toBe(403);
    }
    const grewKb = (storeSize() - before) / 1024;
    const list = (await door.call('audit.list', {})).body as { ok: true; result: AuditPage };
    console.log(
      `refusal flood: ${CALLS} calls -> ${list.result.total} record(s), store +${grewKb.toFixed(0)} KB`,
    );
    expect(list.result.total).toBe(1);
    const [record] = list.result.rows;
    expect(record).toMatchObject({ action: 'actions.cancel', outcome: 'refused' });
    // `repeats.count` is the calls after the first, which the view shows as "×600".
    expect(record!.repeats!.count + 1).toBe(CALLS);
    // What was stored is bounded: the 200 KB target never reached the log.
    expect(JSON.stringify(record).length).toBeLessThan(4_000);
    // Counting rewrites one small row per call; the WAL, checkpointed every ~4 MB, takes the pages.
    expect(grewKb).toBeLessThan(6 * 1_024);

    const chain = (await door.call('audit.verify', {})).body as { ok: true; result: AuditChainStatus };
    expect(chain.result).toMatchObject({ intact: true, records: 1 });
    const csv = await door.call('audit.csv', {});
    expect(csv).toMatchObject({ status: 200, body: { ok: true, result: { rows: 1, truncated: false } } });
  }, 600_000);
});
