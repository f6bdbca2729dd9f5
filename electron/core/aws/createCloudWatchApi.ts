// CloudWatch client for one cluster connection (GetMetricData, ListMetrics). Credentials come from the
// default chain or a named profile (~/.aws), never from Nightshift's store; tests and the demo inject
// static ones.
//
// Protocol: CloudWatch accepts awsQuery, JSON 1.0 and RPCv2-CBOR on the same endpoint (REFERENCE 5.3),
// and which one an SDK release uses by default has changed over time. @aws-sdk/client-cloudwatch
// 3.1164.0 defaults to JSON 1.0; we pin it anyway so an SDK upgrade cannot silently switch to a protocol
// the local stand-in (and our tests) do not speak. Passing the class (not an instance) keeps the
// client's own protocol settings (service target GraniteServiceVersion20100801, query-compatible
// errors, error registry).
import { CloudWatchClient, type CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { AwsJson1_0Protocol } from '@aws-sdk/core/protocols';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { quietNodeVersionWarning } from './quietNodeVersionWarning.ts';

export interface CloudWatchApiOptions {
  region: string;
  /**
   * Custom endpoint (VPC endpoint for `monitoring`, or the local stand-in; a provider when it is only
   * known later, as for the demo); absent means AWS's public one.
   */
  endpoint?: CloudWatchClientConfig['endpoint'];
  /** Named profile from ~/.aws; ignored when `credentials` is given. */
  profile?: string;
  /** Explicit credentials (the demo's stand-in, tests); absent means the profile or the default chain. */
  credentials?: CloudWatchClientConfig['credentials'];
  /**
   * Attempts per request, the first included. The SDK's standard mode backs off exponentially with
   * jitter (longer after throttling) and retries throttling, 5xx and network errors. The metrics job
   * adds a few slower retries of its own on top, so a burst of throttling does not fail a run at once.
   */
  maxAttempts?: number;
}

export const CLOUDWATCH_PROTOCOL = AwsJson1_0Protocol;

export function createCloudWatchApi(options: CloudWatchApiOptions): CloudWatchClient {
  quietNodeVersionWarning();
  return new CloudWatchClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    credentials:
      options.credentials ??
      (options.profile ? fromIni({ profile: options.profile }) : fromNodeProviderChain()),
    protocol: CLOUDWATCH_PROTOCOL,
    retryMode: 'standard',
    maxAttempts: options.maxAttempts ?? 3,
  });
}
