// Whether another live Nightshift holds the store in `dataDir` (claimStore's owner row), read before
// the core starts: serve opens a kept demo database early (startEarlyEngine), and must not open the one
// another process is using. Any doubt (no store, an old one without the table, a locked file) counts
// as "held", so the demo then starts the usual way, after the core has claimed the store.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { liveOwnerOf } from '../core/store/claimStore.ts';

export function storeHeldElsewhere(dataDir: string): boolean {
  const path = join(dataDir, 'nightshift.db');
  if (!existsSync(path)) return true;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return liveOwnerOf(db) !== null;
    } finally {
      db.close();
    }
  } catch {
    return true;
  }
}
