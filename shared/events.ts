// Events the core pushes to every open client (IPC or SSE). Payloads are small: a client that needs
// more calls the API.
import type { CollectorStatus } from './model/collector.ts';
import type { Connection } from './model/connection.ts';
import type { BatchRebuildEvent } from './model/batch.ts';
import type { AlertPageEvent } from './model/alert.ts';
import type { ReplayProgressEvent } from './model/alertRule.ts';

export interface EventMap {
  'connections.changed': { connections: Connection[] };
  'collector.status': CollectorStatus;
  /** A stepwise rebuild of a connection's batch nights moved on (issue #10). */
  'batches.rebuild': BatchRebuildEvent;
  /** A critical page was just written (desktop notifications in the app and on door 2). */
  'alerts.page': AlertPageEvent;
  /** A replay of alert rules over stored history moved on (it runs in a worker thread). */
  'alerts.replay': ReplayProgressEvent;
}

export type EventName = keyof EventMap;

export interface PushedEvent<E extends EventName = EventName> {
  name: E;
  payload: EventMap[E];
}

export const EVENT_NAMES = [
  'connections.changed',
  'collector.status',
  'batches.rebuild',
  'alerts.page',
  'alerts.replay',
] as const satisfies readonly EventName[];
