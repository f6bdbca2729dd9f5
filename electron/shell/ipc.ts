// Door 1: the only file in the shell that touches ipcMain (DESIGN.md §1, §2). One channel carries
// every API call; the sender frame is checked before dispatch sees anything, because a frame showing
// some other page (a compromised subframe, a navigation we failed to stop) must not reach the core.
// The seam (IpcMainLike) lets tests drive it without an Electron binary (DESIGN.md §7: bruno ipc.ts).
import { IPC_CALL_CHANNEL } from '../../shared/bridge.ts';
import type { ApiResponse } from '../../shared/errors.ts';
import type { Core } from '../core/Core.ts';
import type { Caller } from '../core/api/Caller.ts';
import { silentLogger, type Logger } from '../core/base/Logger.ts';

export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The window is the desktop user's own: it may call methods that change state (DESIGN.md §2). */
const IPC_CALLER: Caller = { door: 'ipc', admin: true };

export const UNTRUSTED_SENDER_MESSAGE = "Calls are only accepted from Nightshift's own window.";

/**
 * Answers IPC_CALL_CHANNEL with core.dispatch's response. Every reply is an ApiResponse: a refusal or
 * a failure never rejects the renderer's invoke() (Electron would turn a throw into an opaque error).
 * Returns the function that unregisters the handler.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  core: Pick<Core, 'dispatch'>,
  isTrustedSender: (frameUrl: string | undefined) => boolean,
  log: Logger = silentLogger,
): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method, args): Promise<ApiResponse<unknown>> => {
    if (!isTrustedSender(event.senderFrame?.url)) {
      log.warn('refused an IPC call from a frame that is not our renderer');
      return { ok: false, error: { code: 'forbidden', message: UNTRUSTED_SENDER_MESSAGE } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'unknown_method', message: 'The method name must be a string.' } };
    }
    try {
      return await core.dispatch(method, args, IPC_CALLER);
    } catch (error) {
      // dispatch already turns handler errors into responses; this only guards the shape of the reply.
      log.error('ipc: dispatch threw', error);
      return { ok: false, error: { code: 'internal', message: 'Nightshift hit an unexpected error.' } };
    }
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

/** Registers on Electron's own ipcMain; loaded lazily so importing this file never needs the binary. */
export async function registerElectronIpc(
  core: Pick<Core, 'dispatch'>,
  isTrustedSender: (frameUrl: string | undefined) => boolean,
  log: Logger,
): Promise<() => void> {
  const { ipcMain } = await import('electron');
  return registerIpc(ipcMain, core, isTrustedSender, log);
}
