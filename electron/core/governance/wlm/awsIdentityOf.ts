// Who the AWS calls ran as, for the audit record: the access key id (never the secret), with the
// named profile when the connection uses one. "unknown" when the credentials cannot be resolved.
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type { Connection } from '../../../../shared/model/connection.ts';

export async function awsIdentityOf(
  client: RedshiftClient,
  connection: Connection | undefined,
): Promise<string> {
  const profile = connection?.target.kind === 'cluster' ? connection.target.awsProfile : undefined;
  let keyId = 'unknown';
  try {
    const credentials = await client.config.credentials();
    keyId = credentials.accessKeyId;
  } catch {
    // Reported by the API call itself; the audit still gets the profile name if there is one.
  }
  return profile === undefined ? keyId : `profile ${profile} (${keyId})`;
}
