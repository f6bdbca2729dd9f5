// Door 1: the preload bridge (`window.nightshift`) already speaks ApiResponse and pushes events over
// IPC, which cannot drop while the window lives, so the stream is live from the start.
import type { NightshiftBridge } from '../../../shared/bridge.ts';
import type { Transport } from './Transport.ts';

export function createIpcTransport(bridge: NightshiftBridge): Transport {
  return {
    door: 'desktop',
    call: (method, args) => bridge.call(method, args),
    listen(onEvent, onState) {
      onState('live');
      return bridge.onEvent(onEvent);
    },
  };
}
