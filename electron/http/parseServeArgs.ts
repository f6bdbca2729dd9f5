import { parseArgs } from 'node:util';

export interface ServeArgs {
  dataDir?: string;
  port: number;
  admin: boolean;
}

export const SERVE_USAGE =
  'usage: npm run serve -- [--data-dir DIR] [--port N] [--admin]\n' +
  "  --data-dir DIR  where the store lives (default: the desktop app's data directory)\n" +
  '  --port N        loopback port (default: any free port)\n' +
  '  --admin         accept methods that change state (add/remove connections, admin actions)';

/** Parses `serve` arguments; throws an Error whose message is fit to print. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      admin: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, not "${values.port}"`);
  return { ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}), port, admin: values.admin };
}
