// One of two processes racing for the same idempotency keys on one store (runAction.crossProcess.test):
// waits for the starting gun (a file), then runs every key at once and prints each result as a JSON line.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '../../../../electron/core/audit/AuditLog.ts';
import { ActionRunner } from '../../../../electron/core/governance/runAction.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';

const [dataDir, countText] = process.argv.slice(2);
if (!dataDir || !countText) throw new Error('usage: claimRace.ts <dataDir> <count>');
const db = openStore({ dataDir });
const runner = new ActionRunner(db, new AuditLog(db));
process.stdout.write('ready\n');
while (!existsSync(join(dataDir, 'go'))) await new Promise((r) => setTimeout(r, 5));

const results = await Promise.all(
  Array.from({ length: Number(countText) }, (_, i) =>
    runner.run(
      {
        action: 'actions.cancel',
        connectionId: 'c1',
        idempotencyKey: `race:${i}`,
        target: { pid: 1000 + i, query: 5000 + i, userName: 'etl_user' },
        targetKey: `c1/backend/${1000 + i}`,
        targetLabel: `query ${5000 + i}`,
        request: { pid: 1000 + i, query: 5000 + i },
        reason: 'race',
      },
      async () => {
        // Long enough for the other process to arrive while this one acts.
        await new Promise((r) => setTimeout(r, 20 + (i % 5) * 10));
        return { outcome: 'done', message: `Cancelled query ${5000 + i} by pid ${process.pid}`, extra: {} };
      },
    ),
  ),
);
for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
db.close();
