import { parseArgs } from 'node:util';
import type { RunConnection } from '../core/collector/runConnection.ts';
import { parseConnectionUrl } from './parseConnectionUrl.ts';

export interface ServeArgs {
  dataDir?: string;
  port: number;
  admin: boolean;
  /** --connection URLs: collected for this run only, never saved. */
  connections: RunConnection[];
  /** --demo: run the built-in demo cluster (the embedded double) and collect from it. */
  demo: boolean;
  /** --demo-engine: the demo's database engine (embedded PGlite by default; postgres for test beds). */
  demoEngine: 'embedded' | 'postgres';
  /** --demo-nights: how many nights of history the demo generates. */
  demoNights?: number;
  /** --read-only-store: open a data directory another Nightshift owns, to look without writing. */
  readOnlyStore: boolean;
}

export const SERVE_USAGE =
  'usage: npm run serve -- [--data-dir DIR] [--port N] [--admin] [--demo] [--connection URL]...\n' +
  "  --data-dir DIR  where the store lives (default: the desktop app's data directory)\n" +
  '  --port N        loopback port (default: any free port)\n' +
  '  --admin         accept methods that change state (add/remove connections, admin actions)\n' +
  '  --demo          start the built-in demo cluster (takes about a minute) and collect from it\n' +
  '  --demo-engine E embedded (default) or postgres (Debian PostgreSQL 15: real cancel and timeouts)\n' +
  '  --demo-nights N nights of history the demo generates (default 75)\n' +
  '  --read-only-store  open a data directory another Nightshift is using, read-only (no collection)\n' +
  '  --connection URL  collect from postgres://user[:password]@host[:port]/database[?sslmode=...] for this\n' +
  '                  run only (not saved; repeatable; password from the URL, PGPASSWORD or ~/.pgpass)';

/** Parses `serve` arguments; throws an Error whose message is fit to print. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      admin: { type: 'boolean', default: false },
      connection: { type: 'string', multiple: true },
      demo: { type: 'boolean', default: false },
      'demo-engine': { type: 'string', default: 'embedded' },
      'demo-nights': { type: 'string' },
      'read-only-store': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, not "${values.port}"`);
  const connections = (values.connection ?? []).map(parseConnectionUrl);
  const names = new Set<string>();
  for (const c of connections) {
    if (names.has(c.name)) throw new Error(`--connection ${c.name} is given twice`);
    names.add(c.name);
  }
  const demoEngine = values['demo-engine'];
  if (demoEngine !== 'embedded' && demoEngine !== 'postgres')
    throw new Error(`--demo-engine must be embedded or postgres, not "${demoEngine}"`);
  const demoNights = values['demo-nights'] === undefined ? undefined : Number(values['demo-nights']);
  if (demoNights !== undefined && (!Number.isInteger(demoNights) || demoNights < 1 || demoNights > 400))
    throw new Error(`--demo-nights must be 1-400, not "${values['demo-nights']}"`);
  if (values['read-only-store'] && (values.admin || values.demo || connections.length > 0))
    throw new Error(
      '--read-only-store only looks: it cannot be combined with --admin, --demo or --connection',
    );
  return {
    readOnlyStore: values['read-only-store'],
    demoEngine,
    ...(demoNights !== undefined ? { demoNights } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    port,
    admin: values.admin,
    connections,
    demo: values.demo,
  };
}
