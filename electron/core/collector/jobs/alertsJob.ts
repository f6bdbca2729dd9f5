// alerts: optimizer alerts and query monitoring rule actions (queries/alerts.sql; REFERENCE 1.16, 1.17,
// 1.24). Serverless has no STL_WLM_RULE_ACTION; its alerts come from SYS_QUERY_DETAIL.
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobContext, JobDefinition, JobRunResult } from '../Job.ts';
import { AlertStore } from '../../store/history/AlertStore.ts';
import { microsFromTimestamp } from '../../base/redshiftTime.ts';
import { combine, readSince } from './readSince.ts';
import { systemTableJob } from './systemTableJob.ts';

interface AlertRow {
  query: number;
  slice: number;
  segment: number;
  step: number;
  pid: number | null;
  xid: number | string | null;
  event: string | null;
  solution: string | null;
  event_time: string;
}

interface RuleActionRow {
  query: number;
  service_class: number;
  rule: string | null;
  action: string | null;
  recordtime: string;
  action_value: string | null;
  service_class_name: string | null;
}

interface SysAlertRow {
  query: number | string;
  stream_id: number | null;
  segment_id: number | null;
  step_id: number | null;
  alert: string;
  event_time: string;
}

export function createAlertsJob(settings: CollectorSettings): JobDefinition {
  return systemTableJob('alerts', settings, (ctx) =>
    ctx.capabilities.includes('provisioned') ? readStl(ctx, settings) : readSys(ctx, settings),
  );
}

async function readStl(ctx: JobContext, s: CollectorSettings): Promise<JobRunResult> {
  const store = new AlertStore(ctx.db);
  const id = ctx.connectionId;
  const common = { overlapMs: s.overlapMs, pageSize: s.pageSize };
  const alerts = await readSince<AlertRow>(ctx, {
    key: 'alerts:events',
    ...common,
    query: 'alert_events_since',
    timeOf: (r) => r.event_time,
    store: (rows) =>
      store.upsertAlerts(
        rows.map((r) => ({
          connectionId: id,
          query: r.query,
          slice: r.slice,
          segment: r.segment,
          step: r.step,
          eventUs: microsFromTimestamp(r.event_time),
          event: r.event ?? '',
          solution: r.solution ?? '',
          pid: r.pid,
          xid: r.xid === null ? null : Number(r.xid),
          source: 'stl' as const,
        })),
      ),
  });
  const actions = await readSince<RuleActionRow>(ctx, {
    key: 'alerts:rule_actions',
    ...common,
    query: 'rule_actions_since',
    timeOf: (r) => r.recordtime,
    store: (rows) =>
      store.upsertRuleActions(
        rows.map((r) => ({
          connectionId: id,
          query: r.query,
          rule: r.rule ?? '',
          recordUs: microsFromTimestamp(r.recordtime),
          serviceClass: r.service_class,
          action: r.action ?? '',
          actionValue: r.action_value ?? '',
          queueName: r.service_class_name ?? '',
        })),
      ),
  });
  return combine([alerts, actions]);
}

async function readSys(ctx: JobContext, s: CollectorSettings): Promise<JobRunResult> {
  const store = new AlertStore(ctx.db);
  const id = ctx.connectionId;
  return readSince<SysAlertRow>(ctx, {
    key: 'alerts:events',
    overlapMs: s.overlapMs,
    pageSize: s.pageSize,
    query: 'sys_alerts_since',
    timeOf: (r) => r.event_time,
    store: (rows) =>
      store.upsertAlerts(
        rows.map((r) => ({
          connectionId: id,
          query: Number(r.query),
          slice: -1,
          segment: r.segment_id ?? -1,
          step: r.step_id ?? -1,
          eventUs: microsFromTimestamp(r.event_time),
          event: r.alert,
          solution: '',
          pid: null,
          xid: null,
          source: 'sys' as const,
        })),
      ),
  });
}
