// How much disk a store takes: the database file and its write-ahead log (what a flood would grow).
import { statSync } from 'node:fs';
import { join } from 'node:path';

export function storeBytes(dataDir: string): number {
  return ['nightshift.db', 'nightshift.db-wal'].reduce((sum, f) => {
    try {
      return sum + statSync(join(dataDir, f)).size;
    } catch {
      return sum;
    }
  }, 0);
}
