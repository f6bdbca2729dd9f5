// lists.* (issue #14): the statements a connection hides from its lists (the overview's slowest and
// newly slow, the slow queries view, live activity), as LIKE patterns; a change is audited like the
// other settings, with the patterns before and after.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/AuditLog.ts';
import { readHiddenPatterns, writeHiddenPatterns } from '../store/lists/HiddenPatternsStore.ts';
import type { ApiHandlers } from './dispatch.ts';

type ListMethods = 'lists.hiddenPatterns' | 'lists.setHiddenPatterns';

export function listHandlers(deps: {
  db: Database.Database;
  audit: AuditLog;
}): Pick<ApiHandlers, ListMethods> {
  const { db, audit } = deps;
  return {
    'lists.hiddenPatterns': async ({ connectionId }) => readHiddenPatterns(db, connectionId),

    'lists.setHiddenPatterns': async ({ connectionId, patterns }) => {
      const before = readHiddenPatterns(db, connectionId);
      // Trimmed and said once each: the list is what the user reads back.
      const after = [...new Set(patterns.map((p) => p.trim()))];
      writeHiddenPatterns(db, connectionId, after);
      audit.append({
        requestId: randomUUID(),
        action: 'lists.setHiddenPatterns',
        outcome: 'ok',
        connectionId,
        params: { patterns: after },
        before: before.patterns.join('\n'),
        after: after.join('\n'),
      });
      return readHiddenPatterns(db, connectionId);
    },
  };
}
