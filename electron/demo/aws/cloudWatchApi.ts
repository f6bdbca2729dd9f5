// CloudWatch GetMetricData and ListMetrics over JSON 1.0 (REFERENCE 5.2, 5.3): request checks, Period
// buckets and statistics, retention, ScanBy, MaxDatapoints / NextToken paging with StatusCode
// PartialData. Raw datapoints come from the MetricSource (or the cluster state for HealthStatus & co).
import { AwsError, invalidParameter } from './AwsError.ts';
import { METRICS, NAMESPACE, resolveSeries, seriesOf, type MetricContext } from './metricCatalog.ts';
import type { MetricSample, MetricSource } from './MetricSource.ts';
import { decodePageToken, encodePageToken, fingerprint } from './pageToken.ts';
import { aggregate, isValidPeriod, parseStatistic, roundStartTime, type Datapoint } from './statistics.ts';

export interface CloudWatchDeps {
  context(): MetricContext;
  source: MetricSource;
  /** Samples of metrics with origin `state` (HealthStatus, MaintenanceMode, …). */
  stateSamples(metricName: string, startMs: number, endMs: number, resolutionSeconds: number): MetricSample[];
  now(): Date;
  /** No datapoints before the cluster existed. */
  createdAt: Date;
  partialData(): boolean;
}

const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const LIST_PAGE_SIZE = 500;
const ID_PATTERN = /^[a-z][A-Za-z0-9_]{0,254}$/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '')
    throw invalidParameter(`${where}.${key} must be a non-empty string.`);
  return v;
}

/** Timestamps arrive as epoch seconds in JSON 1.0 (fractions allowed). */
function epochMs(o: Obj, key: string): number {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 1000);
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  throw invalidParameter(`The parameter ${key} is required and must be a timestamp.`);
}

function dimensionsOf(raw: unknown, where: string): Record<string, string> {
  if (raw === undefined) return {};
  if (!Array.isArray(raw)) throw invalidParameter(`${where}.Dimensions must be a list.`);
  if (raw.length > 30) throw invalidParameter(`${where}.Dimensions can have at most 30 members.`);
  const out: Record<string, string> = {};
  raw.forEach((d: unknown, i) => {
    if (!isObj(d)) throw invalidParameter(`${where}.Dimensions.${i + 1} must be an object.`);
    out[str(d, 'Name', `${where}.Dimensions.${i + 1}`)] = str(d, 'Value', `${where}.Dimensions.${i + 1}`);
  });
  return out;
}

interface MetricQuerySpec {
  id: string;
  label: string;
  returnData: boolean;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  period: number;
  stat: string;
  unit?: string;
}

function readQueries(body: Obj): MetricQuerySpec[] {
  const raw = body.MetricDataQueries;
  if (!Array.isArray(raw) || raw.length === 0)
    throw invalidParameter('The parameter MetricDataQueries is required.');
  if (raw.length > MAX_QUERIES) {
    throw invalidParameter(
      `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`,
    );
  }
  const ids = new Set<string>();
  return raw.map((q: unknown, i): MetricQuerySpec => {
    const where = `MetricDataQueries.member.${i + 1}`;
    if (!isObj(q)) throw invalidParameter(`${where} must be an object.`);
    const id = str(q, 'Id', where);
    if (!ID_PATTERN.test(id)) {
      throw invalidParameter(
        `${where}.Id "${id}" must start with a lowercase letter and hold only letters, digits and underscores.`,
      );
    }
    if (ids.has(id)) throw invalidParameter(`The Id "${id}" is used more than once.`);
    ids.add(id);
    if (q.Expression !== undefined) {
      if (q.MetricStat !== undefined)
        throw invalidParameter(`${where} must have either MetricStat or Expression, not both.`);
      throw invalidParameter(`${where}: metric math expressions are not supported by the local stand-in.`);
    }
    const ms = q.MetricStat;
    if (!isObj(ms)) throw invalidParameter(`${where} must have a MetricStat.`);
    const metric = ms.Metric;
    if (!isObj(metric)) throw invalidParameter(`${where}.MetricStat.Metric is required.`);
    const period = ms.Period;
    if (typeof period !== 'number' || !isValidPeriod(period)) {
      throw invalidParameter(
        `${where}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds.`,
      );
    }
    const stat = str(ms, 'Stat', `${where}.MetricStat`);
    if (parseStatistic(stat) === null)
      throw invalidParameter(`${where}.MetricStat.Stat "${stat}" is not a valid statistic.`);
    const metricName = str(metric, 'MetricName', `${where}.MetricStat.Metric`);
    const spec: MetricQuerySpec = {
      id,
      label: typeof q.Label === 'string' ? q.Label : metricName,
      returnData: q.ReturnData !== false,
      namespace: str(metric, 'Namespace', `${where}.MetricStat.Metric`),
      metricName,
      dimensions: dimensionsOf(metric.Dimensions, `${where}.MetricStat.Metric`),
      period,
      stat,
    };
    if (typeof ms.Unit === 'string') spec.unit = ms.Unit;
    return spec;
  });
}

type QueryResult = { points: Datapoint[]; error?: string };

async function computeQuery(
  q: MetricQuerySpec,
  startMs: number,
  endMs: number,
  asOfMs: number,
  deps: CloudWatchDeps,
): Promise<QueryResult> {
  const resolved = resolveSeries(q.namespace, q.metricName, q.dimensions, deps.context());
  if (resolved === null) return { points: [] };
  const { spec } = resolved;
  if (q.unit !== undefined && q.unit !== spec.unit) return { points: [] };
  const statistic = parseStatistic(q.stat);
  if (statistic === null) return { points: [] };
  const res = spec.resolution * 1000;
  const bucketStart = roundStartTime(startMs, asOfMs);
  // A sample stamped t covers [t, t + resolution): only complete windows before "now" exist.
  const from = Math.ceil(Math.max(bucketStart, deps.createdAt.getTime()) / res) * res;
  const to = Math.min(Math.ceil(endMs / res) * res, Math.floor(asOfMs / res) * res);
  if (from >= to) return { points: [] };
  try {
    const samples =
      spec.origin === 'state'
        ? deps.stateSamples(spec.name, from, to, spec.resolution)
        : await deps.source({
            metricName: spec.name,
            dimensions: q.dimensions,
            ...(resolved.serviceClass === undefined ? {} : { serviceClass: resolved.serviceClass }),
            start: new Date(from),
            end: new Date(to),
            resolutionSeconds: spec.resolution,
          });
    return { points: aggregate(samples, bucketStart, endMs, q.period, statistic, asOfMs) };
  } catch (error) {
    return { points: [], error: error instanceof Error ? error.message : String(error) };
  }
}

const isAsOf = (x: unknown): x is { asOf: number } => isObj(x) && typeof x.asOf === 'number';

async function getMetricData(body: Obj, deps: CloudWatchDeps): Promise<Obj> {
  const queries = readQueries(body);
  const startMs = epochMs(body, 'StartTime');
  const endMs = epochMs(body, 'EndTime');
  if (!(startMs < endMs))
    throw invalidParameter('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = body.ScanBy ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalidParameter('ScanBy must be TimestampDescending or TimestampAscending.');
  }
  const maxRaw = body.MaxDatapoints;
  if (maxRaw !== undefined && (typeof maxRaw !== 'number' || !Number.isInteger(maxRaw) || maxRaw < 1)) {
    throw invalidParameter('MaxDatapoints must be a positive whole number.');
  }
  const maxDatapoints = typeof maxRaw === 'number' ? maxRaw : DEFAULT_MAX_DATAPOINTS;
  const key = fingerprint({ q: body.MetricDataQueries, s: body.StartTime, e: body.EndTime, b: scanBy });

  let offset = 0;
  let asOfMs = deps.now().getTime();
  if (typeof body.NextToken === 'string') {
    const token = decodePageToken(body.NextToken, key, isAsOf);
    if (token === null)
      throw new AwsError('InvalidNextToken', 'The service found that the NextToken is not valid.', 400);
    offset = token.offset;
    asOfMs = token.extra.asOf;
  } else if (body.NextToken !== undefined) {
    throw new AwsError('InvalidNextToken', 'The service found that the NextToken is not valid.', 400);
  }

  const wanted = queries.filter((q) => q.returnData);
  const results = await Promise.all(wanted.map((q) => computeQuery(q, startMs, endMs, asOfMs, deps)));
  for (const r of results) {
    if (scanBy === 'TimestampDescending') r.points.reverse();
  }
  const total = results.reduce((n, r) => n + r.points.length, 0);
  const remaining = Math.max(0, total - offset);
  const capacity = deps.partialData()
    ? Math.min(maxDatapoints, Math.max(1, Math.ceil(remaining / 2)))
    : maxDatapoints;
  const pageEnd = Math.min(total, offset + capacity);

  let base = 0;
  const metricDataResults = wanted.map((q, i) => {
    const r = results[i] ?? { points: [] };
    const from = Math.max(0, offset - base);
    const to = Math.max(0, Math.min(r.points.length, pageEnd - base));
    const slice = from < to ? r.points.slice(from, to) : [];
    const more = base + r.points.length > pageEnd;
    base += r.points.length;
    return {
      Id: q.id,
      Label: q.label,
      Timestamps: slice.map((p) => p.timestampMs / 1000),
      Values: slice.map((p) => p.value),
      StatusCode: r.error !== undefined ? 'InternalError' : more ? 'PartialData' : 'Complete',
      Messages: r.error !== undefined ? [{ Code: 'InternalError', Value: r.error }] : [],
    };
  });
  const out: Obj = { MetricDataResults: metricDataResults, Messages: [] };
  if (pageEnd < total)
    out.NextToken = encodePageToken({ offset: pageEnd, fingerprint: key, extra: { asOf: asOfMs } });
  return out;
}

function listMetrics(body: Obj, deps: CloudWatchDeps): Obj {
  const namespace = body.Namespace;
  const metricName = body.MetricName;
  const filters: { name: string; value?: string }[] = [];
  if (body.Dimensions !== undefined) {
    if (!Array.isArray(body.Dimensions)) throw invalidParameter('Dimensions must be a list.');
    body.Dimensions.forEach((d: unknown, i) => {
      if (!isObj(d)) throw invalidParameter(`Dimensions.member.${i + 1} must be an object.`);
      const name = str(d, 'Name', `Dimensions.member.${i + 1}`);
      filters.push(typeof d.Value === 'string' ? { name, value: d.Value } : { name });
    });
  }
  const ctx = deps.context();
  const all =
    namespace !== undefined && namespace !== NAMESPACE
      ? []
      : METRICS.filter((m) => metricName === undefined || m.name === metricName).flatMap((m) =>
          seriesOf(m, ctx)
            .filter((dims) =>
              filters.every(
                (f) => dims[f.name] !== undefined && (f.value === undefined || dims[f.name] === f.value),
              ),
            )
            .map((dims) => ({
              Namespace: NAMESPACE,
              MetricName: m.name,
              Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
            })),
        );
  const key = fingerprint({ namespace, metricName, filters });
  let offset = 0;
  if (body.NextToken !== undefined) {
    const token =
      typeof body.NextToken === 'string'
        ? decodePageToken(body.NextToken, key, (x): x is null => x === null)
        : null;
    if (token === null)
      throw new AwsError('InvalidNextToken', 'The service found that the NextToken is not valid.', 400);
    offset = token.offset;
  }
  const out: Obj = { Metrics: all.slice(offset, offset + LIST_PAGE_SIZE) };
  if (offset + LIST_PAGE_SIZE < all.length) {
    out.NextToken = encodePageToken({ offset: offset + LIST_PAGE_SIZE, fingerprint: key, extra: null });
  }
  return out;
}

export async function handleCloudWatchOperation(
  operation: string,
  body: unknown,
  deps: CloudWatchDeps,
): Promise<Obj> {
  if (!isObj(body))
    throw new AwsError('SerializationException', 'The request body must be a JSON object.', 400);
  switch (operation) {
    case 'GetMetricData':
      return getMetricData(body, deps);
    case 'ListMetrics':
      return listMetrics(body, deps);
    default:
      throw new AwsError(
        'InvalidAction',
        `The operation ${operation} is not implemented by the local stand-in (GetMetricData and ListMetrics are).`,
        400,
      );
  }
}
