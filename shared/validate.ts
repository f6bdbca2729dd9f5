// Argument schemas per method (zod). The core's dispatcher validates every call with these before a
// handler runs, so handlers can trust their input; the renderer may reuse them for form validation.
import { z } from 'zod';
import type { ApiMethod, ArgsOf } from './api.ts';

const noArgs = z.object({}).strict();
const id = z.string().min(1).max(100);

// Printable text without control characters: names and identifiers end up in logs and the UI.
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

const hostName = label(253).refine((s) => !/\s|\//.test(s), 'must be a host name or IP address');

const demoTarget = z.object({ kind: z.literal('demo') }).strict();

const directTarget = z
  .object({
    kind: z.literal('direct'),
    host: hostName,
    port: z.number().int().min(1).max(65535),
    database: label(127),
    user: label(128),
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
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
    clusterIdentifier: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a cluster identifier: lowercase letters, digits, hyphens'),
    database: label(127),
    dbUser,
    awsProfile: label(128).optional(),
    awsEndpoint: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('custom Redshift API endpoint (VPC endpoint or local stand-in)'),
  })
  .strict();

const newConnection = z
  .object({
    name: label(80),
    target: z.discriminatedUnion('kind', [demoTarget, directTarget, clusterTarget]),
    password: z.string().min(1).max(1024).optional(),
  })
  .strict()
  .refine((c) => c.password === undefined || c.target.kind === 'direct', {
    message: 'only direct connections take a password',
    path: ['password'],
  });

// ISO-8601 instants; ranges must be ordered. Large ranges are fine (history is kept for 400 days).
const instant = z.iso.datetime({ offset: true });
const range = { from: instant, to: instant };
const ordered = <T extends { from: string; to: string }>(r: T) => Date.parse(r.from) <= Date.parse(r.to);
const orderedMessage = { message: 'must not be after "to"', path: ['from'] };
const page = {
  limit: z.number().int().min(1).max(1000).optional(),
  offset: z.number().int().min(0).optional(),
};

const queryFilter = {
  connectionId: id,
  ...range,
  user: z.string().max(128).optional(),
  label: z.string().max(320).optional(),
  serviceClass: z.number().int().min(0).max(1000).optional(),
  minDurationMs: z.number().min(0).optional(),
  aborted: z.boolean().optional(),
  text: z.string().max(1000).optional(),
};

const queryHistoryArgs = z
  .object({
    ...queryFilter,
    sort: z
      .object({ by: z.enum(['startTime', 'elapsedMs', 'queueMs', 'execMs']), dir: z.enum(['asc', 'desc']) })
      .strict()
      .optional(),
    ...page,
  })
  .strict()
  .refine(ordered, orderedMessage);

const fingerprintArgs = z
  .object({
    ...queryFilter,
    k: z.number().min(1).max(1000).optional(),
    sort: z.enum(['newlySlow', 'totalMs', 'count', 'p95Ms', 'maxMs']).optional(),
    ...page,
  })
  .strict()
  .refine(ordered, orderedMessage);

const fingerprint = z.string().min(1).max(128);
const maxPoints = z.number().int().min(1).max(10_000);
const onlyConnection = z.object({ connectionId: id }).strict();

// Governance: a reason is required and is printed in the audit view, so it is printable text.
const reason = label(500);
const idempotencyKey = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\w:.@-]+$/, 'must be letters, digits and : . @ - _ only');
const pid = z.number().int().min(1).max(2_147_483_647);
const statementTarget = z
  .object({
    pid,
    query: z.number().int(),
    userName: label(128),
    startTime: instant.optional(),
    xid: z.number().int().optional(),
  })
  .strict();
const sessionTarget = z
  .object({
    pid,
    userName: label(128),
    sessionStart: instant.optional(),
    query: z.number().int().optional(),
  })
  .strict();
// REFERENCE 3.3: the parameter value is at most 8,000 characters; a little slack lets validation say so.
const wlmJson = z.string().min(1).max(16_000);
const version = z.string().min(1).max(128);

const auditListArgs = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    action: z.string().max(100).optional(),
    outcome: z.enum(['ok', 'refused', 'failed']).optional(),
    connectionId: id.optional(),
    text: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).optional(),
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
    .object({ connectionId: id, ...range, serviceClass: z.number().int().min(0).max(1000).optional() })
    .strict()
    .refine(ordered, orderedMessage),
  'loads.errors': z
    .object({
      connectionId: id,
      ...range,
      tableName: z.string().max(256).optional(),
      errCode: z.number().int().optional(),
      ...page,
    })
    .strict()
    .refine(ordered, orderedMessage),
  'metrics.series': z
    .object({
      connectionId: id,
      metric: z.string().regex(/^[A-Za-z0-9]{1,255}$/, 'must be a CloudWatch metric name'),
      // CloudWatch: at most 30 dimensions, names 1-255 and values 1-1024 characters.
      dimensions: z
        .record(z.string().min(1).max(255), z.string().min(1).max(1024))
        .refine((d) => Object.keys(d).length <= 30, 'must have at most 30 dimensions'),
      ...range,
      maxPoints: z.number().int().min(1).max(10_000),
    })
    .strict()
    .refine(ordered, orderedMessage),
  'overview.get': onlyConnection,
  'live.get': onlyConnection,
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
    .object({ connectionId: id, json: wlmJson, days: z.number().int().min(1).max(400).optional() })
    .strict(),
  'wlm.apply': z
    .object({ connectionId: id, json: wlmJson, baseVersion: version, reason, idempotencyKey })
    .strict(),
  'wlm.status': onlyConnection,
  'audit.list': auditListArgs,
  'audit.csv': auditListArgs,
  'audit.verify': noArgs,
} satisfies { [M in ApiMethod]: z.ZodType<ArgsOf<M>> };

export type ValidationResult<M extends ApiMethod> =
  { ok: true; args: ArgsOf<M> } | { ok: false; message: string };

/** Validates a call's arguments; the message names the offending field. */
export function validateArgs<M extends ApiMethod>(method: M, args: unknown): ValidationResult<M> {
  const parsed = argSchemas[method].safeParse(args ?? {});
  if (parsed.success) return { ok: true, args: parsed.data as ArgsOf<M> };
  const issue = parsed.error.issues[0];
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
