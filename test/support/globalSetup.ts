// Starts the shared PostgreSQL test bed once for the whole run and hands its address to the tests
// (inject('pg')). Tests that stop or restart a server start their own with startPostgresServer().
// Also makes the run's cache folder (runCache.ts: things slow to make, made once per run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startPostgresServer, type PostgresServer } from './postgresServer.ts';

export interface PgAddress {
  host: string;
  port: number;
  user: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pg: PgAddress;
  }
}

let server: PostgresServer | undefined;
let cacheDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startPostgresServer();
  project.provide('pg', {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
  });
  cacheDir = mkdtempSync(join(tmpdir(), 'ns-run-cache-'));
  project.provide('runCache', cacheDir);
}

export function teardown(): void {
  server?.destroy();
  if (cacheDir !== undefined) rmSync(cacheDir, { recursive: true, force: true });
}
