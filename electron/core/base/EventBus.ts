import type { EventMap, EventName, PushedEvent } from '../../../shared/events.ts';

export type EventListener = (event: PushedEvent) => void;

/** Fan-out of pushed events to every open client (IPC windows, SSE streams). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) {
      try {
        listener({ name, payload } as PushedEvent);
      } catch {
        // one broken client must not stop the others
      }
    }
  }
}
