// A RedshiftSession that reports every named query it runs and how many rows came back: the collector
// bed counts calls and rows per query, the poll-cost bench counts rows.
import type { RedshiftSession } from '../../electron/core/redshift/RedshiftSession.ts';

export function observedSession(
  session: RedshiftSession,
  onResult: (name: string, rows: number) => void,
): RedshiftSession {
  return {
    get capabilities() {
      return session.capabilities;
    },
    get serverVersion() {
      return session.serverVersion;
    },
    async query<R extends object>(
      name: string,
      params: unknown[],
      opts?: { signal?: AbortSignal; timeoutMs?: number },
    ) {
      const rows = await session.query<R>(name, params, opts);
      onResult(name, rows.length);
      return rows;
    },
    close: () => session.close(),
  };
}
