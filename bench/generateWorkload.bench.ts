// Benchmark: the seeded workload generator over 14 nights at small and large scale. For each scale,
// times pure generation (no database), then generation + write into a fresh catalog database on a
// real PostgreSQL 15 (its own server, started here) with COPY and with INSERT ... unnest, and prints
// rows, rows/s and queries/s. Also extrapolates the default 75-night history.
// Run: npx tsx bench/generateWorkload.bench.ts
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { installCatalog } from '../electron/demo/catalog/installCatalog.ts';
import { generateWorkload, type WorkloadOptions } from '../electron/demo/workload/generateWorkload.ts';
import { writeWorkload, type WriteOptions } from '../electron/demo/workload/writeWorkload.ts';
import { startPostgresServer } from '../test/support/postgresServer.ts';
import { count } from './benchTiming.ts';

const NIGHTS = 14;
const NOW = new Date('2025-03-10T12:00:00Z');

const server = await startPostgresServer();
let databases = 0;

/** A connected client of the bench's PostgreSQL server on `database`. */
async function connectTo(database: string): Promise<pg.Client> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function freshDatabase(): Promise<pg.Client> {
  const name = `bench_${++databases}`;
  const admin = await connectTo('postgres');
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const client = await connectTo(name);
  await installCatalog(client);
  return client;
}

try {
  console.log(`Workload generator, ${NIGHTS} nights ending ${NOW.toISOString()}, PostgreSQL 15 on 127.0.0.1`);
  for (const scale of ['small', 'large'] as const) {
    const options: WorkloadOptions = { seed: 1, scale, nights: NIGHTS, now: NOW };
    let started = performance.now();
    let rows = 0;
    let queries = 0;
    for (const batch of generateWorkload(options)) {
      for (const list of Object.values(batch.rows)) rows += list.length;
      queries += batch.rows.stl_query.length;
    }
    const generateMs = performance.now() - started;
    console.log(
      `\n${scale}: ${count(queries)} queries (${count(queries / NIGHTS)}/night), ${count(rows)} rows in 20 relations`,
    );
    console.log(
      `  generate only        ${count(generateMs).padStart(7)} ms  ${count(rows / (generateMs / 1000)).padStart(9)} rows/s`,
    );
    for (const method of ['copy', 'unnest'] as const) {
      const client = await freshDatabase();
      try {
        const write: WriteOptions = { method };
        started = performance.now();
        const result = await writeWorkload(client, options, write);
        const ms = performance.now() - started;
        console.log(
          `  generate + ${method.padEnd(7)}  ${count(ms).padStart(7)} ms  ${count(result.totalRows / (ms / 1000)).padStart(9)} rows/s  ${count(queries / (ms / 1000)).padStart(7)} queries/s` +
            `  (75 nights ≈ ${(((ms / NIGHTS) * 75) / 1000).toFixed(0)} s)`,
        );
      } finally {
        await client.end();
      }
    }
  }
} finally {
  server.destroy();
}
