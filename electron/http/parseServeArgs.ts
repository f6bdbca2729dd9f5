import { readFileSync, statSync } from 'node:fs';
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
  /** Things the user should know before the server starts (a password visible in `ps`), one line each. */
  warnings: string[];
}

/** Where serve reads connections that must not appear in argv. */
export interface ServeEnvironment {
  env: Record<string, string | undefined>;
  readText: (path: string) => string;
  /** The file's permission bits, to warn when others may read a file holding passwords. */
  modeOf: (path: string) => number;
}

const PROCESS_ENVIRONMENT: ServeEnvironment = {
  env: process.env,
  readText: (path) => readFileSync(path, 'utf8'),
  modeOf: (path) => statSync(path).mode,
};

export const SERVE_USAGE =
  'usage: npm run serve -- [--data-dir DIR] [--port N] [--admin] [--demo] [--connection URL]...\n' +
  "  --data-dir DIR  where the store lives (default: the desktop app's data directory)\n" +
  '  --port N        loopback port (default: any free port)\n' +
  '  --admin         accept methods that change state (add/remove connections, admin actions)\n' +
  '  --demo          start the built-in demo cluster (takes about a minute) and collect from it\n' +
  '  --demo-engine E embedded (default) or postgres (Debian PostgreSQL 15: real cancel and timeouts)\n' +
  '  --demo-nights N nights of history the demo generates (default 75)\n' +
  '  --read-only-store  open a data directory another Nightshift is using, read-only (no collection)\n' +
  '  --connection URL  collect from postgres://user@host[:port]/database[?sslmode=...] for this run only\n' +
  '                  (not saved; repeatable; password from PGPASSWORD or ~/.pgpass; a password in the URL\n' +
  '                  is visible to every local user in `ps`: use one of the two below instead)\n' +
  '  --connections-file PATH  the same URLs, one per line (# comments), passwords allowed (chmod 600),\n' +
  '                  or a JSON list of URLs and {"url": ..., "password": ...} objects\n' +
  '  NIGHTSHIFT_CONNECTIONS   environment variable: the same URLs, separated by spaces or new lines,\n' +
  '                  or the same JSON list';

/** Parses `serve` arguments; throws an Error whose message is fit to print. */
export function parseServeArgs(
  argv: string[],
  environment: ServeEnvironment = PROCESS_ENVIRONMENT,
): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      admin: { type: 'boolean', default: false },
      connection: { type: 'string', multiple: true },
      'connections-file': { type: 'string' },
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
  const warnings: string[] = [];
  const fromArgv = (values.connection ?? []).map((url) => {
    const connection = parseConnectionUrl(url);
    if (connection.password !== undefined)
      warnings.push(
        `warning: the password of --connection ${connection.name} is visible to every local user (ps, /proc); ` +
          'pass it in --connections-file, NIGHTSHIFT_CONNECTIONS, PGPASSWORD or ~/.pgpass instead.',
      );
    return connection;
  });
  const file = values['connections-file'];
  const fromFile = file === undefined ? [] : connectionsFromFile(file, environment, warnings);
  const envText = environment.env.NIGHTSHIFT_CONNECTIONS ?? '';
  const fromEnv = isJsonList(envText)
    ? connectionsFromJson(envText, 'NIGHTSHIFT_CONNECTIONS')
    : urlsIn(envText).map((url, i) =>
        withSource(() => parseConnectionUrl(url), `NIGHTSHIFT_CONNECTIONS, URL ${i + 1}`),
      );
  const connections = [...fromArgv, ...fromFile, ...fromEnv];
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
    warnings,
    demoEngine,
    ...(demoNights !== undefined ? { demoNights } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    port,
    admin: values.admin,
    connections,
    demo: values.demo,
  };
}

function connectionsFromFile(path: string, environment: ServeEnvironment, warnings: string[]) {
  let text: string;
  try {
    text = environment.readText(path);
  } catch (error) {
    throw new Error(
      `--connections-file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be read'}`,
      { cause: error },
    );
  }
  const connections = isJsonList(text)
    ? connectionsFromJson(text, `--connections-file ${path}`)
    : text.split(/\r?\n/).flatMap((line, i) => {
        const url = line.trim();
        if (url === '' || url.startsWith('#')) return [];
        return [withSource(() => parseConnectionUrl(url), `--connections-file ${path}, line ${i + 1}`)];
      });
  if (connections.some((c) => c.password !== undefined) && (environment.modeOf(path) & 0o077) !== 0)
    warnings.push(
      `warning: ${path} holds passwords and other users may read it; run chmod 600 ${JSON.stringify(path)}.`,
    );
  return connections;
}

const isJsonList = (text: string) => text.trimStart().startsWith('[');

/**
 * A JSON list: each item a URL, or { "url", "password" } so a password needs no URL encoding. Errors
 * name the item, never its text (it may hold a password).
 */
function connectionsFromJson(text: string, source: string): RunConnection[] {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    throw new Error(`${source}: starts with "[" but is not valid JSON`);
  }
  if (!Array.isArray(items)) throw new Error(`${source}: must be a JSON list`);
  return items.map((item: unknown, i) => {
    const where = `${source}, item ${i + 1}`;
    if (typeof item === 'string') return withSource(() => parseConnectionUrl(item), where);
    const { url, password, ...rest } = (item ?? {}) as Record<string, unknown>;
    if (typeof item !== 'object' || item === null || Array.isArray(item) || typeof url !== 'string')
      throw new Error(`${where}: must be a URL or an object with a "url"`);
    if (Object.keys(rest).length > 0)
      throw new Error(`${where}: unknown field ${JSON.stringify(Object.keys(rest)[0])}`);
    if (password !== undefined && (typeof password !== 'string' || password === ''))
      throw new Error(`${where}: "password" must be a non-empty string`);
    const connection = withSource(() => parseConnectionUrl(url), where);
    if (password === undefined) return connection;
    if (connection.password !== undefined)
      throw new Error(`${where}: has a password both in "url" and in "password"`);
    return { ...connection, password };
  });
}

function urlsIn(text: string): string[] {
  return text.split(/\s+/).filter((u) => u !== '');
}

/** Says where a bad URL came from; the URL itself is not repeated (it may hold a password). */
function withSource<T>(parse: () => T, source: string): T {
  try {
    return parse();
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message.replace(/^--connection /, '')}`, { cause: error });
  }
}
