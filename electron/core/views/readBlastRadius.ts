// queries.blastRadius: who waited while a query held its WLM slots. The culprit's execution window is
// STL_WLM_QUERY's exec_start_time..exec_end_time (REFERENCE 1.6), or, without WLM times, its start plus
// its queue time up to its end. Victims are statements of the same service class whose queue wait
// (queue_start_time..queue_end_time) overlaps that window; each one's waitedMs is the overlap. A slot
// held in one queue only blocks that queue (REFERENCE 1.2), so other classes are not counted.
import type Database from 'better-sqlite3';
import type { BlastRadius, BlastRadiusArgs, BlastVictim } from '../../../shared/model/fingerprint.ts';
import { ApiError } from '../base/ApiError.ts';
import { isoFromMicros, microsFromIso } from '../base/redshiftTime.ts';
import { ROW_COLUMNS, toQueryRow, type QueryDbRow } from '../store/history/readQueryHistory.ts';

export const MAX_VICTIMS = 500;

export function readBlastRadius(db: Database.Database, args: BlastRadiusArgs): BlastRadius {
  const culprit = db
    .prepare(
      `SELECT service_class, queue_name, slot_count, start_us, end_us, queue_us, wlm_exec_start_us, wlm_exec_end_us
       FROM queries WHERE connection_id = ? AND query = ? AND start_us = ?`,
    )
    .get(args.connectionId, args.query, microsFromIso(args.startTime)) as
    | {
        service_class: number | null;
        queue_name: string | null;
        slot_count: number | null;
        start_us: number;
        end_us: number;
        queue_us: number;
        wlm_exec_start_us: number | null;
        wlm_exec_end_us: number | null;
      }
    | undefined;
  if (!culprit)
    throw new ApiError('not_found', `Query ${args.query} is not in the stored history of this connection.`);
  const heldFrom = culprit.wlm_exec_start_us ?? Math.min(culprit.start_us + culprit.queue_us, culprit.end_us);
  const heldTo = culprit.wlm_exec_end_us ?? culprit.end_us;
  const base = {
    query: args.query,
    serviceClass: culprit.service_class,
    queueName: culprit.queue_name,
    slotCount: culprit.slot_count,
  };
  if (culprit.service_class === null || heldTo <= heldFrom)
    return { ...base, heldFrom: null, heldTo: null, victims: [], totalWaitMs: 0 };

  // queries_by_queue_wait is ordered by queue start: bound it below by the longest wait ever stored
  // (queries_by_queue answers max(queue_us) from the index), so the scan stays inside the window.
  const { longest } = db
    .prepare('SELECT coalesce(max(queue_us), 0) AS longest FROM queries WHERE connection_id = ?')
    .get(args.connectionId) as { longest: number };
  const overlap = `(min(wlm_queue_end_us, @heldTo) - max(wlm_queue_start_us, @heldFrom))`;
  const where = `connection_id = @connectionId AND service_class = @serviceClass
      AND wlm_queue_start_us >= @lowest AND wlm_queue_start_us < @heldTo AND wlm_queue_end_us > @heldFrom
      AND queue_us > 0 AND NOT (query = @query AND start_us = @startUs)`;
  const bind = {
    connectionId: args.connectionId,
    serviceClass: culprit.service_class,
    lowest: heldFrom - longest - 1,
    heldFrom,
    heldTo,
    query: args.query,
    startUs: culprit.start_us,
  };
  const { total } = db
    .prepare(`SELECT coalesce(sum(${overlap}), 0) AS total FROM queries WHERE ${where}`)
    .get(bind) as { total: number };
  const rows = db
    .prepare(
      `SELECT ${ROW_COLUMNS}, substr(text, 1, 200) AS text_preview, ${overlap} AS waited_us FROM queries
       WHERE ${where} ORDER BY waited_us DESC, start_us, query LIMIT ${MAX_VICTIMS}`,
    )
    .all(bind) as (QueryDbRow & { waited_us: number })[];
  const victims = rows.map((r): BlastVictim => ({ ...toQueryRow(r), waitedMs: r.waited_us / 1000 }));
  return {
    ...base,
    heldFrom: isoFromMicros(heldFrom),
    heldTo: isoFromMicros(heldTo),
    victims,
    totalWaitMs: total / 1000,
  };
}
