// The only file that touches ipcRenderer (DESIGN.md §1). It exposes exactly NightshiftBridge on
// window.nightshift: call() and onEvent(), nothing else — no ipcRenderer, no Electron event objects
// (an IpcRendererEvent carries `sender`, which is ipcRenderer itself). Sandboxed preloads can only
// require('electron'), so scripts/build-electron.ts bundles this file (with shared/bridge.ts inlined)
// into one CommonJS file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type NightshiftBridge } from '../../shared/bridge.ts';
import type { ApiResponse } from '../../shared/errors.ts';
import type { PushedEvent } from '../../shared/events.ts';

const bridge = {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>> {
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, args) as Promise<ApiResponse<unknown>>;
  },
  onEvent(listener: (event: PushedEvent) => void): () => void {
    const forward = (_event: IpcRendererEvent, pushed: PushedEvent) => listener(pushed);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
} satisfies NightshiftBridge;

contextBridge.exposeInMainWorld('nightshift', bridge);
