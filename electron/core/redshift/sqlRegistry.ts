// The SQL registry (DESIGN.md §4): reads queries/*.sql once at start-up and hands out statements by
// name. A file holds named blocks:
//
//   -- name: running_queries :many
//   -- Statements running or queued right now, per queue.
//   -- params: $1 = since (timestamp)
//   -- requires: provisioned
//   SELECT ...;
//
// Parameters are pg placeholders only; nothing is ever spliced into the text. A file that breaks
// these rules stops the start-up with a message naming the file and the block.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export type ResultKind = 'one' | 'many' | 'exec';
export type Capability = 'provisioned' | 'serverless';

export interface NamedQuery {
  name: string;
  kind: ResultKind;
  purpose: string;
  params: string[];
  /** Empty: runs everywhere; otherwise the capabilities it needs (STL/STV: provisioned only). */
  requires: Capability[];
  sql: string;
  file: string;
}

export class SqlRegistryError extends Error {
  override readonly name = 'SqlRegistryError';
}

const NAME_LINE = /^--\s*name:\s*([a-z][a-z0-9_]*)\s+:(one|many|exec)\s*$/;

export function parseSqlFile(text: string, file: string): NamedQuery[] {
  const blocks: NamedQuery[] = [];
  let current: NamedQuery | undefined;
  const finish = () => {
    if (!current) return;
    current.sql = current.sql.trim().replace(/;\s*$/, '');
    validate(current);
    blocks.push(current);
  };
  for (const line of text.split(/\r?\n/)) {
    const named = NAME_LINE.exec(line);
    if (named) {
      finish();
      current = {
        name: named[1]!,
        kind: named[2] as ResultKind,
        purpose: '',
        params: [],
        requires: [],
        sql: '',
        file,
      };
      continue;
    }
    if (!current) {
      if (line.trim() !== '' && !line.startsWith('--')) {
        throw new SqlRegistryError(`${file}: SQL before the first "-- name:" line`);
      }
      continue;
    }
    const meta = /^--\s*(params|requires):\s*(.*)$/.exec(line);
    if (meta && current.sql === '') {
      if (meta[1] === 'params')
        current.params = meta[2]!
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
      else current.requires = meta[2]!.split(',').map((c) => c.trim()) as Capability[];
    } else if (line.startsWith('--') && current.sql === '') {
      const words = line.replace(/^--\s?/, '').trim();
      current.purpose = current.purpose ? `${current.purpose} ${words}` : words;
    } else {
      current.sql += `${line}\n`;
    }
  }
  finish();
  return blocks;
}

function validate(q: NamedQuery): void {
  const where = `${q.file}, block "${q.name}"`;
  if (q.purpose === '') throw new SqlRegistryError(`${where}: a one-line purpose comment is required`);
  if (q.sql === '') throw new SqlRegistryError(`${where}: no SQL`);
  for (const c of q.requires) {
    if (c !== 'provisioned' && c !== 'serverless')
      throw new SqlRegistryError(`${where}: unknown capability "${c}"`);
  }
  const used = new Set([...q.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  const declared = q.params.length;
  for (let i = 1; i <= declared; i++) {
    if (!used.has(i)) throw new SqlRegistryError(`${where}: $${i} is declared in "-- params:" but not used`);
  }
  for (const n of used) {
    if (n > declared) throw new SqlRegistryError(`${where}: $${n} is used but not declared in "-- params:"`);
  }
}

export class SqlRegistry {
  private constructor(private readonly queries: Map<string, NamedQuery>) {}

  static load(dir: string): SqlRegistry {
    const queries = new Map<string, NamedQuery>();
    const walk = (d: string) => {
      for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const path = join(d, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.sql')) {
          const file = relative(dir, path).split('\\').join('/');
          for (const q of parseSqlFile(readFileSync(path, 'utf8'), file)) {
            const key = file.startsWith('actions/') ? `actions/${q.name}` : q.name;
            if (queries.has(key))
              throw new SqlRegistryError(
                `${file}: "${q.name}" is already defined in ${queries.get(key)!.file}`,
              );
            queries.set(key, { ...q, name: key });
          }
        }
      }
    };
    walk(dir);
    return new SqlRegistry(queries);
  }

  get(name: string): NamedQuery {
    const q = this.queries.get(name);
    if (!q) throw new SqlRegistryError(`No query named "${name}" in queries/`);
    return q;
  }

  names(): string[] {
    return [...this.queries.keys()];
  }
}
