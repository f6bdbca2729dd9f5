// What is running and waiting now, as the last live_activity poll saw it (STV_WLM_QUERY_STATE,
// STV_RECENTS, STV_SESSIONS or the SYS views). Times are ISO-8601 UTC, durations milliseconds.

export interface LiveStatement {
  query: number;
  pid: number | null;
  xid: number | null;
  userName: string | null;
  /** query_group / label; null when the cluster did not say. */
  label: string | null;
  serviceClass: number;
  /** The queue's name from the stored WLM configuration; null when unknown. */
  queueName: string | null;
  slotCount: number;
  /** STV_WLM_QUERY_STATE.state (REFERENCE 1.3): QueuedWaiting, Running, Returning, … */
  state: string;
  /** True while the statement waits for a slot (state starts with "Queued"). */
  queued: boolean;
  /** When WLM received it. */
  wlmStartTime: string;
  queueMs: number;
  execMs: number;
  /** Queue + execution time at the poll. */
  elapsedMs: number;
  queryPriority: string | null;
  /** The first 200 characters of the text, when the cluster showed them. Render as text only. */
  textPreview: string | null;
}

export interface LiveSession {
  pid: number;
  startTime: string;
  userName: string;
  database: string;
  timeoutSec: number;
  lastSeen: string;
  /** The statement this session runs or queues now, if any. */
  currentQuery: number | null;
}

export interface LiveSnapshot {
  connectionId: string;
  /** The poll this snapshot is from; null before the first successful live_activity poll. */
  polledAt: string | null;
  statements: LiveStatement[];
  /** Statements left out of `statements` by the connection's hidden patterns (0 with showHidden). */
  hiddenStatements: number;
  sessions: LiveSession[];
}

export interface LiveTextArgs {
  connectionId: string;
  query: number;
}

export interface LiveText {
  query: number;
  /** The full text as the cluster holds it now; the preview when nothing more is available. */
  text: string;
  complete: boolean;
  /** Says where the text came from or why only the preview is shown. */
  note: string | null;
}
