import { describe, expect, it } from 'vitest';
import type { NightshiftBridge } from '../../shared/bridge.ts';
import type { PushedEvent } from '../../shared/events.ts';
import { createApi } from '../../renderer/src/api/Api.ts';
import { ApiCallError } from '../../renderer/src/api/ApiCallError.ts';
import {
  asBridge,
  chooseTransport,
  type StartupEnvironment,
} from '../../renderer/src/api/chooseTransport.ts';
import { TOKEN_STORAGE_KEY } from '../../renderer/src/api/token.ts';

/** A preload bridge in miniature: answers app.info, refuses everything else, pushes on demand. */
function smallBridge() {
  const listeners = new Set<(event: PushedEvent) => void>();
  const calls: string[] = [];
  const bridge: NightshiftBridge = {
    async call(method) {
      calls.push(method);
      if (method === 'app.info') {
        return {
          ok: true,
          result: { name: 'Nightshift', version: '0.1.0', door: 'ipc', admin: true, canStoreSecrets: true },
        };
      }
      return {
        ok: false,
        error: { code: 'not_found', message: 'There is no saved connection with that id.' },
      };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { bridge, calls, push: (event: PushedEvent) => listeners.forEach((l) => l(event)) };
}

function environment(
  overrides: Partial<StartupEnvironment> = {},
): StartupEnvironment & { replaced: string[] } {
  const data = new Map<string, string>();
  const replaced: string[] = [];
  return {
    bridge: undefined,
    href: 'http://127.0.0.1:4000/',
    storage: { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) },
    replaceUrl: (url) => void replaced.push(url),
    replaced,
    ...overrides,
  };
}

describe('chooseTransport', () => {
  it('uses the preload bridge when the desktop app provides one, and never touches the URL', () => {
    const env = environment({ bridge: smallBridge().bridge, href: 'http://x/?token=abc' });
    const choice = chooseTransport(env);
    expect(choice.ok && choice.transport.door).toBe('desktop');
    expect(env.replaced).toEqual([]);
  });

  it('uses door 2 with the token from the URL, and cleans the address bar', () => {
    const env = environment({ href: 'http://127.0.0.1:4000/?token=abc#/connections' });
    const choice = chooseTransport(env);
    expect(choice.ok && choice.transport.door).toBe('browser');
    expect(env.replaced).toEqual(['/#/connections']);
    expect(env.storage.getItem(TOKEN_STORAGE_KEY)).toBe('abc');
  });

  it('reports a missing token instead of calling without one', () => {
    expect(chooseTransport(environment())).toEqual({ ok: false, reason: 'no-token' });
  });

  it('does not mistake some other global for the bridge', () => {
    expect(asBridge({ call: 'nope' })).toBeNull();
    expect(asBridge(null)).toBeNull();
    expect(asBridge(smallBridge().bridge)).not.toBeNull();
  });
});

describe('the client over the bridge', () => {
  it('resolves with the result, and throws the core’s code and words on failure', async () => {
    const { bridge, calls } = smallBridge();
    const choice = chooseTransport(environment({ bridge }));
    if (!choice.ok) throw new Error('expected a transport');
    const api = createApi(choice.transport);

    expect((await api.call('app.info', {})).admin).toBe(true);
    const failure = await api.call('connections.test', { id: 'gone' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiCallError);
    expect(failure).toMatchObject({
      code: 'not_found',
      message: 'There is no saved connection with that id.',
    });
    expect(calls).toEqual(['app.info', 'connections.test']);
  });

  it('is live at once and hands each pushed event to the listeners of that name', () => {
    const { bridge, push } = smallBridge();
    const choice = chooseTransport(environment({ bridge }));
    if (!choice.ok) throw new Error('expected a transport');
    const api = createApi(choice.transport);
    expect(api.events.state()).toBe('live');

    const seen: number[] = [];
    const off = api.events.on('connections.changed', ({ connections }) => seen.push(connections.length));
    push({ name: 'connections.changed', payload: { connections: [] } });
    off();
    push({ name: 'connections.changed', payload: { connections: [] } });
    expect(seen).toEqual([0]);
  });
});
