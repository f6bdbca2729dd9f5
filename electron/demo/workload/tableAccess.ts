// Which warehouse tables a generated statement reads and writes, read off its SQL (the tables its text
// names), for STL_SCAN / STL_INSERT / STL_DELETE (REFERENCE 1.25-1.27). Every workload statement names
// its permanent tables schema-qualified (jobs.ts q()); temporary and staging tables are not in TABLES
// and leave no row, like scans of transient tables that are not `type` 2.
//
// Redshift runs UPDATE as a delete plus an insert, and DELETE/UPDATE scan the table they change;
// INSERT ... SELECT and COPY only write their target (COPY scans S3: `type` 21).
import { TABLES, type TableKey } from './tables.ts';

export interface TableAccess {
  reads: TableKey[];
  inserts: TableKey[];
  deletes: TableKey[];
  /** COPY: the load reads files from S3 into this table. */
  copyInto: TableKey | null;
}

const BY_NAME = new Map<string, TableKey>(
  (Object.keys(TABLES) as TableKey[]).map((k) => [`${TABLES[k].schema}.${TABLES[k].table}`, k]),
);
const NAME = /\b([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)\b/g;
const WRITE =
  /^(?:\s*--[^\n]*\n)*\s*(insert\s+into|update|delete\s+from|copy)\s+([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)/;

const cache = new Map<string, TableAccess>();

export function tableAccessOf(text: string): TableAccess {
  const hit = cache.get(text);
  if (hit) return hit;
  const lower = text.toLowerCase();
  const named: { key: TableKey; at: number }[] = [];
  for (const m of lower.matchAll(NAME)) {
    const key = BY_NAME.get(m[1]!);
    if (key !== undefined) named.push({ key, at: m.index });
  }
  const w = WRITE.exec(lower);
  const target = w ? (BY_NAME.get(w[2]!) ?? null) : null;
  const verb = w?.[1]?.split(/\s+/)[0] ?? null;
  const targetAt = w && target !== null ? w.index + w[0].length - w[2]!.length : -1;
  const reads = new Set<TableKey>();
  for (const n of named) {
    // The target of INSERT / COPY is written, not read, where it is named as the target.
    if (n.at === targetAt && (verb === 'insert' || verb === 'copy')) continue;
    reads.add(n.key);
  }
  const access: TableAccess = {
    reads: [...reads],
    inserts: target !== null && (verb === 'insert' || verb === 'update' || verb === 'copy') ? [target] : [],
    deletes: target !== null && (verb === 'delete' || verb === 'update') ? [target] : [],
    copyInto: verb === 'copy' ? target : null,
  };
  if (cache.size > 5_000) cache.clear();
  cache.set(text, access);
  return access;
}
