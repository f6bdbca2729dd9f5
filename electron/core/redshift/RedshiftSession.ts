import type { Capability } from '../../../shared/model/collector.ts';

/**
 * One connection's small pg pool, as jobs see it. Every statement runs by name from queries/, with a
 * server-side statement_timeout and Nightshift's own query_group (so a team can route or exempt it
 * in WLM), and is cancelled when the signal aborts.
 */
export interface RedshiftSession {
  readonly capabilities: Capability[];
  readonly serverVersion: string;
  query<R extends object>(name: string, params: unknown[], options?: { signal?: AbortSignal }): Promise<R[]>;
  /** Cancels in-flight statements and closes the pool. */
  close(): Promise<void>;
}
