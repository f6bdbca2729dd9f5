// queries.get: one stored statement with its full text, WLM times, the optimizer's alerts (each with a
// suggested fix) and the QMR actions taken on it. A read of the views area (the query detail page);
// the history list it shares with other areas lives in store/history/readQueryHistory.ts.
import type Database from 'better-sqlite3';
import type { QueryAlert, QueryDetail, QueryRuleAction } from '../../../shared/model/query.ts';
import { isoFromMicros, microsFromIso } from '../base/redshiftTime.ts';
import {
  PREVIEW_CHARS,
  ROW_COLUMNS,
  toQueryRow,
  type QueryDbRow,
} from '../store/history/readQueryHistory.ts';
import { suggestFix } from './suggestFix.ts';

/** queries.get: one statement with its full text and WLM times; the latest run when startTime is absent. */
export function readQuery(
  db: Database.Database,
  args: { connectionId: string; query: number; startTime?: string },
): QueryDetail | undefined {
  const byTime = args.startTime !== undefined;
  const row = db
    .prepare(
      `SELECT ${ROW_COLUMNS}, substr(text, 1, ${PREVIEW_CHARS}) AS text_preview, text, text_complete,
         wlm_queue_start_us, wlm_queue_end_us, wlm_exec_start_us, wlm_exec_end_us, final_state, source
       FROM queries WHERE connection_id = ? AND query = ? ${byTime ? 'AND start_us = ?' : ''}
       ORDER BY start_us DESC LIMIT 1`,
    )
    .get(args.connectionId, args.query, ...(byTime ? [microsFromIso(args.startTime!)] : [])) as
    | (QueryDbRow & {
        text: string;
        text_complete: number;
        wlm_queue_start_us: number | null;
        wlm_queue_end_us: number | null;
        wlm_exec_start_us: number | null;
        wlm_exec_end_us: number | null;
        final_state: string | null;
        source: string;
      })
    | undefined;
  if (!row) return undefined;
  const iso = (us: number | null) => (us === null ? null : isoFromMicros(us));
  const around = aroundRun(args.connectionId, row.query, row.start_us, row.end_us);
  const alerts = readAlerts(db, around);
  const ruleActions = readRuleActions(db, around);
  const hasWlm = row.source === 'stl' && (row.service_class !== null || row.wlm_queue_start_us !== null);
  return {
    ...toQueryRow(row),
    text: row.text,
    textComplete: row.text_complete === 1,
    alerts,
    ruleActions,
    wlm: hasWlm
      ? {
          queueStartTime: iso(row.wlm_queue_start_us),
          queueEndTime: iso(row.wlm_queue_end_us),
          execStartTime: iso(row.wlm_exec_start_us),
          execEndTime: iso(row.wlm_exec_end_us),
          finalState: row.final_state,
        }
      : row.final_state !== null
        ? {
            queueStartTime: null,
            queueEndTime: null,
            execStartTime: null,
            execEndTime: null,
            finalState: row.final_state,
          }
        : null,
  };
}

/**
 * The parameters (connection, query, from, to) that find what Redshift logged about one run. Query ids
 * are not unique forever: keep what was logged around this run (a day of slack on each side for clock
 * differences and late logging).
 */
function aroundRun(connectionId: string, query: number, startUs: number, endUs: number) {
  const slackUs = 86_400_000_000;
  return [connectionId, query, startUs - slackUs, endUs + slackUs] as const;
}

/** Alerts are logged per slice (REFERENCE 1.16): one row per segment, step and event is enough. */
function readAlerts(db: Database.Database, around: ReturnType<typeof aroundRun>): QueryAlert[] {
  const rows = db
    .prepare(
      `SELECT segment, step, event, solution, min(event_us) AS event_us FROM alert_events
       WHERE connection_id = ? AND query = ? AND event_us BETWEEN ? AND ?
       GROUP BY segment, step, event, solution ORDER BY event_us, segment, step`,
    )
    .all(...around) as {
    segment: number;
    step: number;
    event: string;
    solution: string;
    event_us: number;
  }[];
  return rows.map((r) => ({
    eventTime: isoFromMicros(r.event_us),
    segment: r.segment,
    step: r.step,
    event: r.event,
    solution: r.solution,
    suggestion: suggestFix(r.event, r.solution),
  }));
}

function readRuleActions(db: Database.Database, around: ReturnType<typeof aroundRun>): QueryRuleAction[] {
  const rows = db
    .prepare(
      `SELECT rule, action, action_value, record_us, queue_name FROM rule_actions
       WHERE connection_id = ? AND query = ? AND record_us BETWEEN ? AND ? ORDER BY record_us, rule`,
    )
    .all(...around) as {
    rule: string;
    action: string;
    action_value: string;
    record_us: number;
    queue_name: string;
  }[];
  return rows.map((r) => ({
    rule: r.rule,
    // change_query_priority carries its new priority in action_value (REFERENCE 1.17).
    action: r.action_value === '' ? r.action : `${r.action} ${r.action_value}`,
    recordTime: isoFromMicros(r.record_us),
    queueName: r.queue_name,
  }));
}
