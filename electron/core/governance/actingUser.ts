// The database user an action runs as, for the audit record ("who") and the words of a refusal.
import type { Connection } from '../../../shared/model/connection.ts';
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';

/** The user the connection is configured with, before anything was read from the cluster. */
export function configuredUser(connection: Connection | undefined): string | null {
  const t = connection?.target;
  if (t?.kind === 'direct') return t.user;
  if (t?.kind === 'cluster') return t.dbUser;
  return null;
}

/** current_user on the cluster: the endpoint's user as the cluster sees it (queries/actions/identity.sql). */
export async function actingUser(session: RedshiftSession): Promise<string | null> {
  const rows = await session.query<{ user_name: string }>('actions/acting_user', []);
  return rows[0]?.user_name ?? null;
}
