// Events the core pushes to every open client (IPC or SSE). Payloads are small: a client that needs
// more calls the API.
import type { CollectorStatus } from './model/collector.ts';
import type { Connection } from './model/connection.ts';

export interface EventMap {
  'connections.changed': { connections: Connection[] };
  'collector.status': CollectorStatus;
}

export type EventName = keyof EventMap;

export interface PushedEvent<E extends EventName = EventName> {
  name: E;
  payload: EventMap[E];
}

export const EVENT_NAMES = [
  'connections.changed',
  'collector.status',
] as const satisfies readonly EventName[];
