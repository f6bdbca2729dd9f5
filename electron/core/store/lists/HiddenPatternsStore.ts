// Per-connection hide-by-pattern lists (issue #14, migration 0011). A connection without a row uses
// the defaults: a demo connection hides the demo's own sleeping statements (its live workload holds
// slots with `SELECT pg_sleep(n)`, which otherwise fill every "slowest" list), others hide nothing.
import type Database from 'better-sqlite3';
import type { HiddenPatterns } from '../../../../shared/model/hiddenPatterns.ts';
import { likeMatcher, type TextMatcher } from '../../base/likePatterns.ts';

/** Exactly the demo's bare sleeps: `SELECT pg_sleep(12.5) AS marker` (a user's own) stays visible. */
export const DEMO_HIDDEN_PATTERNS: readonly string[] = ['SELECT pg_sleep(%)'];

export function readHiddenPatterns(db: Database.Database, connectionId: string): HiddenPatterns {
  const row = db
    .prepare('SELECT patterns_json FROM hidden_patterns WHERE connection_id = ?')
    .get(connectionId) as { patterns_json: string } | undefined;
  if (row) return { connectionId, patterns: JSON.parse(row.patterns_json) as string[], isDefault: false };
  const kind = (
    db.prepare('SELECT kind FROM connections WHERE id = ?').get(connectionId) as { kind: string } | undefined
  )?.kind;
  return { connectionId, patterns: kind === 'demo' ? [...DEMO_HIDDEN_PATTERNS] : [], isDefault: true };
}

export function writeHiddenPatterns(db: Database.Database, connectionId: string, patterns: string[]): void {
  db.prepare(
    `INSERT INTO hidden_patterns (connection_id, patterns_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (connection_id) DO UPDATE SET patterns_json = excluded.patterns_json,
       updated_at = excluded.updated_at`,
  ).run(connectionId, JSON.stringify(patterns), new Date().toISOString());
}

/** What the lists try each statement with; null when the connection hides nothing. */
export function hiddenMatcherOf(db: Database.Database, connectionId: string): TextMatcher | null {
  return likeMatcher(readHiddenPatterns(db, connectionId).patterns);
}
