// Soak: many kill -9 cycles of `serve` while it ingests query history from the Redshift double
// (`npx tsx scripts/soak-kill9.ts [cycles]`, default 100). The cycle is the one the suite's kill test
// runs (test/core/collector/support/killCycle.ts). Prints one line per cycle and a summary; exits 1 on
// any failure. Runs on a PostgreSQL server of its own (electron/demo/engine), like the fault tests.
import { startPostgresServer } from '../electron/demo/engine/postgresServer.ts';
import { createDoubleDatabase } from '../test/support/doubleDatabase.ts';
import { runKillSoak, type KillCycleResult } from '../test/core/collector/support/killCycle.ts';

const cycles = Number(process.argv[2] ?? process.env.NIGHTSHIFT_SOAK_CYCLES ?? 100);

const failed = (r: KillCycleResult) =>
  r.integrity !== 'ok' || r.lost !== 0 || r.duplicates !== 0 || r.afterRestart < r.committedBeforeKill;

async function main(): Promise<number> {
  const server = await startPostgresServer();
  const double = await createDoubleDatabase(server);
  try {
    const started = Date.now();
    const soak = await runKillSoak({
      double,
      cycles,
      initialRows: 2_000,
      newRowsPerCycle: 300,
      onCycle: (r) =>
        process.stdout.write(
          `cycle ${String(r.cycle).padStart(3)}: integrity ${r.integrity}, committed before kill ${r.committedBeforeKill}, after ${r.afterRestart}/${r.total}, lost ${r.lost}, duplicates ${r.duplicates}${failed(r) ? '  FAILED' : ''}\n`,
        ),
    });
    const failures = soak.cycles.filter(failed).map((r) => `cycle ${r.cycle}: ${JSON.stringify(r)}`);
    if (soak.final.n !== soak.final.d) failures.push(`final: ${soak.final.n - soak.final.d} duplicates`);
    if (soak.final.n !== soak.total)
      failures.push(`final: ${soak.final.n} of ${soak.total} statements stored`);
    process.stdout.write(
      `\n${cycles} kill -9 cycles in ${((Date.now() - started) / 1000).toFixed(1)} s; final run stored ${soak.final.n}/${soak.total}; ${failures.length === 0 ? 'all checks passed' : `${failures.length} FAILURES:\n${failures.join('\n')}`}\n`,
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
