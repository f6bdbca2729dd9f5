// The one contract both doors serve (DESIGN.md §2). Every method is named once here, with its
// arguments and result; the core's handlers `satisfies` ApiHandlers, and API_METHODS is the runtime
// list the dispatcher, the doors and the contract test walk.
import type { AppInfo } from './model/app.ts';
import type { CollectorStatus } from './model/collector.ts';
import type { Connection, ConnectionTestResult, NewConnection } from './model/connection.ts';
import type { LoadErrorsArgs, LoadErrorsPage } from './model/load.ts';
import type { MetricSeries, MetricSeriesArgs } from './model/metric.ts';
import type { QueryDetail, QueryHistoryArgs, QueryHistoryPage } from './model/query.ts';
import type { WlmSamplesArgs, WlmSamplesResult } from './model/wlm.ts';

export interface ApiMethods {
  'app.info': { args: Record<string, never>; result: AppInfo };
  'connections.list': { args: Record<string, never>; result: Connection[] };
  'connections.add': { args: NewConnection; result: Connection };
  'connections.remove': { args: { id: string }; result: { removed: boolean } };
  'connections.test': { args: { id: string }; result: ConnectionTestResult };
  'collector.status': { args: Record<string, never>; result: CollectorStatus };
  'queries.history': { args: QueryHistoryArgs; result: QueryHistoryPage };
  'queries.get': { args: { connectionId: string; query: number; startTime?: string }; result: QueryDetail };
  'wlm.samples': { args: WlmSamplesArgs; result: WlmSamplesResult };
  'loads.errors': { args: LoadErrorsArgs; result: LoadErrorsPage };
  'metrics.series': { args: MetricSeriesArgs; result: MetricSeries };
}

export type ApiMethod = keyof ApiMethods;
export type ArgsOf<M extends ApiMethod> = ApiMethods[M]['args'];
export type ResultOf<M extends ApiMethod> = ApiMethods[M]['result'];

export interface MethodInfo {
  /** Changes state (in the store or on a cluster): refused on a read-only door. */
  mutates: boolean;
  summary: string;
}

export const API_METHODS = {
  'app.info': { mutates: false, summary: 'Version, door and permissions of this client' },
  'connections.list': { mutates: false, summary: 'Saved connections, without secrets' },
  'connections.add': {
    mutates: true,
    summary: 'Save a connection (password encrypted or kept for this run)',
  },
  'connections.remove': { mutates: true, summary: 'Forget a connection and its stored password' },
  'connections.test': { mutates: false, summary: 'Connect once: server version and latency, or the error' },
  'collector.status': {
    mutates: false,
    summary: "Per connection: state, capabilities and every job's state",
  },
  'queries.history': {
    mutates: false,
    summary: 'Stored query history: time range, filters, sorting, paging',
  },
  'queries.get': { mutates: false, summary: 'One query with full text, timings and WLM data' },
  'wlm.samples': { mutates: false, summary: 'WLM queue samples, configuration changes and collection gaps' },
  'loads.errors': { mutates: false, summary: 'COPY load errors with raw lines, filtered and paged' },
  'metrics.series': { mutates: false, summary: 'A CloudWatch series, downsampled to at most maxPoints' },
} as const satisfies Record<ApiMethod, MethodInfo>;

export const METHOD_NAMES = Object.keys(API_METHODS) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHODS, name);
}

/** What a client calls: one typed function per method, whatever the transport. */
export type ApiClient = <M extends ApiMethod>(method: M, args: ArgsOf<M>) => Promise<ResultOf<M>>;
