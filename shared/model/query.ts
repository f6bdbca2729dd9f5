// Query history as the store keeps it (times are ISO-8601 UTC strings, durations milliseconds).

export interface QueryRow {
  connectionId: string;
  query: number;
  startTime: string;
  endTime: string;
  userId: number;
  userName: string | null;
  pid: number;
  xid: number;
  label: string;
  database: string;
  serviceClass: number | null;
  queueName: string | null;
  slotCount: number | null;
  queueMs: number;
  execMs: number;
  elapsedMs: number;
  aborted: boolean;
  /** Hash of the text with literals normalised: runs of "the same query" share it. */
  fingerprint: string;
  /** The first 200 characters of the text. */
  textPreview: string;
}

export interface QueryDetail extends QueryRow {
  text: string;
  /** False when the cluster no longer held all text pieces (only STL_QUERY's first 4,000 chars). */
  textComplete: boolean;
  wlm: {
    queueStartTime: string | null;
    queueEndTime: string | null;
    execStartTime: string | null;
    execEndTime: string | null;
    finalState: string | null;
  } | null;
}

export type QuerySortKey = 'startTime' | 'elapsedMs' | 'queueMs' | 'execMs';

export interface QueryHistoryFilter {
  connectionId: string;
  from: string;
  to: string;
  user?: string;
  label?: string;
  serviceClass?: number;
  minDurationMs?: number;
  aborted?: boolean;
  /** Substring of the query text, case-insensitive. */
  text?: string;
}

export interface QueryHistoryArgs extends QueryHistoryFilter {
  sort?: { by: QuerySortKey; dir: 'asc' | 'desc' };
  limit?: number;
  offset?: number;
}

export interface QueryHistoryPage {
  rows: QueryRow[];
  total: number;
}
