// A real PostgreSQL server from Debian's binaries on a free 127.0.0.1 port: the Redshift double's engine
// for the tests and `npm run double` (DESIGN.md §5). initdb refuses to run as root, so as root every server command runs as the
// `postgres` user via runuser.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.ts';

export const PG_BIN = process.env.NIGHTSHIFT_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  dataDir: string;
  /** Stops the server, keeping its data (for restart tests). */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the server and deletes its files. */
  destroy(): void;
}

const isRoot = process.getuid?.() === 0;

function asPostgres(cmd: string, args: string[]): void {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  }
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const root = mkdtempSync(join(tmpdir(), 'nightshift-pg-'));
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const pwFile = join(root, 'pw');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  writeFileSync(pwFile, password);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
    chownSync(pwFile, uid, gid);
  }
  asPostgres(join(PG_BIN, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwFile}`,
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  rmSync(pwFile);
  const port = await freePort();
  // UTC like Redshift (REFERENCE 6.3); sockets in the data dir so nothing needs /var/run.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dataDir} -c TimeZone=UTC -c fsync=off -c max_connections=200`;
  const start = (): void =>
    asPostgres(join(PG_BIN, 'pg_ctl'), [
      '-D',
      dataDir,
      '-o',
      options,
      '-l',
      join(dataDir, 'log'),
      '-w',
      'start',
    ]);
  const stop = (mode: 'fast' | 'immediate' = 'fast'): void =>
    asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', 'stop']);
  start();
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    dataDir,
    start,
    stop,
    destroy() {
      try {
        stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
