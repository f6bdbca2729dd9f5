// The transport is chosen once, at start-up (DESIGN.md §2): the preload bridge if the desktop app put
// one on `window.nightshift`, otherwise door 2 over HTTP with the token from the URL or this tab.
import type { NightshiftBridge } from '../../../shared/bridge.ts';
import { createHttpTransport } from './httpTransport.ts';
import { createIpcTransport } from './ipcTransport.ts';
import { resolveToken, type TokenStorage } from './token.ts';
import type { Transport } from './Transport.ts';

export function asBridge(candidate: unknown): NightshiftBridge | null {
  if (typeof candidate !== 'object' || candidate === null) return null;
  const { call, onEvent } = candidate as Partial<Record<keyof NightshiftBridge, unknown>>;
  return typeof call === 'function' && typeof onEvent === 'function' ? (candidate as NightshiftBridge) : null;
}

/** What start-up reads from the page; the real window in the app, plain objects in tests. */
export interface StartupEnvironment {
  /** The value of `window.nightshift`. */
  bridge: unknown;
  href: string;
  storage: TokenStorage;
  replaceUrl(url: string): void;
}

export type TransportChoice = { ok: true; transport: Transport } | { ok: false; reason: 'no-token' };

export function chooseTransport(env: StartupEnvironment): TransportChoice {
  const bridge = asBridge(env.bridge);
  if (bridge) return { ok: true, transport: createIpcTransport(bridge) };
  const { token, replaceUrlWith } = resolveToken(env.href, env.storage);
  if (replaceUrlWith !== null) env.replaceUrl(replaceUrlWith);
  if (token === null) return { ok: false, reason: 'no-token' };
  return { ok: true, transport: createHttpTransport(token) };
}

export function browserEnvironment(win: Window): StartupEnvironment {
  return {
    bridge: Reflect.get(win, 'nightshift'),
    href: win.location.href,
    storage: win.sessionStorage,
    replaceUrl: (url) => win.history.replaceState(win.history.state, '', url),
  };
}
