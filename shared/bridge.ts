// What the preload script exposes on `window.nightshift` (door 1), and what the renderer's HTTP
// transport imitates (door 2). Nothing else crosses from the shell into the page.
import type { ApiResponse } from './errors.ts';
import type { PushedEvent } from './events.ts';

export interface NightshiftBridge {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  /** Returns the function that unsubscribes. */
  onEvent(listener: (event: PushedEvent) => void): () => void;
}

/** The single IPC channel for calls, and the one for pushed events. */
export const IPC_CALL_CHANNEL = 'nightshift:call';
export const IPC_EVENT_CHANNEL = 'nightshift:event';
