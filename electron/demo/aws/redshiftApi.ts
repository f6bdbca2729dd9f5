// The Redshift management operations the app uses, spoken as awsQuery (REFERENCE 4): each handler reads
// form parameters and returns the children of `<ActionResult>`. List member element names follow
// REFERENCE 4.1 exactly (the SDK finds list items by them).
import { AwsError, invalidParameter } from './AwsError.ts';
import { ENGINE_DEFAULT_PARAMETERS } from './engineDefaultParameters.ts';
import type { FormParams } from './FormParams.ts';
import { decodePageToken, encodePageToken, fingerprint } from './pageToken.ts';
import {
  PARAMETER_GROUP_UPDATED_STATUS,
  type RedshiftCluster,
  type RedshiftEvent,
} from './RedshiftCluster.ts';
import { el, list, type XmlElement } from './xml.ts';

export interface RedshiftApiDeps {
  cluster: RedshiftCluster;
  now(): Date;
  issueTemporaryPassword(
    dbUser: string,
    autoCreate: boolean,
    dbGroups: string[],
    expiresAt: Date,
  ): Promise<string>;
  /** The IAM identity behind the request's access key, for GetClusterCredentialsWithIAM. */
  iamIdentityOf(accessKeyId: string): string;
}

export interface RedshiftRequest {
  action: string;
  form: FormParams;
  accessKeyId: string;
}

const MINUTE = 60_000;
const EVENT_WINDOW_MS = 14 * 24 * 60 * MINUTE;

function maxRecords(form: FormParams): number {
  const n = form.integer('MaxRecords');
  if (n === undefined) return 100;
  if (n < 20 || n > 100) throw invalidParameter(`MaxRecords must be between 20 and 100 (got ${n}).`);
  return n;
}

/** One page of `items` after the request's Marker; the next Marker when more remain. */
function page<T, X>(
  items: readonly T[],
  form: FormParams,
  extra: X,
  isExtra: (x: unknown) => x is X,
): { items: T[]; marker?: string; extra: X } {
  const size = maxRecords(form);
  const key = fingerprint(form.identity());
  const raw = form.string('Marker');
  let offset = 0;
  let kept = extra;
  if (raw !== undefined && raw !== '') {
    const token = decodePageToken(raw, key, isExtra);
    if (token === null) throw invalidParameter('The marker is not valid for this request.');
    offset = token.offset;
    kept = token.extra;
  }
  const slice = items.slice(offset, offset + size);
  const next =
    offset + size < items.length
      ? encodePageToken({ offset: offset + size, fingerprint: key, extra: kept })
      : undefined;
  return next === undefined ? { items: slice, extra: kept } : { items: slice, marker: next, extra: kept };
}

const noExtra = (x: unknown): x is null => x === null;

function clusterXml(deps: RedshiftApiDeps): XmlElement[] {
  const { cluster } = deps;
  const id = cluster.identity;
  const status = cluster.status();
  const nodes =
    id.numberOfNodes <= 1
      ? [{ role: 'SHARED', ip: '10.0.0.10' }]
      : [
          { role: 'LEADER', ip: '10.0.0.10' },
          ...Array.from({ length: id.numberOfNodes }, (_, i) => ({
            role: `COMPUTE-${i}`,
            ip: `10.0.0.${11 + i}`,
          })),
        ];
  return [
    el('ClusterIdentifier', id.identifier),
    el('NodeType', id.nodeType),
    el('ClusterStatus', status.clusterStatus),
    el('ClusterAvailabilityStatus', status.availability),
    el('MasterUsername', id.masterUsername),
    el('DBName', id.dbName),
    el('Endpoint', [el('Address', id.endpoint.address), el('Port', id.endpoint.port)]),
    el('ClusterCreateTime', id.createdAt),
    el('AutomatedSnapshotRetentionPeriod', 1),
    el('ManualSnapshotRetentionPeriod', -1),
    el('ClusterSecurityGroups', []),
    list('VpcSecurityGroups', 'VpcSecurityGroup', ['sg-0nightshift'], (sg) => [
      el('VpcSecurityGroupId', sg),
      el('Status', 'active'),
    ]),
    list('ClusterParameterGroups', 'ClusterParameterGroup', [cluster.parameterGroupName], (name) => [
      el('ParameterGroupName', name),
      el('ParameterApplyStatus', status.parameterApplyStatus),
      list('ClusterParameterStatusList', 'member', status.parameters, (p) => [
        el('ParameterName', p.name),
        el('ParameterApplyStatus', p.status),
        el('ParameterApplyErrorDescription', p.error),
      ]),
    ]),
    el('ClusterSubnetGroupName', 'default'),
    el('VpcId', 'vpc-0nightshift'),
    el('AvailabilityZone', `${id.region}a`),
    el('PreferredMaintenanceWindow', 'sun:23:15-sun:23:45'),
    el('PendingModifiedValues', []),
    el('ClusterVersion', '1.0'),
    el('AllowVersionUpgrade', true),
    el('NumberOfNodes', id.numberOfNodes),
    el('PubliclyAccessible', false),
    el('Encrypted', true),
    list('ClusterNodes', 'member', nodes, (n) => [
      el('NodeRole', n.role),
      el('PrivateIPAddress', n.ip),
      el('PublicIPAddress', n.ip),
    ]),
    el('ClusterRevisionNumber', '11978'),
    el('Tags', []),
    el('EnhancedVpcRouting', false),
    el('IamRoles', []),
    el('PendingActions', []),
    el('MaintenanceTrackName', 'current'),
    el('NextMaintenanceWindowStartTime', nextSunday2315(deps.now())),
    el('MultiAZ', 'Disabled'),
  ];
}

function nextSunday2315(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 15));
  while (d.getUTCDay() !== 0 || d.getTime() <= now.getTime()) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function eventXml(e: RedshiftEvent): XmlElement[] {
  return [
    el('SourceIdentifier', e.sourceIdentifier),
    el('SourceType', e.sourceType),
    el('Message', e.message),
    list('EventCategories', 'EventCategory', e.categories, (c) => c),
    el('Severity', e.severity),
    el('Date', e.date),
    el('EventId', e.eventId),
  ];
}

function checkCluster(deps: RedshiftApiDeps, identifier: string | undefined): void {
  if (identifier !== undefined && identifier !== deps.cluster.identity.identifier) {
    throw new AwsError('ClusterNotFound', `Cluster ${identifier} not found.`, 404);
  }
}

/** What both GetClusterCredentials actions check first; returns the lifetime asked for, in seconds. */
function credentialsRequest(deps: RedshiftApiDeps, form: FormParams): number {
  if (form.string('CustomDomainName') !== undefined) {
    throw new AwsError(
      'UnsupportedOperation',
      'Custom domain names are not supported by the local stand-in.',
      400,
    );
  }
  checkCluster(deps, form.required('ClusterIdentifier'));
  return durationSeconds(form);
}

function durationSeconds(form: FormParams): number {
  const d = form.integer('DurationSeconds') ?? 900;
  if (d < 900 || d > 3600) throw invalidParameter(`DurationSeconds must be between 900 and 3600 (got ${d}).`);
  return d;
}

/** DbUser rules of REFERENCE 4.6: 1–64 characters, starts with a letter, no `:` or `/`, not PUBLIC. */
function checkDbUser(dbUser: string): void {
  if (!/^[A-Za-z][^:/]{0,63}$/.test(dbUser) || dbUser.toUpperCase() === 'PUBLIC') {
    throw invalidParameter(
      `DbUser "${dbUser}" is not valid: 1 to 64 characters, starting with a letter, without ":" or "/", and not PUBLIC.`,
    );
  }
}

async function credentialsFor(
  deps: RedshiftApiDeps,
  dbUser: string,
  autoCreate: boolean,
  dbGroups: string[],
  seconds: number,
): Promise<{ dbUser: string; password: string; expiresAt: Date }> {
  const expiresAt = new Date(deps.now().getTime() + seconds * 1000);
  try {
    const password = await deps.issueTemporaryPassword(dbUser, autoCreate, dbGroups, expiresAt);
    return { dbUser, password, expiresAt };
  } catch (error) {
    if (error instanceof AwsError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AwsError('InternalFailure', `Could not issue temporary credentials: ${detail}`, 500);
  }
}

export async function handleRedshiftAction(
  req: RedshiftRequest,
  deps: RedshiftApiDeps,
): Promise<XmlElement[]> {
  const { form } = req;
  const { cluster } = deps;
  switch (req.action) {
    case 'DescribeClusters': {
      const id = form.string('ClusterIdentifier');
      checkCluster(deps, id);
      // The cluster has no tags: filtering by tag keys/values matches nothing.
      const tagged = form.list('TagKeys.TagKey').length > 0 || form.list('TagValues.TagValue').length > 0;
      const p = page(tagged ? [] : [cluster], form, null, noExtra);
      return [list('Clusters', 'Cluster', p.items, () => clusterXml(deps)), el('Marker', p.marker)];
    }

    case 'DescribeClusterParameterGroups': {
      const name = form.string('ParameterGroupName');
      const groups = name === undefined ? [...cluster.groups.values()] : [cluster.getGroup(name)];
      const tagged = form.list('TagKeys.TagKey').length > 0 || form.list('TagValues.TagValue').length > 0;
      const p = page(tagged ? [] : groups, form, null, noExtra);
      return [
        list('ParameterGroups', 'ClusterParameterGroup', p.items, (g) => [
          el('ParameterGroupName', g.name),
          el('ParameterGroupFamily', g.family),
          el('Description', g.description),
          el('Tags', []),
        ]),
        el('Marker', p.marker),
      ];
    }

    case 'DescribeClusterParameters': {
      const group = cluster.getGroup(form.required('ParameterGroupName'));
      const source = form.string('Source');
      if (source !== undefined && source !== 'user' && source !== 'engine-default') {
        throw invalidParameter(`Source must be user or engine-default (got "${source}").`);
      }
      const params = ENGINE_DEFAULT_PARAMETERS.map((def) => ({
        def,
        ...cluster.parameterValue(group, def),
      })).filter((p) => source === undefined || p.source === source);
      const p = page(params, form, null, noExtra);
      return [
        list('Parameters', 'Parameter', p.items, ({ def, value, source: src }) => [
          el('ParameterName', def.name),
          el('ParameterValue', value),
          el('Description', def.description),
          el('Source', src),
          el('DataType', def.dataType),
          el('AllowedValues', def.allowedValues),
          el('ApplyType', def.applyType),
          el('IsModifiable', true),
          el('MinimumEngineVersion', '1.0'),
        ]),
        el('Marker', p.marker),
      ];
    }

    case 'ModifyClusterParameterGroup': {
      const name = form.required('ParameterGroupName');
      const changes = form.structList('Parameters.Parameter').map((p, i) => {
        const paramName = p.ParameterName;
        const value = p.ParameterValue;
        if (paramName === undefined || value === undefined) {
          throw invalidParameter(
            `Parameters.Parameter.${i + 1} needs both ParameterName and ParameterValue.`,
          );
        }
        return { name: paramName, value };
      });
      await cluster.modifyParameterGroup(name, changes);
      return [el('ParameterGroupName', name), el('ParameterGroupStatus', PARAMETER_GROUP_UPDATED_STATUS)];
    }

    case 'RebootCluster': {
      const id = form.required('ClusterIdentifier');
      checkCluster(deps, id);
      await cluster.reboot();
      return [el('Cluster', clusterXml(deps))];
    }

    case 'GetClusterCredentials': {
      const dbUser = form.required('DbUser');
      checkDbUser(dbUser);
      const seconds = credentialsRequest(deps, form);
      const autoCreate = form.boolean('AutoCreate') ?? false;
      // REFERENCE 4.6: the returned user is prefixed IAM: (existing user) or IAMA: (AutoCreate). The
      // callback gets that prefixed login name: it is the name the client logs in with.
      const login = `${autoCreate ? 'IAMA' : 'IAM'}:${dbUser}`;
      const creds = await credentialsFor(deps, login, autoCreate, form.list('DbGroups.DbGroup'), seconds);
      return [
        el('DbUser', creds.dbUser),
        el('DbPassword', creds.password),
        el('Expiration', creds.expiresAt),
      ];
    }

    case 'GetClusterCredentialsWithIAM': {
      const seconds = credentialsRequest(deps, form);
      const login = deps.iamIdentityOf(req.accessKeyId);
      // The database user maps 1:1 to the IAM identity and is created on first use (REFERENCE 4.7).
      const creds = await credentialsFor(deps, login, true, [], seconds);
      return [
        el('DbUser', creds.dbUser),
        el('DbPassword', creds.password),
        el('Expiration', creds.expiresAt),
        el('NextRefreshTime', creds.expiresAt),
      ];
    }

    case 'DescribeEvents': {
      const sourceId = form.string('SourceIdentifier');
      const sourceType = form.string('SourceType');
      if ((sourceId === undefined) !== (sourceType === undefined)) {
        throw invalidParameter('SourceIdentifier and SourceType must be given together.');
      }
      const validTypes = [
        'cluster',
        'cluster-parameter-group',
        'cluster-security-group',
        'cluster-snapshot',
        'scheduled-action',
      ];
      if (sourceType !== undefined && !validTypes.includes(sourceType)) {
        throw invalidParameter(`SourceType must be one of ${validTypes.join(', ')}.`);
      }
      // The window is fixed on the first page and carried in the Marker, so "now" moving on between pages
      // does not shift it.
      const now = deps.now().getTime();
      const start = form.timestamp('StartTime')?.getTime();
      const end = form.timestamp('EndTime')?.getTime();
      const duration = form.integer('Duration');
      let window: { s: number; e: number };
      if (start !== undefined || end !== undefined) {
        const e = end ?? now;
        window = { s: start ?? e - (duration ?? 60) * MINUTE, e };
      } else {
        window = { s: now - (duration ?? 60) * MINUTE, e: now };
      }
      window.s = Math.max(window.s, now - EVENT_WINDOW_MS);
      const isWindow = (x: unknown): x is { s: number; e: number } =>
        typeof x === 'object' &&
        x !== null &&
        typeof (x as { s?: unknown }).s === 'number' &&
        typeof (x as { e?: unknown }).e === 'number';
      const marker = form.string('Marker');
      const fixed =
        marker === undefined
          ? window
          : (decodePageToken(marker, fingerprint(form.identity()), isWindow)?.extra ?? window);
      const events = cluster
        .events()
        .filter((e) => e.date.getTime() >= fixed.s && e.date.getTime() <= fixed.e)
        .filter(
          (e) => sourceId === undefined || (e.sourceIdentifier === sourceId && e.sourceType === sourceType),
        )
        .sort((a, b) => a.date.getTime() - b.date.getTime());
      const p = page(events, form, fixed, isWindow);
      return [list('Events', 'Event', p.items, eventXml), el('Marker', p.marker)];
    }

    default:
      throw new AwsError('InvalidAction', `The action ${req.action} is not valid for this web service.`, 400);
  }
}
