// What the UI holds for its whole life: the door, the typed `call`, and one fan-out of pushed events
// over the transport's single stream (pages subscribe and unsubscribe as they mount).
import type { ApiClient } from '../../../shared/api.ts';
import type { AuditListArgs } from '../../../shared/model/audit.ts';
import type { EventMap, EventName, PushedEvent } from '../../../shared/events.ts';
import { createClient } from './client.ts';
import type { AuditCsvFile, Door, StreamState, Transport } from './Transport.ts';

export interface EventHub {
  on<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): () => void;
  state(): StreamState;
  /** For useSyncExternalStore: called whenever state() changes. */
  onStateChange(listener: () => void): () => void;
}

export interface Api {
  door: Door;
  call: ApiClient;
  events: EventHub;
  /** The streamed audit export, where the door has one (see Transport). */
  downloadAuditCsv?: (args: AuditListArgs) => Promise<AuditCsvFile>;
  /** Closes the event stream (page teardown, tests). */
  close(): void;
}

export function createApi(transport: Transport): Api {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const stateListeners = new Set<() => void>();
  let state: StreamState = 'connecting';

  const dispatch = (event: PushedEvent) => {
    for (const listener of listeners.get(event.name) ?? []) {
      (listener as (payload: PushedEvent['payload']) => void)(event.payload);
    }
  };
  const setState = (next: StreamState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener();
  };

  const stop = transport.listen(dispatch, setState);

  return {
    door: transport.door,
    call: createClient(transport),
    ...(transport.downloadAuditCsv
      ? { downloadAuditCsv: (args: AuditListArgs) => transport.downloadAuditCsv!(args) }
      : {}),
    events: {
      on(name, listener) {
        const set = listeners.get(name) ?? new Set();
        listeners.set(name, set);
        set.add(listener);
        return () => set.delete(listener);
      },
      state: () => state,
      onStateChange(listener) {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
    },
    close: stop,
  };
}
