// `npm test` needs a PostgreSQL 15 server (Debian's binaries) and Chromium. Installs them when it can
// (root with apt), says so, and otherwise stops with one line naming what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PG_BIN = process.env.NIGHTSHIFT_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const CHROMIUM = process.env.NIGHTSHIFT_CHROMIUM ?? '/usr/bin/chromium';

const missing: { what: string; pkg: string }[] = [];
if (!existsSync(`${PG_BIN}/initdb`) || !existsSync(`${PG_BIN}/postgres`)) {
  missing.push({ what: `PostgreSQL 15 server binaries in ${PG_BIN}`, pkg: 'postgresql-15' });
}
if (!existsSync(CHROMIUM)) missing.push({ what: `Chromium at ${CHROMIUM}`, pkg: 'chromium' });
if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
  missing.push({ what: 'the postgres system user (to run initdb as non-root)', pkg: 'postgresql-15' });
}

if (missing.length > 0) {
  const packages = [...new Set(missing.map((m) => m.pkg))];
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    process.stderr.write(
      `npm test needs ${missing.map((m) => m.what).join(' and ')}: install with: sudo apt-get install -y ${packages.join(' ')}\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`Installing test prerequisites with apt-get: ${packages.join(', ')}\n`);
  const apt = (args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  process.stderr.write('Test prerequisites installed.\n');
}
