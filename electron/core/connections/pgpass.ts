// Looks a password up in a pgpass file, with libpq's rules: lines `host:port:database:user:password`,
// `*` matches anything, `\:` and `\\` escape, first match wins, and the file is ignored when it is
// readable by group or others (libpq refuses such files too).
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PgpassKey {
  host: string;
  port: number;
  database: string;
  user: string;
}

export function pgpassPath(env: Record<string, string | undefined>): string {
  return env.PGPASSFILE ?? join(env.HOME ?? homedir(), '.pgpass');
}

export function lookupPgpass(file: string, key: PgpassKey): string | undefined {
  let text: string;
  try {
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const wanted = [key.host, String(key.port), key.database, key.user];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = splitPgpassLine(line);
    if (fields.length < 5) continue;
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value))
      return fields.slice(4).join(':');
  }
  return undefined;
}

function splitPgpassLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) current += line[++i];
    else if (ch === ':') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}
