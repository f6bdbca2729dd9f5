// Argument schemas per method (zod). The core's dispatcher validates every call with these before a
// handler runs, so handlers can trust their input; the renderer may reuse them for form validation.
// Long because it is one file for every method on purpose: the schema walk in
// test/shared/argumentBounds.test.ts and the fuzzer read the whole API from here, and the shared field
// schemas (ids, ranges, zones) sit beside it.
import { z } from 'zod';
import type { ApiMethod, ArgsOf } from './api.ts';
import {
  ACTION_NAME_MAX_CHARS,
  ALERT_REPLAY_NIGHTS_MAX,
  ALERT_RULES_MAX,
  AWS_NAME_MAX_CHARS,
  CHART_POINTS_MAX,
  CONNECTION_NAME_MAX_CHARS,
  DIMENSION_NAME_MAX_CHARS,
  DIMENSION_VALUE_MAX_CHARS,
  DIMENSIONS_MAX,
  DURATION_MS_MAX,
  EMAIL_ADDRESS_MAX_CHARS,
  EMAIL_RECIPIENTS_MAX,
  FILTER_TEXT_MAX_CHARS,
  HIDDEN_PATTERN_MAX_CHARS,
  HIDDEN_PATTERNS_MAX,
  LEDGER_NIGHTS_MAX,
  FEED_NAME_MAX_CHARS,
  FEED_OVERSIZED_RANGE,
  FEED_UNDERSIZED_RANGE,
  FINGERPRINT_MAX_CHARS,
  HISTORY_DAYS_MAX,
  HOST_MAX_CHARS,
  ID_MAX_CHARS,
  IDEMPOTENCY_KEY_MAX_CHARS,
  IDENTIFIER_MAX_CHARS,
  INSTANT_MAX_CHARS,
  JOB_NAME_MAX_CHARS,
  JOB_RULES_MAX,
  METRIC_NAME_MAX_CHARS,
  PAGE_LIMIT_MAX,
  PAGE_OFFSET_MAX,
  PASSWORD_MAX_CHARS,
  PID_MAX,
  QUERY_LABEL_MAX_CHARS,
  REASON_MAX_CHARS,
  REGION_MAX_CHARS,
  SERVICE_CLASS_MAX,
  TIME_ZONE_MAX_CHARS,
  URL_MAX_CHARS,
  VERSION_MAX_CHARS,
  WLM_JSON_ARG_MAX_CHARS,
} from './limits.ts';

const noArgs = z.object({}).strict();
/** A local time of day, 'HH:MM'. */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
const clock = z
  .string()
  .max(5)
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day as 'HH:MM'");
/** An IANA time zone this runtime knows (batch nights and alert schedules are in business time). */
const timeZone = z
  .string()
  .min(1)
  .max(TIME_ZONE_MAX_CHARS)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'must be an IANA time zone such as Europe/Berlin')
  .refine(knownTimeZone, 'is not a time zone this computer knows (an IANA name such as Europe/Berlin)');
/** A night's name: a calendar date 'YYYY-MM-DD'. */
const nightDate = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as 'YYYY-MM-DD'")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a calendar date');
const id = z.string().min(1).max(ID_MAX_CHARS);
/** A batch job rule (issue #10); a pattern or user or queue glob, at most one label long. */
const ruleGlob = z.string().min(1).max(QUERY_LABEL_MAX_CHARS).nullable();
const jobRulesArgs = z
  .object({
    connectionId: z.string().min(1).max(ID_MAX_CHARS),
    rules: z
      .array(
        z
          .object({
            action: z.enum(['job', 'hide']),
            labelPattern: ruleGlob,
            user: ruleGlob,
            queue: ruleGlob,
            name: z.string().max(JOB_NAME_MAX_CHARS),
            splitBy: z.enum(['none', 'user', 'queue']),
          })
          .strict()
          .refine((r) => r.labelPattern !== null || r.user !== null || r.queue !== null, {
            message: 'a rule needs a label pattern, a user or a queue',
          }),
      )
      .max(JOB_RULES_MAX),
  })
  .strict();

// Printable text without control characters: names and identifiers end up in logs and the UI.
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

const hostName = label(HOST_MAX_CHARS).refine((s) => !/\s|\//.test(s), 'must be a host name or IP address');

const demoTarget = z.object({ kind: z.literal('demo') }).strict();

const directTarget = z
  .object({
    kind: z.literal('direct'),
    host: hostName,
    port: z.number().int().min(1).max(65535),
    database: label(IDENTIFIER_MAX_CHARS),
    user: label(IDENTIFIER_MAX_CHARS),
    sslMode: z.enum(['disable', 'require', 'verify-full']),
  })
  .strict();

// REFERENCE 4.6: DbUser 1-64 chars, starts with a letter, no ':' or '/', not PUBLIC.
const dbUser = label(64).refine(
  (s) => /^[A-Za-z][^:/]*$/.test(s) && s.toUpperCase() !== 'PUBLIC',
  'must start with a letter, contain no ":" or "/", and not be PUBLIC',
);

const clusterTarget = z
  .object({
    kind: z.literal('cluster'),
    region: z
      .string()
      .max(REGION_MAX_CHARS)
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
    clusterIdentifier: z
      .string()
      .max(63)
      .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a cluster identifier: lowercase letters, digits, hyphens'),
    database: label(IDENTIFIER_MAX_CHARS),
    dbUser,
    awsProfile: label(AWS_NAME_MAX_CHARS).optional(),
    awsEndpoint: z
      .url({ protocol: /^https?$/ })
      .max(URL_MAX_CHARS)
      .optional()
      .describe('custom Redshift API endpoint (VPC endpoint or local stand-in)'),
  })
  .strict();

const newConnection = z
  .object({
    name: label(CONNECTION_NAME_MAX_CHARS),
    target: z.discriminatedUnion('kind', [demoTarget, directTarget, clusterTarget]),
    password: z.string().min(1).max(PASSWORD_MAX_CHARS).optional(),
  })
  .strict()
  .refine((c) => c.password === undefined || c.target.kind === 'direct', {
    message: 'only direct connections take a password',
    path: ['password'],
  });

// ISO-8601 instants; ranges must be ordered. Large ranges are fine (history is kept for 400 days).
const instant = z.iso.datetime({ offset: true }).max(INSTANT_MAX_CHARS);

/** loads.impact: a statement (query id, optionally its start), a fix time, 1-3 hops (issue #11). */
const impactArgs = z.object({
  connectionId: z.string().min(1).max(ID_MAX_CHARS),
  query: z.number().int().min(0).max(2_147_483_647),
  startTime: instant.optional(),
  until: instant.optional(),
  hops: z.number().int().min(1).max(3).optional(),
});
const range = { from: instant, to: instant };
const ordered = <T extends { from: string; to: string }>(r: T) => Date.parse(r.from) <= Date.parse(r.to);
const orderedMessage = { message: 'must not be after "to"', path: ['from'] };
/** The loads views that walk night by night (ledger, format drift): a bounded, ordered range of nights. */
const ledgerRange = z
  .object({ connectionId: id, ...range })
  .strict()
  .refine(ordered, orderedMessage)
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= LEDGER_NIGHTS_MAX * 86_400_000, {
    message: `must be at most ${LEDGER_NIGHTS_MAX} nights before "to"`,
    path: ['from'],
  });
const page = {
  limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).optional(),
  offset: z.number().int().min(0).max(PAGE_OFFSET_MAX).optional(),
};

const queryFilter = {
  connectionId: id,
  ...range,
  user: z.string().max(IDENTIFIER_MAX_CHARS).optional(),
  label: z.string().max(QUERY_LABEL_MAX_CHARS).optional(),
  serviceClass: z.number().int().min(0).max(SERVICE_CLASS_MAX).optional(),
  minDurationMs: z.number().min(0).max(DURATION_MS_MAX).optional(),
  aborted: z.boolean().optional(),
  text: z.string().max(FILTER_TEXT_MAX_CHARS).optional(),
};

const queryHistoryArgs = z
  .object({
    ...queryFilter,
    sort: z
      .object({ by: z.enum(['startTime', 'elapsedMs', 'queueMs', 'execMs']), dir: z.enum(['asc', 'desc']) })
      .strict()
      .optional(),
    ...page,
    // A page's `next` (readQueryHistory.ts): sort value, query id and start time, in µs.
    after: z
      .string()
      .max(64)
      .regex(/^-?\d{1,20}:-?\d{1,20}:-?\d{1,20}$/, 'is not a cursor returned by queries.history')
      .optional(),
    withTotal: z.boolean().optional(),
    showHidden: z.boolean().optional(),
  })
  .strict()
  .refine(ordered, orderedMessage);

const fingerprintArgs = z
  .object({
    ...queryFilter,
    k: z.number().min(1).max(1000).optional(),
    sort: z.enum(['newlySlow', 'totalMs', 'count', 'p95Ms', 'maxMs']).optional(),
    showHidden: z.boolean().optional(),
    ...page,
  })
  .strict()
  .refine(ordered, orderedMessage);

const fingerprint = z.string().min(1).max(FINGERPRINT_MAX_CHARS);
const maxPoints = z.number().int().min(1).max(CHART_POINTS_MAX);
const onlyConnection = z.object({ connectionId: id }).strict();
// A LIKE pattern of statement text (issue #14): printable, bounded, and not one that hides everything.
const hiddenPattern = label(HIDDEN_PATTERN_MAX_CHARS).refine(
  (p) => !/^[%_\s]*$/.test(p),
  'would hide every statement; name some text to match',
);

// Governance: a reason is required and is printed in the audit view, so it is printable text.
const reason = label(REASON_MAX_CHARS);
const idempotencyKey = z
  .string()
  .min(8)
  .max(IDEMPOTENCY_KEY_MAX_CHARS)
  .regex(/^[\w:.@-]+$/, 'must be letters, digits and : . @ - _ only');
const pid = z.number().int().min(1).max(PID_MAX);
const statementTarget = z
  .object({
    pid,
    query: z.number().int(),
    userName: label(IDENTIFIER_MAX_CHARS),
    startTime: instant.optional(),
    xid: z.number().int().optional(),
  })
  .strict();
const sessionTarget = z
  .object({
    pid,
    userName: label(IDENTIFIER_MAX_CHARS),
    sessionStart: instant.optional(),
    query: z.number().int().optional(),
  })
  .strict();
// REFERENCE 3.3: the parameter value is at most 8,000 characters; slack lets the WLM validation say so.
const wlmJson = z.string().min(1).max(WLM_JSON_ARG_MAX_CHARS);
const version = z.string().min(1).max(VERSION_MAX_CHARS);

// Alert rules (issue #12): bounds common to every rule here; each rule's own bounds are checked by the
// core (configuredRule.ts), which names the rule and its unit.
const alertRuleSettings = z
  .object({
    enabled: z.boolean(),
    severity: z.enum(['critical', 'warning', 'info']),
    threshold: z.number().finite().min(0).max(1_000_000).nullable(),
    durationMinutes: z
      .number()
      .int()
      .min(0)
      .max(DURATION_MS_MAX / 60_000)
      .nullable(),
    scope: z
      .object({ kind: z.enum(['queue', 'job', 'feed']), value: label(QUERY_LABEL_MAX_CHARS) })
      .strict()
      .nullable(),
  })
  .strict();

// Alerts (issue #12). The schedule's times are HH:MM; whether the digest falls in the quiet hours and
// whether the zone exists are checked by the core (routing.ts), which says why in words.
const alertSchedule = z
  .object({
    timeZone,
    digestAt: clock,
    quietFrom: clock,
    quietTo: clock,
    holdDownMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
  })
  .strict();
const webhook = z
  .object({
    format: z.enum(['json', 'slack']),
    url: z.url({ protocol: /^https?$/ }).max(URL_MAX_CHARS),
  })
  .strict();
// E-mail: plain addresses (no display names), the SMTP host and port; the password bounded like a
// connection password. Omitted password keeps the stored one; null clears it.
const emailAddress = z.email().max(EMAIL_ADDRESS_MAX_CHARS);
const emailSettings = z
  .object({
    host: hostName,
    port: z.number().int().min(1).max(65_535),
    security: z.enum(['starttls', 'starttls-optional', 'tls']),
    from: emailAddress,
    to: z.array(emailAddress).min(1).max(EMAIL_RECIPIENTS_MAX),
    user: z.string().min(1).max(IDENTIFIER_MAX_CHARS).nullable(),
    password: z.string().max(PASSWORD_MAX_CHARS).nullable().optional(),
  })
  .strict();

const auditListArgs = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    action: z.string().max(ACTION_NAME_MAX_CHARS).optional(),
    outcome: z.enum(['ok', 'refused', 'failed']).optional(),
    connectionId: id.optional(),
    text: z.string().max(FILTER_TEXT_MAX_CHARS).optional(),
    ...page,
  })
  .strict()
  .refine(
    (r) => r.from === undefined || r.to === undefined || Date.parse(r.from) <= Date.parse(r.to),
    orderedMessage,
  );

export const argSchemas = {
  'app.info': noArgs,
  'connections.list': noArgs,
  'connections.add': newConnection,
  'connections.remove': z.object({ id }).strict(),
  'connections.test': z.object({ id }).strict(),
  'collector.status': noArgs,
  'queries.history': queryHistoryArgs,
  'queries.get': z
    .object({ connectionId: id, query: z.number().int(), startTime: instant.optional() })
    .strict(),
  'wlm.samples': z
    .object({
      connectionId: id,
      ...range,
      serviceClass: z.number().int().min(0).max(SERVICE_CLASS_MAX).optional(),
    })
    .strict()
    .refine(ordered, orderedMessage),
  'loads.errors': z
    .object({
      connectionId: id,
      ...range,
      // schema.table
      tableName: z
        .string()
        .max(2 * IDENTIFIER_MAX_CHARS + 1)
        .optional(),
      errCode: z.number().int().optional(),
      ...page,
      after: z
        .object({
          startTime: instant,
          query: z.number().int(),
          fileName: z.string().max(FILTER_TEXT_MAX_CHARS),
          lineNumber: z.number().int(),
          columnName: z.string().max(FILTER_TEXT_MAX_CHARS),
          position: z.number().int(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .refine(ordered, orderedMessage),
  'metrics.series': z
    .object({
      connectionId: id,
      metric: z
        .string()
        .max(METRIC_NAME_MAX_CHARS)
        .regex(/^[A-Za-z0-9]+$/, 'must be a CloudWatch metric name'),
      dimensions: z
        .record(
          z.string().min(1).max(DIMENSION_NAME_MAX_CHARS),
          z.string().min(1).max(DIMENSION_VALUE_MAX_CHARS),
        )
        .refine(
          (d) => Object.keys(d).length <= DIMENSIONS_MAX,
          `must have at most ${DIMENSIONS_MAX} dimensions`,
        ),
      ...range,
      maxPoints,
    })
    .strict()
    .refine(ordered, orderedMessage),
  'overview.get': z.object({ connectionId: id, showHidden: z.boolean().optional() }).strict(),
  'live.get': z.object({ connectionId: id, showHidden: z.boolean().optional() }).strict(),
  'live.text': z.object({ connectionId: id, query: z.number().int() }).strict(),
  'queries.fingerprints': fingerprintArgs,
  'queries.runs': z
    .object({ connectionId: id, fingerprint, ...range, maxPoints })
    .strict()
    .refine(ordered, orderedMessage),
  'queries.blastRadius': z.object({ connectionId: id, query: z.number().int(), startTime: instant }).strict(),
  'queries.steps': z.object({ connectionId: id, query: z.number().int(), startTime: instant }).strict(),
  'wlm.pressure': z
    .object({ connectionId: id, ...range, maxPoints })
    .strict()
    .refine(ordered, orderedMessage),
  'actions.cancel': z.object({ connectionId: id, target: statementTarget, reason, idempotencyKey }).strict(),
  'actions.terminate': z.object({ connectionId: id, target: sessionTarget, reason, idempotencyKey }).strict(),
  'wlm.load': onlyConnection,
  'wlm.preview': z.object({ connectionId: id, json: wlmJson, baseVersion: version }).strict(),
  'wlm.whatIf': z
    .object({
      connectionId: id,
      json: wlmJson,
      days: z.number().int().min(1).max(HISTORY_DAYS_MAX).optional(),
    })
    .strict(),
  'wlm.apply': z
    .object({ connectionId: id, json: wlmJson, baseVersion: version, reason, idempotencyKey })
    .strict(),
  'wlm.status': onlyConnection,
  'audit.list': auditListArgs,
  'audit.csv': auditListArgs,
  'audit.verify': noArgs,
  // Loads and deliveries (issue #11).
  'loads.list': z
    .object({
      connectionId: id,
      ...range,
      table: z.string().max(FILTER_TEXT_MAX_CHARS).optional(),
      source: z.string().max(FILTER_TEXT_MAX_CHARS).optional(),
      feedKey: z.string().max(FILTER_TEXT_MAX_CHARS).optional(),
      status: z.enum(['loaded', 'partial', 'aborted']).optional(),
      sort: z.enum(['start', 'duration', 'queue', 'rows', 'rejected', 'table']).optional(),
      ascending: z.boolean().optional(),
      ...page,
    })
    .strict()
    .refine(ordered, orderedMessage),
  'loads.get': z
    .object({ connectionId: id, query: z.number().int(), startTime: instant.optional() })
    .strict(),
  'loads.ledger': ledgerRange,
  'loads.drift': ledgerRange,
  'loads.setFeed': z
    .object({
      connectionId: id,
      feedKey: z.string().min(1).max(FILTER_TEXT_MAX_CHARS),
      name: label(FEED_NAME_MAX_CHARS).nullable().optional(),
      muted: z.boolean().optional(),
      oversizedAt: z.number().min(FEED_OVERSIZED_RANGE[0]).max(FEED_OVERSIZED_RANGE[1]).nullable().optional(),
      undersizedAt: z
        .number()
        .min(FEED_UNDERSIZED_RANGE[0])
        .max(FEED_UNDERSIZED_RANGE[1])
        .nullable()
        .optional(),
    })
    .strict(),
  'loads.mergeFeeds': z
    .object({
      connectionId: id,
      feedKey: z.string().min(1).max(FILTER_TEXT_MAX_CHARS),
      into: z.string().min(1).max(FILTER_TEXT_MAX_CHARS).nullable(),
    })
    .strict()
    .refine((a) => a.into !== a.feedKey, { message: 'a feed cannot be merged into itself', path: ['into'] }),
  'loads.impact': impactArgs.strict(),
  'loads.impactExport': impactArgs.extend({ format: z.enum(['markdown', 'csv']) }).strict(),
  'alerts.incidents': z
    .object({
      connectionId: id,
      state: z.enum(['open', 'all']).optional(),
      limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).optional(),
    })
    .strict(),
  'alerts.acknowledge': z
    .object({
      incidentId: z.number().int().min(1),
      by: label(IDENTIFIER_MAX_CHARS),
      note: z.string().max(REASON_MAX_CHARS),
    })
    .strict(),
  'alerts.nextDigest': onlyConnection,
  'alerts.settings': onlyConnection,
  'alerts.setSchedule': z.object({ connectionId: id, schedule: alertSchedule }).strict(),
  'alerts.setWebhook': z.object({ connectionId: id, webhook: webhook.nullable() }).strict(),
  'alerts.deliveries': z
    .object({ connectionId: id, limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).optional() })
    .strict(),
  'alerts.setEmail': z.object({ connectionId: id, email: emailSettings.nullable() }).strict(),
  'alerts.pastDigests': z
    .object({ connectionId: id, limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).optional() })
    .strict(),
  'alerts.pastDigest': z.object({ connectionId: id, at: instant }).strict(),
  'alerts.exportDigest': z
    .object({ connectionId: id, at: instant.nullable().optional(), format: z.enum(['markdown', 'html']) })
    .strict(),
  'alerts.rules': onlyConnection,
  'alerts.saveRule': z
    .object({
      connectionId: id,
      ruleId: label(ID_MAX_CHARS),
      settings: alertRuleSettings,
      allConnections: z.boolean().optional(),
      author: label(IDENTIFIER_MAX_CHARS),
      note: z.string().max(REASON_MAX_CHARS),
    })
    .strict(),
  'alerts.ruleHistory': z.object({ connectionId: id, ruleId: label(ID_MAX_CHARS) }).strict(),
  'alerts.exemptions': onlyConnection,
  'alerts.addExemption': z
    .object({
      connectionId: id,
      kind: z.enum(['rule', 'job', 'feed', 'queue']),
      target: label(QUERY_LABEL_MAX_CHARS),
      ruleId: label(ID_MAX_CHARS).nullable().optional(),
      weekdays: z.array(z.number().int().min(0).max(6)).max(7).nullable().optional(),
      timeZone: timeZone.optional(),
      from: instant.optional(),
      until: instant,
      author: label(IDENTIFIER_MAX_CHARS),
      reason: label(REASON_MAX_CHARS),
    })
    .strict(),
  'alerts.endExemption': z
    .object({ exemptionId: z.number().int().min(1).max(PID_MAX), by: label(IDENTIFIER_MAX_CHARS) })
    .strict(),
  'alerts.suppressed': z
    .object({ connectionId: id, limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).optional() })
    .strict(),
  'alerts.replay': z
    .object({
      connectionId: id,
      nights: z.number().int().min(1).max(ALERT_REPLAY_NIGHTS_MAX),
      rules: z.record(label(ID_MAX_CHARS), alertRuleSettings).nullable().optional(),
      replayId: id.nullable().optional(),
    })
    .strict()
    .refine((a) => Object.keys(a.rules ?? {}).length <= ALERT_RULES_MAX, {
      message: `must name at most ${ALERT_RULES_MAX} rules`,
      path: ['rules'],
    }),
  'alerts.cancelReplay': z.object({ replayId: id }).strict(),
  // Nightly batches (issue #10)
  'batches.settings': onlyConnection,
  'batches.setSettings': z
    .object({
      connectionId: id,
      timeZone,
      nightStart: clock,
      nightEnd: clock,
      sla: clock.nullable(),
    })
    .strict(),
  'batches.night': z.object({ connectionId: id, night: nightDate.optional() }).strict(),
  'batches.statements': z
    .object({ connectionId: id, night: nightDate, label: z.string().min(1).max(QUERY_LABEL_MAX_CHARS) })
    .strict(),
  'batches.drift': z
    .object({
      connectionId: id,
      nights: z.number().int().min(1).max(HISTORY_DAYS_MAX),
      to: nightDate.optional(),
      jobs: z.boolean().optional(),
    })
    .strict(),
  'batches.jobs': onlyConnection,
  'batches.previewJobRules': jobRulesArgs,
  'batches.setJobRules': jobRulesArgs,
  'batches.compare': z
    .object({ connectionId: id, night: nightDate.optional(), other: nightDate.optional() })
    .strict(),
  'batches.jobDrift': z
    .object({
      connectionId: id,
      nights: z.number().int().min(1).max(HISTORY_DAYS_MAX),
      to: nightDate.optional(),
      label: z.string().min(1).max(QUERY_LABEL_MAX_CHARS).optional(),
    })
    .strict(),
  'batches.setJobSla': z
    .object({
      connectionId: id,
      label: z.string().min(1).max(QUERY_LABEL_MAX_CHARS),
      sla: clock.nullable(),
    })
    .strict(),
  'batches.monthStart': z
    .object({
      connectionId: id,
      months: z.number().int().min(1).max(12).optional(),
      to: nightDate.optional(),
    })
    .strict(),
  'batches.marks': z.object({ connectionId: id, night: nightDate }).strict(),
  // Statements hidden from lists by pattern (issue #14)
  'lists.hiddenPatterns': onlyConnection,
  'lists.setHiddenPatterns': z
    .object({
      connectionId: id,
      patterns: z.array(hiddenPattern).max(HIDDEN_PATTERNS_MAX),
    })
    .strict(),
} satisfies { [M in ApiMethod]: z.ZodType<ArgsOf<M>> };

export type ValidationResult<M extends ApiMethod> =
  { ok: true; args: ArgsOf<M> } | { ok: false; message: string };

/** Validates a call's arguments; the message names the offending field. */
export function validateArgs<M extends ApiMethod>(method: M, args: unknown): ValidationResult<M> {
  const parsed = argSchemas[method].safeParse(args ?? {});
  if (parsed.success) return { ok: true, args: parsed.data as ArgsOf<M> };
  // A size is said first: a megabyte that also fails a format should be told it is a megabyte.
  const issue = parsed.error.issues.find((i) => i.code === 'too_big') ?? parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(arguments)';
  return { ok: false, message: `${field}: ${issue ? describeIssue(issue, args) : 'invalid'}` };
}

/** Size limits said with the size given, so a user sees by how much: "400,000 characters; at most 128". */
function describeIssue(issue: z.core.$ZodIssue, args: unknown): string {
  if (issue.code !== 'too_big') return issue.message;
  const value = issue.path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    args,
  );
  const max = Number(issue.maximum).toLocaleString('en-US');
  if (typeof value === 'string')
    return `is ${value.length.toLocaleString('en-US')} characters; at most ${max} are allowed`;
  if (Array.isArray(value))
    return `has ${value.length.toLocaleString('en-US')} items; at most ${max} are allowed`;
  if (typeof value === 'number') return `is ${value.toLocaleString('en-US')}; at most ${max} is allowed`;
  return issue.message;
}
