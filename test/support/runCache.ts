// Something slow to make that every test file of a run may start from, made once per run by whichever
// worker asks first, while the others wait for it (e.g. a store the collector filled from the demo
// double: the backfill takes a minute and more on a busy 2-core machine, copying its file a moment).
// The run's folder comes from globalSetup.ts (inject('runCache')) and is removed at the end of the run.
// Workers are separate processes: the first to create `<key>.lock` makes the entry; the entry is there
// once `<key>.json` (its description) is, written last. A maker that fails removes its lock, and the
// next file to ask makes it again.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { waitForValue } from './waitFor.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    runCache: string;
  }
}

/** Making an entry: a backfill on a machine busy with other work. */
const MAKE_TIMEOUT_MS = 600_000;

export interface CacheEntry<M> {
  /** Where the entry's file is (read-only: copy it). */
  path: string;
  meta: M;
}

/**
 * The run's entry `key`: made by `make(path)` (which writes the file at `path` and returns its
 * description) if no worker made it yet. `made` is true for the caller that made it.
 */
export async function runCached<M>(
  key: string,
  make: (path: string) => Promise<M>,
): Promise<CacheEntry<M> & { made: boolean }> {
  const dir = inject('runCache');
  const path = join(dir, `${key}.file`);
  const metaPath = join(dir, `${key}.json`);
  const lock = join(dir, `${key}.lock`);
  for (;;) {
    if (existsSync(metaPath))
      return { path, meta: JSON.parse(readFileSync(metaPath, 'utf8')) as M, made: false };
    if (takeLock(lock)) {
      try {
        const meta = await make(path);
        writeFileSync(`${metaPath}.tmp`, JSON.stringify(meta));
        renameSync(`${metaPath}.tmp`, metaPath);
        return { path, meta, made: true };
      } catch (error) {
        rmSync(lock, { recursive: true, force: true });
        throw error;
      }
    }
    // Another worker makes it: wait until it is there, or until that worker gave up.
    await waitForValue(() => (existsSync(metaPath) || !existsSync(lock) ? true : null), {
      what: `the run's ${key} made by another test file`,
      timeoutMs: MAKE_TIMEOUT_MS,
      intervalMs: 500,
    });
  }
}

function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    return false;
  }
}
