// Starts the shared PostgreSQL test bed once for the whole run and hands its address to the tests
// (inject('pg')). Tests that stop or restart a server start their own with startPostgresServer().
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

export async function setup(project: TestProject): Promise<void> {
  server = await startPostgresServer();
  project.provide('pg', {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
  });
}

export function teardown(): void {
  server?.destroy();
}
