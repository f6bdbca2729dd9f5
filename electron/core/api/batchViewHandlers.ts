// batches.* views beyond one night (issue #10): two nights compared, per-job drift and SLAs (changes
// audited like the other settings), the month-start view, and a night's timeline marks.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/AuditLog.ts';
import { formatClock } from '../base/batchNight.ts';
import { readBatchCompare } from '../batches/readBatchCompare.ts';
import { readJobDrift } from '../batches/readJobDrift.ts';
import { readMonthStart } from '../batches/readMonthStart.ts';
import { MAX_MARKS_PER_KIND, nightMarksWindow, readNightMarks } from '../batches/readNightMarks.ts';
import { readLoads } from '../loads/readLoads.ts';
import { readJobSlas, writeJobSla } from '../store/batches/JobSlaStore.ts';
import type { ApiHandlers } from './dispatch.ts';

type BatchViewMethods =
  'batches.compare' | 'batches.jobDrift' | 'batches.setJobSla' | 'batches.monthStart' | 'batches.marks';

const minuteOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export function batchViewHandlers(deps: {
  db: Database.Database;
  audit: AuditLog;
}): Pick<ApiHandlers, BatchViewMethods> {
  const { db, audit } = deps;
  return {
    'batches.compare': async (args) => readBatchCompare(db, args),
    'batches.jobDrift': async (args) => readJobDrift(db, args),
    'batches.monthStart': async (args) => readMonthStart(db, args),
    'batches.marks': async (args) => {
      // The night's COPY loads through the loads area's reader (areas do not import each other).
      const window = nightMarksWindow(db, args);
      const loads = readLoads(db, {
        connectionId: args.connectionId,
        ...window,
        ascending: true,
        limit: MAX_MARKS_PER_KIND,
      }).rows;
      return readNightMarks(db, args, loads);
    },

    'batches.setJobSla': async ({ connectionId, label, sla }) => {
      const before = readJobSlas(db, connectionId).get(label);
      writeJobSla(db, connectionId, label, sla === null ? null : minuteOf(sla));
      audit.append({
        requestId: randomUUID(),
        action: 'batches.setJobSla',
        outcome: 'ok',
        connectionId,
        params: { label, sla },
        before: JSON.stringify({ label, sla: before === undefined ? null : formatClock(before) }),
        after: JSON.stringify({ label, sla }),
      });
      return { label, sla };
    },
  };
}
