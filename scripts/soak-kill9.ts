// Soak: 100 kill -9 cycles of `serve` while it ingests query history from the Redshift double
// (`npx tsx scripts/soak-kill9.ts [cycles]`). After each kill the store must pass PRAGMA
// integrity_check, keep every row committed before the kill and hold no statement twice; at the end a
// clean run must collect everything. Prints one line per cycle and a summary; exits 1 on any failure.
// Runs on a PostgreSQL server of its own (electron/demo/engine), like the fault tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runConnectionId } from '../electron/core/collector/runConnection.ts';
import { startPostgresServer } from '../electron/demo/engine/postgresServer.ts';
import { createDoubleDatabase } from '../test/core/collector/support/collectorBed.ts';
import { killCycle, prepareStore } from '../test/core/collector/support/killCycle.ts';
import { seedDoubleHistory } from '../test/core/collector/support/seedDouble.ts';
import { startServeChild } from '../test/core/collector/support/serveChild.ts';

const cycles = Number(process.argv[2] ?? 100);

async function main(): Promise<number> {
  const server = await startPostgresServer();
  const double = await createDoubleDatabase(server);
  const failures: string[] = [];
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'ns-soak-'));
    prepareStore(dataDir);
    const seeder = await double.direct();
    const user = 'nightshift_monitor';
    const url = `postgres://${user}:${user}_pw@${double.proxy.host}:${double.proxy.port}/${double.database}`;
    const connectionId = runConnectionId({
      kind: 'direct',
      host: double.proxy.host,
      port: double.proxy.port,
      database: double.database,
      user,
      sslMode: 'disable',
    });
    const base = Date.now() - 24 * 3_600_000;
    await seedDoubleHistory(seeder, { count: 2_000, endBase: new Date(base) });
    let total = 2_000;
    const started = Date.now();
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const r = await killCycle({
        dataDir,
        connectionUrl: url,
        connectionId,
        seeder,
        newRows: 300,
        endBase: new Date(base + cycle * 600_000),
      });
      total += 300;
      const ok =
        r.integrity === 'ok' && r.lost === 0 && r.duplicates === 0 && r.afterRestart >= r.committedBeforeKill;
      if (!ok) failures.push(`cycle ${cycle}: ${JSON.stringify(r)}`);
      process.stdout.write(
        `cycle ${String(cycle).padStart(3)}: integrity ${r.integrity}, committed before kill ${r.committedBeforeKill}, after ${r.afterRestart}/${total}, lost ${r.lost}, duplicates ${r.duplicates}${ok ? '' : '  FAILED'}\n`,
      );
    }
    const serve = await startServeChild(['--data-dir', dataDir, '--connection', url]);
    let stored = 0;
    const deadline = Date.now() + 120_000;
    try {
      while (Date.now() < deadline) {
        const db = new Database(join(dataDir, 'nightshift.db'), { readonly: true });
        const row = db
          .prepare('SELECT count(*) AS n, count(DISTINCT query) AS d FROM queries WHERE connection_id = ?')
          .get(connectionId) as { n: number; d: number };
        db.close();
        stored = row.n;
        if (row.n !== row.d) failures.push(`final: ${row.n - row.d} duplicates`);
        if (row.n >= total) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await serve.stop();
    }
    if (stored !== total) failures.push(`final: ${stored} of ${total} statements stored`);
    process.stdout.write(
      `\n${cycles} kill -9 cycles in ${((Date.now() - started) / 1000).toFixed(1)} s; final run stored ${stored}/${total}; ${failures.length === 0 ? 'all checks passed' : `${failures.length} FAILURES:\n${failures.join('\n')}`}\n`,
    );
    return failures.length === 0 ? 0 : 1;
  } finally {
    await double.destroy().catch(() => undefined);
    server.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak-kill9: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
