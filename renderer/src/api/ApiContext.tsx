import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { EventMap, EventName } from '../../../shared/events.ts';
import type { Api } from './Api.ts';
import type { StreamState } from './Transport.ts';

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext.Provider>');
  return api;
}

export function useStreamState(): StreamState {
  const { events } = useApi();
  return useSyncExternalStore(events.onStateChange, events.state);
}

/** Calls the latest `listener` for every pushed event of this name while the component is mounted. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): void {
  const { events } = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => events.on(name, (payload) => latest.current(payload)), [events, name]);
}
