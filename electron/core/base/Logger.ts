// A small logger interface so the core can run under Electron, headless or in tests without caring
// where lines go. Never log secrets: redactSecrets() is applied to every line.

export interface Logger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

const SECRET_PATTERNS: [RegExp, string][] = [
  [/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/gi, '$1***@'],
  // password=..., "password": "...", PGPASSWORD=... — but not PostgreSQL's "password authentication failed".
  [/(password["']?\s*[=:]\s*["']?)[^\s"',;&]+/gi, '$1***'],
  [/(token["']?\s*[=:]\s*["']?)[A-Za-z0-9_-]{16,}/gi, '$1***'],
  [/(Bearer\s+)[A-Za-z0-9_-]+/g, '$1***'],
];

export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((s, [re, to]) => s.replace(re, to), text);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

/** Writes to stderr (stdout is reserved for the one-line ready message of `serve` and `double`). */
export function createStderrLogger(quiet = false): Logger {
  const write = (level: string, message: string, error?: unknown) => {
    const line = `${new Date().toISOString()} ${level} ${message}${error === undefined ? '' : ` ${describe(error)}`}`;
    process.stderr.write(`${redactSecrets(line)}\n`);
  };
  return {
    info: (m) => !quiet && write('info', m),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
