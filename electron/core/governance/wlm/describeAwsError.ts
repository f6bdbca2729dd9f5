// An AWS SDK failure in words a user can act on (no stack, no secret): throttling, missing permission,
// missing cluster or group, a group busy applying, unreachable endpoint, missing credentials.
import { redactSecrets } from '../../base/Logger.ts';

interface SdkErrorShape {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
}

function field(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** `doing` completes "while …", e.g. "reading the parameter group". */
export function describeAwsError(error: unknown, doing: string): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = field(e.name) || field(e.Code);
  const code = field(e.code);
  const raw = redactSecrets(field(e.message) || String(error)).slice(0, 400);
  const lead = `The Redshift API failed while ${doing}`;
  switch (name) {
    case 'Throttling':
    case 'ThrottlingException':
    case 'RequestLimitExceeded':
    case 'TooManyRequestsException':
      return `${lead}: AWS is throttling requests (${raw}). Try again in a minute.`;
    case 'AccessDenied':
    case 'AccessDeniedException':
    case 'UnauthorizedOperation':
      return `${lead}: the AWS identity is not allowed to do this (${raw}). It needs redshift:DescribeClusters, redshift:DescribeClusterParameters and, to apply, redshift:ModifyClusterParameterGroup.`;
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
    case 'SignatureDoesNotMatch':
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return `${lead}: AWS did not accept the credentials (${raw}). Check the AWS profile or keys for this connection.`;
    case 'CredentialsProviderError':
      return `${lead}: no AWS credentials were found (${raw}). Configure a profile or the default credential chain.`;
    case 'ClusterNotFound':
    case 'ClusterNotFoundFault':
      return `${lead}: the cluster was not found (${raw}). Check the cluster identifier and region.`;
    case 'ClusterParameterGroupNotFound':
    case 'ClusterParameterGroupNotFoundFault':
      return `${lead}: the parameter group was not found (${raw}).`;
    case 'InvalidClusterParameterGroupState':
    case 'InvalidClusterParameterGroupStateFault':
      return `${lead}: the parameter group is busy (${raw}). Wait until the cluster is available, then try again.`;
    default:
      break;
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET') {
    return `${lead}: the Redshift API could not be reached (${code}: ${raw}).`;
  }
  return `${lead}: ${name ? `${name}: ` : ''}${raw}`;
}
