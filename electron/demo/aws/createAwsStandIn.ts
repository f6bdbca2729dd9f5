// The loopback AWS stand-in of the Redshift double (DESIGN.md §5): one HTTP server on 127.0.0.1 that
// speaks Redshift's awsQuery (form POST, XML, API 2012-12-01) and CloudWatch's JSON 1.0
// (`X-Amz-Target: GraniteServiceVersion20100801.<Op>`), so the app's real @aws-sdk clients work against
// it unchanged. Everything it needs from the rest of the double is injected: how to mint a temporary
// database password, what to do when a WLM change takes effect, and where metrics come from.
//
// Requests must carry a SigV4 `Authorization` header naming a known access key (`Credential=<key>/…`);
// signatures are not verified. A small control API (`/__standin/faults`, `/__standin/state`) sets the
// fault knobs and shows the state from outside the process (e.g. `npm run double`).
// Long because it is the stand-in's whole wire surface (two protocols, every operation) in one
// dispatcher, so what the SDK can call is visible at a glance.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import { listServiceClasses, wlmModeOf } from '../../../shared/wlm/serviceClassOf.ts';
import { AwsError } from './AwsError.ts';
import { handleCloudWatchOperation } from './cloudWatchApi.ts';
import { ENGINE_DEFAULT_WLM_JSON, WLM_PARAMETER } from './engineDefaultParameters.ts';
import { checkFaultSettings, FaultKnobs, type FaultSettings } from './faults.ts';
import { FormParams } from './FormParams.ts';
import type { MetricContext } from './metricCatalog.ts';
import type { MetricSample, MetricSource } from './MetricSource.ts';
import { handleRedshiftAction, type RedshiftApiDeps } from './redshiftApi.ts';
import {
  RedshiftCluster,
  type ClusterIdentity,
  type ParameterApplyStatus,
  type RedshiftEvent,
} from './RedshiftCluster.ts';
import { renderDocument, el } from './xml.ts';

export interface AwsStandInOptions {
  /** createdAt defaults to 90 days before the stand-in starts. No metrics or events exist before it. */
  cluster: Omit<ClusterIdentity, 'createdAt'> & { createdAt?: Date };
  parameterGroupName: string;
  /** The WLM in effect at start (also the parameter group's value). */
  initialWlmJson: string;
  /**
   * Accepted static keys. `iamIdentity` is the database user GetClusterCredentialsWithIAM maps the key
   * to (`IAM:<user>` or `IAMR:<role>`, REFERENCE 4.7); default `IAM:nightshift`.
   */
  credentials: { accessKeyId: string; secretAccessKey: string; iamIdentity?: string }[];
  /**
   * Makes `dbUser` a login that works on the double's PostgreSQL with the returned password until
   * `expiresAt`. `dbUser` is the login name the client will use: `IAM:<name>` / `IAMA:<name>` for
   * GetClusterCredentials (AutoCreate false / true), the mapped identity for …WithIAM.
   */
  issueTemporaryPassword: RedshiftApiDeps['issueTemporaryPassword'];
  /** Called when a WLM change takes effect: at once for dynamic changes, at RebootCluster for static ones. */
  onWlmApplied(json: string): Promise<void>;
  /** Called at RebootCluster before pending changes are applied (e.g. to end sessions). */
  onReboot?(): Promise<void>;
  metrics: MetricSource;
  now?: () => Date;
  /** How long a dynamic change shows `modifying` / `applying` (default 5 s; 0 = not at all). */
  dynamicApplySeconds?: number;
  /** How long RebootCluster shows `rebooting` (default 10 s). */
  rebootSeconds?: number;
  /** Default 0: a free port. */
  port?: number;
  /** Unexpected errors inside handlers (they answer InternalFailure). */
  onError?(error: unknown): void;
}

export interface RequestRecord {
  service: 'redshift' | 'cloudwatch';
  action: string;
  status: number;
  /** The error code when status ≥ 400. */
  code?: string;
}

export interface AwsStandInState {
  readonly clusterStatus: string;
  readonly parameterApplyStatus: ParameterApplyStatus;
  /** The WLM in effect. */
  readonly activeWlmJson: string;
  /** The WLM value held by the parameter group (differs from the active one while a reboot is pending). */
  readonly parameterGroupWlmJson: string;
  readonly events: readonly RedshiftEvent[];
  readonly requests: readonly RequestRecord[];
}

export interface AwsStandIn {
  /** `http://127.0.0.1:<port>`: the endpoint for both SDK clients. */
  endpoint: string;
  port: number;
  faults: FaultKnobs;
  state: AwsStandInState;
  close(): Promise<void>;
}

const REDSHIFT_XMLNS = 'http://redshift.amazonaws.com/doc/2012-12-01/';
const CLOUDWATCH_TARGET = 'GraniteServiceVersion20100801.';
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
const MAX_BODY_BYTES = 1 << 20;

/**
 * `__type` of query-compatible JSON errors, by awsQuery code: CloudWatch's modeled shapes, and the
 * service framework's name for an unknown access key. Other codes are sent as they are.
 */
const CLOUDWATCH_ERROR_TYPES: Record<string, string> = {
  InvalidParameterValue: 'com.amazonaws.cloudwatch#InvalidParameterValueException',
  InvalidNextToken: 'com.amazonaws.cloudwatch#InvalidNextToken',
  MissingParameter: 'com.amazonaws.cloudwatch#MissingRequiredParameterException',
  InternalServiceError: 'com.amazonaws.cloudwatch#InternalServiceFault',
  InvalidClientTokenId: 'com.amazon.coral.service#UnrecognizedClientException',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError('RequestEntityTooLarge', 'The request body is too large.', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function queryError(res: ServerResponse, requestId: string, error: AwsError): void {
  const doc = renderDocument(
    el('ErrorResponse', [
      el('Error', [el('Type', error.type), el('Code', error.code), el('Message', error.message)]),
      el('RequestId', requestId),
    ]),
    REDSHIFT_XMLNS,
  );
  send(res, error.status, 'text/xml', doc, { 'x-amzn-requestid': requestId });
}

function jsonError(res: ServerResponse, requestId: string, error: AwsError): void {
  const body = JSON.stringify({
    __type: CLOUDWATCH_ERROR_TYPES[error.code] ?? error.code,
    message: error.message,
  });
  // Query-compatible services name the awsQuery code in this header; the SDK reads it (REFERENCE 5.3).
  send(res, error.status, JSON_CONTENT_TYPE, body, {
    'x-amzn-requestid': requestId,
    'x-amzn-query-error': `${error.code};${error.type}`,
  });
}

function accessKeyOf(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (typeof auth !== 'string') return null;
  const m = /Credential=([^/,\s]+)\//.exec(auth);
  return m?.[1] ?? null;
}

export async function createAwsStandIn(options: AwsStandInOptions): Promise<AwsStandIn> {
  const now = options.now ?? (() => new Date());
  const createdAt = options.cluster.createdAt ?? new Date(now().getTime() - 90 * 24 * 3600_000);
  const identities = new Map(
    options.credentials.map((c) => [c.accessKeyId, c.iamIdentity ?? 'IAM:nightshift']),
  );
  const faults = new FaultKnobs();
  const requests: RequestRecord[] = [];
  const cluster = new RedshiftCluster(
    { ...options.cluster, createdAt },
    options.parameterGroupName,
    options.initialWlmJson,
    { onWlmApplied: options.onWlmApplied, ...(options.onReboot ? { onReboot: options.onReboot } : {}) },
    now,
    { dynamicApplySeconds: options.dynamicApplySeconds ?? 5, rebootSeconds: options.rebootSeconds ?? 10 },
  );

  const metricContext = (): MetricContext => {
    const parsed = parseWlmConfiguration(cluster.activeWlmJson);
    const config = parsed.ok ? parsed.config : { queues: [], shortQueryQueue: null };
    return {
      clusterIdentifier: options.cluster.identifier,
      numberOfNodes: options.cluster.numberOfNodes,
      wlmMode: wlmModeOf(config),
      serviceClasses: listServiceClasses(config).map((s) => ({
        serviceClass: s.serviceClass,
        name: s.name,
        isSqa: s.queueIndex === null,
      })),
    };
  };

  const stateSamples = (
    metricName: string,
    startMs: number,
    endMs: number,
    resolutionSeconds: number,
  ): MetricSample[] => {
    const step = resolutionSeconds * 1000;
    const out: MetricSample[] = [];
    for (let t = startMs; t < endMs; t += step) {
      let value = 0;
      if (metricName === 'HealthStatus') value = cluster.wasRebooting(t, t + step) ? 0 : 1;
      else if (metricName === 'MaxConfiguredConcurrencyScalingClusters') {
        value = Number(cluster.appliedValue('max_concurrency_scaling_clusters') ?? '1');
      }
      // MaintenanceMode and ConcurrencyScalingActiveClusters: always 0 on the demo cluster.
      out.push({ timestamp: new Date(t), value });
    }
    return out;
  };

  const record = (entry: RequestRecord): void => {
    requests.push(entry);
    if (requests.length > 10_000) requests.splice(0, requests.length - 10_000);
  };

  async function handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: string,
  ): Promise<void> {
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
      send(
        res,
        403,
        'application/json',
        JSON.stringify({ error: 'control API answers loopback hosts only' }),
      );
      return;
    }
    if (path === '/__standin/faults') {
      if (req.method === 'GET') {
        send(res, 200, 'application/json', JSON.stringify(faults.get()));
      } else if (req.method === 'POST') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          send(res, 400, 'application/json', JSON.stringify({ error: 'body must be JSON' }));
          return;
        }
        const problem = checkFaultSettings(parsed);
        if (problem !== null) {
          send(res, 400, 'application/json', JSON.stringify({ error: problem }));
          return;
        }
        send(res, 200, 'application/json', JSON.stringify(faults.set(parsed as Partial<FaultSettings>)));
      } else if (req.method === 'DELETE') {
        send(res, 200, 'application/json', JSON.stringify(faults.reset()));
      } else {
        send(res, 405, 'application/json', JSON.stringify({ error: 'use GET, POST or DELETE' }));
      }
      return;
    }
    if (path === '/__standin/state' && req.method === 'GET') {
      const s = cluster.status();
      send(
        res,
        200,
        'application/json',
        JSON.stringify({
          clusterStatus: s.clusterStatus,
          parameterApplyStatus: s.parameterApplyStatus,
          activeWlmJson: cluster.activeWlmJson,
          faults: faults.get(),
          requestCount: requests.length,
        }),
      );
      return;
    }
    send(res, 404, 'application/json', JSON.stringify({ error: `no control endpoint ${path}` }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    if (url.pathname.startsWith('/__standin/')) {
      await handleControl(req, res, url.pathname, body);
      return;
    }

    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith(CLOUDWATCH_TARGET)) {
      const operation = target.slice(CLOUDWATCH_TARGET.length);
      await handleCloudWatch(req, res, requestId, operation, body);
      return;
    }
    if (url.pathname.startsWith('/service/GraniteServiceVersion20100801/operation/')) {
      // smithy-rpc-v2-cbor (REFERENCE 5.3): not spoken here; the app pins JSON 1.0.
      jsonError(
        res,
        requestId,
        new AwsError(
          'UnsupportedProtocol',
          'The local stand-in speaks CloudWatch JSON 1.0 only, not rpc-v2-cbor.',
          400,
        ),
      );
      return;
    }
    const form = new URLSearchParams(req.method === 'GET' ? url.search : body);
    const action = form.get('Action') ?? '';
    const version = form.get('Version');
    if (version === '2010-08-01') {
      queryError(
        res,
        requestId,
        new AwsError(
          'InvalidAction',
          'The local stand-in speaks CloudWatch JSON 1.0 only; pin the client to AwsJson1_0Protocol.',
          400,
        ),
      );
      return;
    }
    await handleRedshift(req, res, requestId, action, version, form);
  }

  async function gate(
    req: IncomingMessage,
    service: 'redshift' | 'cloudwatch',
  ): Promise<{ accessKeyId: string } | AwsError> {
    const latency = faults.latencyFor(service);
    if (latency > 0) await sleep(latency);
    const key = accessKeyOf(req);
    if (key === null) {
      return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    }
    if (!identities.has(key)) {
      // awsQuery: InvalidClientTokenId; JSON: __type UnrecognizedClientException + the query code header.
      return new AwsError(
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      );
    }
    const decision = faults.next(service);
    if (decision.kind === 'throttle') return new AwsError('Throttling', 'Rate exceeded', 400);
    if (decision.kind === 'serverError') {
      return new AwsError(
        decision.code,
        decision.code === 'ServiceUnavailable'
          ? 'Service is unavailable, try again later.'
          : 'An internal error occurred.',
        decision.status,
      );
    }
    return { accessKeyId: key };
  }

  async function handleRedshift(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    action: string,
    version: string | null,
    form: URLSearchParams,
  ): Promise<void> {
    const fail = (error: AwsError): void => {
      record({ service: 'redshift', action, status: error.status, code: error.code });
      queryError(res, requestId, error);
    };
    const gated = await gate(req, 'redshift');
    if (gated instanceof AwsError) return fail(gated);
    if (version !== '2012-12-01') {
      return fail(
        new AwsError('InvalidParameterValue', `Version must be 2012-12-01 (got ${version ?? 'none'}).`, 400),
      );
    }
    try {
      const result = await handleRedshiftAction(
        { action, form: new FormParams(form), accessKeyId: gated.accessKeyId },
        {
          cluster,
          now,
          issueTemporaryPassword: options.issueTemporaryPassword,
          iamIdentityOf: (key) => identities.get(key) ?? 'IAM:nightshift',
        },
      );
      const doc = renderDocument(
        el(`${action}Response`, [
          el(`${action}Result`, result),
          el('ResponseMetadata', [el('RequestId', requestId)]),
        ]),
        REDSHIFT_XMLNS,
      );
      record({ service: 'redshift', action, status: 200 });
      send(res, 200, 'text/xml', doc, { 'x-amzn-requestid': requestId });
    } catch (error) {
      if (error instanceof AwsError) return fail(error);
      options.onError?.(error);
      fail(new AwsError('InternalFailure', 'An internal error occurred.', 500));
    }
  }

  async function handleCloudWatch(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    operation: string,
    body: string,
  ): Promise<void> {
    const fail = (error: AwsError): void => {
      record({ service: 'cloudwatch', action: operation, status: error.status, code: error.code });
      jsonError(res, requestId, error);
    };
    const gated = await gate(req, 'cloudwatch');
    if (gated instanceof AwsError) return fail(gated);
    let parsed: unknown;
    try {
      parsed = body === '' ? {} : JSON.parse(body);
    } catch {
      return fail(new AwsError('SerializationException', 'The request body is not valid JSON.', 400));
    }
    try {
      const result = await handleCloudWatchOperation(operation, parsed, {
        context: metricContext,
        source: options.metrics,
        stateSamples,
        now,
        createdAt,
        partialData: () => faults.partialDataFor('cloudwatch'),
      });
      record({ service: 'cloudwatch', action: operation, status: 200 });
      send(res, 200, JSON_CONTENT_TYPE, JSON.stringify(result), { 'x-amzn-requestid': requestId });
    } catch (error) {
      if (error instanceof AwsError) return fail(error);
      options.onError?.(error);
      fail(new AwsError('InternalFailure', 'An internal error occurred.', 500));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      const status = error instanceof AwsError ? error.status : 500;
      send(res, status, 'text/plain', 'internal error');
    });
  });
  // A client that gives up (timeout) closes its socket while we are still answering: not our problem.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const state: AwsStandInState = {
    get clusterStatus() {
      return cluster.status().clusterStatus;
    },
    get parameterApplyStatus() {
      return cluster.status().parameterApplyStatus;
    },
    get activeWlmJson() {
      return cluster.activeWlmJson;
    },
    get parameterGroupWlmJson() {
      const group = cluster.getGroup(options.parameterGroupName);
      return group.userValues.get(WLM_PARAMETER) ?? ENGINE_DEFAULT_WLM_JSON;
    },
    get events() {
      return cluster.events();
    },
    get requests() {
      return [...requests];
    },
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    faults,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
