import type { ApiMethod } from '../../../shared/api.ts';
import type { ApiResponse } from '../../../shared/errors.ts';
import type { PushedEvent } from '../../../shared/events.ts';

/** Which door the page came through: the desktop app's preload bridge, or the loopback HTTP server. */
export type Door = 'desktop' | 'browser';

/**
 * The event stream's state, as the status bar shows it:
 *
 *   connecting ──open──▶ live ──error──▶ reconnecting ──open──▶ live
 *
 * A client that comes back to `live` after `reconnecting` may have missed events and should reload.
 */
export type StreamState = 'connecting' | 'live' | 'reconnecting';

/** An audit export the door streamed: the file as the browser holds it, its name, how many records. */
export interface AuditCsvFile {
  blob: Blob;
  filename: string;
  rows: number;
}

/** The one thing the UI knows about a door. Chosen once at start-up (DESIGN.md §2). */
export interface Transport {
  readonly door: Door;
  /**
   * Sends one call. Resolves with the core's ApiResponse; rejects with ApiCallError only when no
   * ApiResponse came back (network down, token refused, not our server).
   */
  call(method: ApiMethod, args: unknown): Promise<ApiResponse<unknown>>;
  /**
   * audit.csv as the file itself, streamed (door 2): no size cap, and the server never holds the whole
   * file. Rejects with ApiCallError, as `call` would. Absent where the door cannot stream (IPC).
   */
  downloadAuditCsv?(args: unknown): Promise<AuditCsvFile>;
  /** Starts receiving pushed events; returns the function that stops. */
  listen(onEvent: (event: PushedEvent) => void, onState: (state: StreamState) => void): () => void;
}
