// audit.list / audit.csv (issue #6): the audit view's filters over the append-only audit log.
import type Database from 'better-sqlite3';
import { AUDIT_CSV_CAP, auditCsv, auditCsvFilename } from '../governance/auditCsv.ts';
import { allAudit, listAudit } from '../governance/readAudit.ts';
import type { ApiHandlers } from './dispatch.ts';

export function auditHandlers(deps: {
  db: Database.Database;
}): Pick<ApiHandlers, 'audit.list' | 'audit.csv'> {
  return {
    'audit.list': async (args) => listAudit(deps.db, args),
    'audit.csv': async (args) => {
      // Paging is the view's; the export holds every match, newest first, up to the cap.
      const { limit: _limit, offset: _offset, ...filters } = args;
      const records = allAudit(deps.db, filters, AUDIT_CSV_CAP);
      return { filename: auditCsvFilename(new Date()), csv: auditCsv(records), rows: records.length };
    },
  };
}
