// The one contract both doors serve (DESIGN.md §2). Every method is named once here, with its
// arguments and result; the core's handlers `satisfies` ApiHandlers, and API_METHODS is the runtime
// list the dispatcher, the doors and the contract test walk.
// Long because it is the whole contract on purpose: one list both doors, the dispatcher and the
// contract test read, so a method cannot be added to one door and forgotten in the other.
import type { AppInfo } from './model/app.ts';
import type {
  AcknowledgeArgs,
  AlertIncident,
  AlertIncidentsArgs,
  AlertSettings,
  AlertSettingsArgs,
  DeliveryRow,
  Digest,
  DigestExport,
  DigestExportArgs,
  NextDigest,
  PastDigest,
  SetEmailArgs,
  SetWebhookArgs,
} from './model/alert.ts';
import type { Impact, ImpactArgs, ImpactExport, ImpactExportArgs } from './model/impact.ts';
import type {
  AddExemptionArgs,
  AlertExemption,
  AlertRuleInfo,
  AlertRuleVersion,
  EndExemptionArgs,
  ReplayArgs,
  CancelReplayArgs,
  ReplayComparison,
  SaveAlertRuleArgs,
  SuppressedIncident,
} from './model/alertRule.ts';
import type { AuditChainStatus, AuditCsv, AuditListArgs, AuditPage } from './model/audit.ts';
import type {
  BlastRadius,
  BlastRadiusArgs,
  FingerprintArgs,
  FingerprintPage,
  QueryRuns,
  QueryRunsArgs,
} from './model/fingerprint.ts';
import type {
  ActionResult,
  CancelArgs,
  QmrWhatIf,
  TerminateArgs,
  WlmApplyArgs,
  WlmApplyResult,
  WlmApplyStatus,
  WlmEditorState,
  WlmPreview,
  WlmPreviewArgs,
  WlmWhatIfArgs,
} from './model/governance.ts';
import type { HiddenPatterns, SetHiddenPatternsArgs } from './model/hiddenPatterns.ts';
import type { LiveSnapshot, LiveText, LiveTextArgs } from './model/live.ts';
import type { Overview } from './model/overview.ts';
import type { WlmPressure, WlmPressureArgs } from './model/pressure.ts';
import type { CollectorStatus } from './model/collector.ts';
import type { Connection, ConnectionTestResult, NewConnection } from './model/connection.ts';
import type {
  DeliveryLedger,
  FormatDriftResult,
  LedgerArgs,
  LoadDetail,
  LoadDetailArgs,
  LoadErrorsArgs,
  LoadErrorsPage,
  LoadsArgs,
  LoadsPage,
  FeedSettings,
  MergeFeedsArgs,
  SetFeedArgs,
} from './model/load.ts';
import type { MetricSeries, MetricSeriesArgs } from './model/metric.ts';
import type {
  QueryDetail,
  QueryHistoryArgs,
  QueryHistoryPage,
  QueryStepsArgs,
  QuerySteps,
} from './model/query.ts';
import type { WlmSamplesArgs, WlmSamplesResult } from './model/wlm.ts';
import type {
  BatchDrift,
  BatchDriftArgs,
  BatchJobRulesArgs,
  BatchJobRulesPreview,
  BatchJobs,
  BatchNight,
  BatchNightArgs,
  BatchSettings,
  BatchSettingsArgs,
  BatchStatements,
  BatchStatementsArgs,
} from './model/batch.ts';
import type {
  BatchCompare,
  BatchCompareArgs,
  BatchJobDrift,
  BatchJobDriftArgs,
  BatchJobSla,
  BatchJobSlaArgs,
  BatchMarks,
  BatchMonthStart,
  BatchMonthStartArgs,
} from './model/batchViews.ts';

export interface ApiMethods {
  'app.info': { args: Record<string, never>; result: AppInfo };
  'connections.list': { args: Record<string, never>; result: Connection[] };
  'connections.add': { args: NewConnection; result: Connection };
  'connections.remove': { args: { id: string }; result: { removed: boolean } };
  'connections.test': { args: { id: string }; result: ConnectionTestResult };
  'collector.status': { args: Record<string, never>; result: CollectorStatus };
  'queries.history': { args: QueryHistoryArgs; result: QueryHistoryPage };
  'queries.get': { args: { connectionId: string; query: number; startTime?: string }; result: QueryDetail };
  'wlm.samples': { args: WlmSamplesArgs; result: WlmSamplesResult };
  'loads.errors': { args: LoadErrorsArgs; result: LoadErrorsPage };
  'metrics.series': { args: MetricSeriesArgs; result: MetricSeries };
  'overview.get': { args: { connectionId: string; showHidden?: boolean }; result: Overview };
  'live.get': { args: { connectionId: string; showHidden?: boolean }; result: LiveSnapshot };
  'live.text': { args: LiveTextArgs; result: LiveText };
  'queries.fingerprints': { args: FingerprintArgs; result: FingerprintPage };
  'queries.runs': { args: QueryRunsArgs; result: QueryRuns };
  'queries.blastRadius': { args: BlastRadiusArgs; result: BlastRadius };
  'queries.steps': { args: QueryStepsArgs; result: QuerySteps };
  'wlm.pressure': { args: WlmPressureArgs; result: WlmPressure };
  'actions.cancel': { args: CancelArgs; result: ActionResult };
  'actions.terminate': { args: TerminateArgs; result: ActionResult };
  'wlm.load': { args: { connectionId: string }; result: WlmEditorState };
  'wlm.preview': { args: WlmPreviewArgs; result: WlmPreview };
  'wlm.whatIf': { args: WlmWhatIfArgs; result: QmrWhatIf };
  'wlm.apply': { args: WlmApplyArgs; result: WlmApplyResult };
  'wlm.status': { args: { connectionId: string }; result: WlmApplyStatus };
  'audit.list': { args: AuditListArgs; result: AuditPage };
  'audit.csv': { args: AuditListArgs; result: AuditCsv };
  'audit.verify': { args: Record<string, never>; result: AuditChainStatus };
  // Loads and deliveries (issue #11).
  'loads.list': { args: LoadsArgs; result: LoadsPage };
  'loads.get': { args: LoadDetailArgs; result: LoadDetail };
  'loads.ledger': { args: LedgerArgs; result: DeliveryLedger };
  'loads.drift': { args: LedgerArgs; result: FormatDriftResult };
  'loads.setFeed': { args: SetFeedArgs; result: FeedSettings };
  'loads.mergeFeeds': { args: MergeFeedsArgs; result: FeedSettings };
  'loads.impact': { args: ImpactArgs; result: Impact };
  'loads.impactExport': { args: ImpactExportArgs; result: ImpactExport };
  // Alerts (issue #12): incidents, the next digest, schedule and webhook, the outbox's deliveries.
  'alerts.incidents': { args: AlertIncidentsArgs; result: AlertIncident[] };
  'alerts.acknowledge': { args: AcknowledgeArgs; result: AlertIncident };
  'alerts.nextDigest': { args: { connectionId: string }; result: NextDigest };
  'alerts.settings': { args: { connectionId: string }; result: AlertSettings };
  'alerts.setSchedule': { args: AlertSettingsArgs; result: AlertSettings };
  'alerts.setWebhook': { args: SetWebhookArgs; result: AlertSettings };
  'alerts.deliveries': { args: { connectionId: string; limit?: number }; result: DeliveryRow[] };
  'alerts.setEmail': { args: SetEmailArgs; result: AlertSettings };
  'alerts.pastDigests': { args: { connectionId: string; limit?: number }; result: PastDigest[] };
  'alerts.pastDigest': { args: { connectionId: string; at: string }; result: Digest };
  'alerts.exportDigest': { args: DigestExportArgs; result: DigestExport };
  'alerts.rules': { args: { connectionId: string }; result: AlertRuleInfo[] };
  'alerts.saveRule': { args: SaveAlertRuleArgs; result: AlertRuleInfo };
  'alerts.ruleHistory': { args: { connectionId: string; ruleId: string }; result: AlertRuleVersion[] };
  'alerts.exemptions': { args: { connectionId: string }; result: AlertExemption[] };
  'alerts.addExemption': { args: AddExemptionArgs; result: AlertExemption };
  'alerts.endExemption': { args: EndExemptionArgs; result: AlertExemption };
  'alerts.suppressed': { args: { connectionId: string; limit?: number }; result: SuppressedIncident[] };
  'alerts.replay': { args: ReplayArgs; result: ReplayComparison };
  'alerts.cancelReplay': { args: CancelReplayArgs; result: { cancelled: boolean } };
  // Nightly batches (issue #10)
  'batches.settings': { args: { connectionId: string }; result: BatchSettings };
  'batches.setSettings': { args: BatchSettingsArgs; result: BatchSettings };
  'batches.night': { args: BatchNightArgs; result: BatchNight };
  'batches.statements': { args: BatchStatementsArgs; result: BatchStatements };
  'batches.drift': { args: BatchDriftArgs; result: BatchDrift };
  'batches.jobs': { args: { connectionId: string }; result: BatchJobs };
  'batches.previewJobRules': { args: BatchJobRulesArgs; result: BatchJobRulesPreview };
  'batches.setJobRules': { args: BatchJobRulesArgs; result: BatchJobs };
  'batches.compare': { args: BatchCompareArgs; result: BatchCompare };
  'batches.jobDrift': { args: BatchJobDriftArgs; result: BatchJobDrift };
  'batches.setJobSla': { args: BatchJobSlaArgs; result: BatchJobSla };
  'batches.monthStart': { args: BatchMonthStartArgs; result: BatchMonthStart };
  'batches.marks': { args: { connectionId: string; night: string }; result: BatchMarks };
  // Statements hidden from lists by pattern (issue #14)
  'lists.hiddenPatterns': { args: { connectionId: string }; result: HiddenPatterns };
  'lists.setHiddenPatterns': { args: SetHiddenPatternsArgs; result: HiddenPatterns };
}

export type ApiMethod = keyof ApiMethods;
export type ArgsOf<M extends ApiMethod> = ApiMethods[M]['args'];
export type ResultOf<M extends ApiMethod> = ApiMethods[M]['result'];

export interface MethodInfo {
  /** Changes state (in the store or on a cluster): refused on a read-only door. */
  mutates: boolean;
  summary: string;
}

export const API_METHODS = {
  'app.info': { mutates: false, summary: 'Version, door and permissions of this client' },
  'connections.list': { mutates: false, summary: 'Saved connections, without secrets' },
  'connections.add': {
    mutates: true,
    summary: 'Save a connection (password encrypted or kept for this run)',
  },
  'connections.remove': { mutates: true, summary: 'Forget a connection and its stored password' },
  'connections.test': { mutates: false, summary: 'Connect once: server version and latency, or the error' },
  'collector.status': {
    mutates: false,
    summary: "Per connection: state, capabilities and every job's state",
  },
  'queries.history': {
    mutates: false,
    summary: 'Stored query history: time range, filters, sorting, paging',
  },
  'queries.get': { mutates: false, summary: 'One query with full text, timings and WLM data' },
  'wlm.samples': { mutates: false, summary: 'WLM queue samples, configuration changes and collection gaps' },
  'loads.errors': { mutates: false, summary: 'COPY load errors with raw lines, filtered and paged' },
  'metrics.series': { mutates: false, summary: 'A CloudWatch series, downsampled to at most maxPoints' },
  'overview.get': {
    mutates: false,
    summary: 'Health, load, queues now, recent alerts and the slowest queries of the last hour',
  },
  'live.get': { mutates: false, summary: 'Running and queued statements and sessions at the last poll' },
  'live.text': { mutates: false, summary: "A live statement's full text, read from the cluster" },
  'queries.fingerprints': {
    mutates: false,
    summary: 'History grouped by fingerprint with percentiles, trend and the newly-slow flag',
  },
  'queries.runs': { mutates: false, summary: "A fingerprint's runs over time, at most maxPoints" },
  'queries.blastRadius': {
    mutates: false,
    summary: 'Statements queued in the same queue while a query held its slots, and their wait',
  },
  'queries.steps': { mutates: false, summary: "A query's executed steps (kept once read from the cluster)" },
  'wlm.pressure': {
    mutates: false,
    summary: 'Per queue over time: running vs slots, queued, wait percentiles; the configuration',
  },
  'actions.cancel': {
    mutates: true,
    summary: 'Cancel a statement after re-checking it is the one the user saw; audited',
  },
  'actions.terminate': {
    mutates: true,
    summary: 'End a session (rolls back its open transaction) after re-checking it; audited',
  },
  'wlm.load': {
    mutates: false,
    summary: "The cluster's parameter group and WLM configuration, with a version",
  },
  'wlm.preview': {
    mutates: false,
    summary: 'Validate a WLM configuration and diff it: dynamic or reboot, still based on the current one',
  },
  'wlm.whatIf': {
    mutates: false,
    summary: "What a configuration's QMR rules would have done over the cached history",
  },
  'wlm.apply': {
    mutates: true,
    summary: 'ModifyClusterParameterGroup, only if unchanged since loaded; audited',
  },
  'wlm.status': { mutates: false, summary: 'Whether the WLM configuration is applied or pending reboot' },
  'audit.list': { mutates: false, summary: 'Audit records, filtered and paged, newest first' },
  'audit.csv': { mutates: false, summary: 'Audit records matching the filters as CSV' },
  'audit.verify': { mutates: false, summary: 'Check the audit chain: intact, or where it breaks' },
  // Loads and deliveries (issue #11).
  'loads.list': {
    mutates: false,
    summary: 'COPYs in a range: table, source, files, rows, rejects, MAXERROR, status; sorted and paged',
  },
  'loads.get': {
    mutates: false,
    summary: "One COPY's summary and its rejected rows grouped by error code and column",
  },
  'loads.ledger': {
    mutates: false,
    summary: 'Feeds learned from COPY history and per night what arrived: on time, late, missing, ...',
  },
  'loads.drift': {
    mutates: false,
    summary: "Feeds' format drift: new error codes or a jump in rejected rows, first night, sample lines",
  },
  'loads.setFeed': {
    mutates: true,
    summary: 'Rename, mute or unmute a feed, or set its oversized / undersized thresholds; audited',
  },
  'loads.mergeFeeds': {
    mutates: true,
    summary: 'Count one learned feed as another from now on (or as its own again); audited',
  },
  'loads.impact': {
    mutates: false,
    summary:
      'Impact of a load or write: tables reached, the jobs and dashboards that read them, a to-do list',
  },
  'loads.impactExport': { mutates: false, summary: 'The impact of a load or write as Markdown or CSV' },
  // Alerts (issue #12)
  'alerts.incidents': {
    mutates: false,
    summary: 'Open incidents (or all, newest first): rule, subject, severity, counts, acknowledgement',
  },
  'alerts.acknowledge': { mutates: true, summary: 'Acknowledge an incident (who, note); audited' },
  'alerts.nextDigest': {
    mutates: false,
    summary: 'The next digest as it stands now, when it goes out, and as Markdown',
  },
  'alerts.settings': {
    mutates: false,
    summary: "A connection's digest time, quiet hours and webhook (no URL)",
  },
  'alerts.setSchedule': {
    mutates: true,
    summary: 'Set digest time, quiet hours, time zone and hold-down; validated, audited',
  },
  'alerts.setWebhook': {
    mutates: true,
    summary: 'Set or remove the webhook (JSON or Slack); URL sealed like a password; audited',
  },
  'alerts.deliveries': { mutates: false, summary: 'Pages and digests in the outbox: sent, pending, retries' },
  'alerts.setEmail': {
    mutates: true,
    summary: 'Set or remove alert e-mail (SMTP host, STARTTLS, from, to, login); password sealed; audited',
  },
  'alerts.pastDigests': {
    mutates: false,
    summary: 'Digests written so far, newest first, with counts and how each channel delivered them',
  },
  'alerts.pastDigest': { mutates: false, summary: 'One past digest as it was sent' },
  'alerts.exportDigest': {
    mutates: false,
    summary: 'A past digest, or the next one as it stands, as a Markdown or self-contained HTML file',
  },
  'alerts.rules': {
    mutates: false,
    summary: 'Alert rules with their settings in force: threshold, duration, severity, enabled, scope',
  },
  'alerts.saveRule': {
    mutates: true,
    summary: "Save a rule's settings as a new version (validated, bounded); audited with what changed",
  },
  'alerts.ruleHistory': {
    mutates: false,
    summary: 'Every saved version of a rule: who, when, why, what changed',
  },
  'alerts.exemptions': {
    mutates: false,
    summary: 'Exemptions and snoozes of a rule, job, feed or queue: author, reason, end, what they held back',
  },
  'alerts.addExemption': {
    mutates: true,
    summary: 'Snooze until an end, or exempt on weekdays (recurring); author and reason; audited',
  },
  'alerts.endExemption': { mutates: true, summary: 'End an exemption or snooze now; audited' },
  'alerts.suppressed': { mutates: false, summary: 'Findings an exemption held back, recorded as suppressed' },
  'alerts.replay': {
    mutates: false,
    summary: 'Run the rules in force or an edited set over stored history: pages and digest, night by night',
  },
  'alerts.cancelReplay': {
    mutates: false,
    summary: 'Stop a replay still running (by the id its caller gave it); nothing stored changes',
  },
  // Nightly batches (issue #10)
  'batches.settings': {
    mutates: false,
    summary: "A connection's batch night window, business time zone and SLA",
  },
  'batches.setSettings': {
    mutates: true,
    summary: 'Change the night window, time zone or SLA (rebuilds the nights); audited',
  },
  'batches.night': {
    mutates: false,
    summary: "One night's jobs as bars, its finish vs median and SLA, and what determined it",
  },
  'batches.statements': { mutates: false, summary: "A job's statements on one night" },
  'batches.drift': {
    mutates: false,
    summary: 'Batch finish per night with the SLA, a robust trend and a forecast in words',
  },
  'batches.jobs': {
    mutates: false,
    summary: 'The batch jobs as the rules make them over the stored nights, and the rules',
  },
  'batches.previewJobRules': {
    mutates: false,
    summary: 'Which nights and statements each job would get with other rules, before saving',
  },
  'batches.setJobRules': {
    mutates: true,
    summary: 'Save the job rules (rename, merge, split, hide, add); audited',
  },
  'batches.compare': {
    mutates: false,
    summary: 'Two nights side by side: per job start, end, duration, queue wait; new and missing jobs',
  },
  'batches.jobDrift': {
    mutates: false,
    summary: "Per job: duration, queue wait and execution trends, SLA misses, share of the batch's growth",
  },
  'batches.setJobSla': { mutates: true, summary: "Set or remove a job's SLA (done by HH:MM local); audited" },
  'batches.monthStart': {
    mutates: false,
    summary: 'Day-of-month lines per month, days 1-3 vs the rest, and the next month-start forecast',
  },
  'batches.marks': {
    mutates: false,
    summary: "A night's aborted statements, QMR actions, COPY loads and the feeds jobs waited for",
  },
  // Statements hidden from lists by pattern (issue #14)
  'lists.hiddenPatterns': {
    mutates: false,
    summary: "A connection's LIKE patterns for statements hidden from lists (slowest, newly slow, live)",
  },
  'lists.setHiddenPatterns': {
    mutates: true,
    summary: 'Change the LIKE patterns of statements hidden from lists; audited',
  },
} as const satisfies Record<ApiMethod, MethodInfo>;

export const METHOD_NAMES = Object.keys(API_METHODS) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHODS, name);
}

/** What a client calls: one typed function per method, whatever the transport. */
export type ApiClient = <M extends ApiMethod>(method: M, args: ArgsOf<M>) => Promise<ResultOf<M>>;
