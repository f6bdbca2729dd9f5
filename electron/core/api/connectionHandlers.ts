// connections.* : saved connections, their passwords and a one-shot connection test.
import { randomUUID } from 'node:crypto';
import type { ApiMethods } from '../../../shared/api.ts';
import type { ConnectionTestFailed } from '../../../shared/model/connection.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { ConnectionRepository } from '../connections/ConnectionRepository.ts';
import type { PasswordVault } from '../connections/PasswordVault.ts';
import type { EventBus } from '../base/EventBus.ts';
import type { DemoCluster } from '../base/DemoCluster.ts';
import { resolveEndpoint } from '../redshift/resolveEndpoint.ts';
import { testConnection } from '../redshift/testConnection.ts';
import { ApiError } from '../base/ApiError.ts';
import type { ApiHandlers } from './dispatch.ts';

export interface ConnectionHandlerDeps {
  repo: ConnectionRepository;
  vault: PasswordVault;
  audit: AuditLog;
  events: EventBus;
  demo: DemoCluster | null;
}

type Handlers = Pick<ApiHandlers, keyof ApiMethods & `connections.${string}`>;

export function connectionHandlers({ repo, vault, audit, events, demo }: ConnectionHandlerDeps): Handlers {
  // Where each password comes from is said at all times, including "no longer available".
  const listed = () =>
    repo.list().map((connection) => ({
      ...connection,
      passwordStatus: vault.status(
        connection.id,
        connection.target,
        connection.passwordSource,
        repo.get(connection.id)?.passwordSealed ?? null,
      ),
    }));
  const changed = () => events.emit('connections.changed', { connections: listed() });

  return {
    'connections.list': async () => listed(),

    'connections.add': async ({ name, target, password }) => {
      if (repo.findByName(name))
        throw new ApiError('conflict', `A connection named "${name}" already exists.`);
      const id = randomUUID();
      const kept =
        target.kind === 'direct'
          ? vault.keep(id, password)
          : { source: target.kind === 'cluster' ? ('temporary' as const) : ('none' as const), sealed: null };
      const connection = {
        id,
        name,
        target,
        passwordSource: kept.source,
        createdAt: new Date().toISOString(),
      };
      repo.insert(connection, kept.sealed);
      audit.append({
        requestId: randomUUID(),
        action: 'connections.add',
        outcome: 'ok',
        connectionId: id,
        target,
        params: { name, passwordSource: kept.source },
      });
      changed();
      return connection;
    },

    'connections.remove': async ({ id }) => {
      const removed = repo.remove(id);
      vault.forget(id);
      audit.append({
        requestId: randomUUID(),
        action: 'connections.remove',
        outcome: removed ? 'ok' : 'refused',
        connectionId: id,
        ...(removed ? {} : { message: 'no such connection' }),
      });
      if (removed) changed();
      return { removed };
    },

    'connections.test': async ({ id }) => {
      const stored = repo.get(id);
      if (!stored) throw new ApiError('not_found', 'There is no saved connection with that id.');
      try {
        const endpoint = await resolveEndpoint(stored.connection, {
          vault,
          passwordSealed: stored.passwordSealed,
          demo,
        });
        return await testConnection(endpoint);
      } catch (error) {
        return describeResolveError(error);
      }
    },
  };
}

/** Errors before a connection is even attempted: AWS API answers, missing keychain, demo not running. */
function describeResolveError(error: unknown): ConnectionTestFailed {
  if (error instanceof ApiError) return { ok: false, reason: 'other', message: error.message };
  const e = error as { name?: string; message?: string };
  if (e.name === 'ClusterNotFoundFault' || e.name === 'ClusterNotFound') {
    return { ok: false, reason: 'not_found', message: `AWS says: ${e.message ?? 'cluster not found'}` };
  }
  if (e.name === 'CredentialsProviderError') {
    return { ok: false, reason: 'aws', message: `No AWS credentials found: ${e.message ?? ''}`.trim() };
  }
  return {
    ok: false,
    reason: 'aws',
    message: `The Redshift API call failed: ${e.name ?? 'Error'}: ${e.message ?? ''}`,
  };
}
