// Used by both doors after core.start(): the demo cluster is collected out of the box (see below).
import type { Connection } from '../../shared/model/connection.ts';
import type { Core } from './Core.ts';

// The process itself, acting for the local user who started it (not a network caller).
const LOCAL_ADMIN = { door: 'ipc', admin: true } as const;

/**
 * Makes sure a connection to the built-in demo cluster exists, so it is collected: always for
 * `serve --demo`; for the desktop app only on a first run (no connections at all), so a user who
 * removed the demo does not get it back.
 */
export async function ensureDemoConnection(
  core: Pick<Core, 'dispatch'>,
  options: { onlyOnFirstRun?: boolean } = {},
): Promise<void> {
  const listed = await core.dispatch('connections.list', {}, LOCAL_ADMIN);
  if (!listed.ok) throw new Error(listed.error.message);
  const connections = listed.result as Connection[];
  if (connections.some((c) => c.target.kind === 'demo')) return;
  if (options.onlyOnFirstRun && connections.length > 0) return;
  const added = await core.dispatch(
    'connections.add',
    { name: 'Demo cluster', target: { kind: 'demo' } },
    LOCAL_ADMIN,
  );
  if (!added.ok) throw new Error(added.error.message);
}
