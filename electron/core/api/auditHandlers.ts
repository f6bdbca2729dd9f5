// audit.list / audit.csv (issue #6): the audit view's filters over the append-only audit log.
import type Database from 'better-sqlite3';
import { verifyAuditChainPaced } from '../audit/verifyAuditChain.ts';
import type { AuditListArgs } from '../../../shared/model/audit.ts';
import type { AuditCsvDownload } from '../Core.ts';
import { auditCsv, auditCsvChunks, auditCsvFilename } from '../governance/auditCsv.ts';
import { countAudit, eachAudit, lastAuditSeq, listAudit } from '../governance/readAudit.ts';
import type { ApiHandlers } from './dispatch.ts';

export function auditHandlers(deps: {
  db: Database.Database;
}): Pick<ApiHandlers, 'audit.list' | 'audit.csv' | 'audit.verify'> {
  return {
    'audit.list': async (args) => listAudit(deps.db, args),
    'audit.csv': async (args) => {
      // Paging is the view's; the export holds every match, newest first, up to its size cap.
      const { limit: _limit, offset: _offset, ...filters } = args;
      return { filename: auditCsvFilename(new Date()), ...auditCsv(eachAudit(deps.db, filters)) };
    },
    'audit.verify': () => verifyAuditChainPaced(deps.db),
  };
}

/** The whole export for a streaming door: no size cap, since no whole file is ever held. */
export function auditCsvDownload(db: Database.Database, args: AuditListArgs): AuditCsvDownload {
  const { limit: _limit, offset: _offset, ...filters } = args;
  // The log as it is now: the count said up front is the number of rows that follow.
  const through = lastAuditSeq(db);
  return {
    filename: auditCsvFilename(new Date()),
    rows: countAudit(db, filters, through),
    chunks: auditCsvChunks(eachAudit(db, filters, { through })),
  };
}
