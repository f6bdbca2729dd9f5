import type { Connection } from '../../shared/model/connection.ts';
import type { Core } from '../core/Core.ts';

const LOCAL_ADMIN = { door: 'http', admin: true } as const;

/** `serve --demo`: make sure a connection to the built-in demo cluster exists, so it is collected. */
export async function ensureDemoConnection(core: Pick<Core, 'dispatch'>): Promise<void> {
  const listed = await core.dispatch('connections.list', {}, LOCAL_ADMIN);
  if (!listed.ok) throw new Error(listed.error.message);
  if ((listed.result as Connection[]).some((c) => c.target.kind === 'demo')) return;
  const added = await core.dispatch(
    'connections.add',
    { name: 'Demo cluster', target: { kind: 'demo' } },
    LOCAL_ADMIN,
  );
  if (!added.ok) throw new Error(added.error.message);
}
