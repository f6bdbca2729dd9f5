// COPY load errors as the store keeps them (STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL, REFERENCE 1.13, 1.22).

export interface LoadErrorRow {
  connectionId: string;
  query: number;
  startTime: string;
  tableId: number | null;
  tableName: string | null;
  fileName: string;
  lineNumber: number;
  columnName: string;
  errCode: number;
  errReason: string;
  /** The raw line exactly as delivered: may hold tabs, newlines, markup. Render as text only. */
  rawLine: string;
  rawFieldValue: string;
  position: number | null;
  columnType: string | null;
  columnLength: string | null;
}

/** Where a page of load errors ended: the next page starts after this error (keyset paging). */
export interface LoadErrorCursor {
  startTime: string;
  query: number;
  fileName: string;
  lineNumber: number;
  columnName: string;
  position: number;
}

export interface LoadErrorsArgs {
  connectionId: string;
  from: string;
  to: string;
  tableName?: string;
  errCode?: number;
  limit?: number;
  /** Deprecated by `after` for deep pages: skipping rows costs as much as reading them. */
  offset?: number;
  /** The `next` of the previous page: reads from there by key, as fast on page 10 000 as on page 1. */
  after?: LoadErrorCursor;
}

export interface LoadErrorsPage {
  rows: LoadErrorRow[];
  /** Errors matching the filters; counted on the first page only (-1 on pages read with `after`). */
  total: number;
  /** Pass as `after` for the next page; null on the last one. */
  next: LoadErrorCursor | null;
}

// --- Loads view, a COPY's summary and the delivery ledger (issue #11) ---

export type LoadStatus = 'loaded' | 'partial' | 'aborted';

/** One COPY (store table copy_loads). */
export interface LoadRow {
  connectionId: string;
  query: number;
  startTime: string;
  endTime: string;
  tableName: string;
  source: string;
  sourcePrefix: string;
  feedKey: string;
  fileFormat: string;
  /** MAXERROR from the COPY text; null when it has none. */
  maxerror: number | null;
  files: number | null;
  linesScanned: number | null;
  rowsLoaded: number | null;
  rowsRejected: number;
  status: LoadStatus;
  durationMs: number;
  queueMs: number;
}

export type LoadSort = 'start' | 'duration' | 'queue' | 'rows' | 'rejected' | 'table';

export interface LoadsArgs {
  connectionId: string;
  from: string;
  to: string;
  /** Substring of the target table. */
  table?: string;
  /** Substring of the source. */
  source?: string;
  feedKey?: string;
  status?: LoadStatus;
  sort?: LoadSort;
  /** Ascending instead of the default descending. */
  ascending?: boolean;
  limit?: number;
  offset?: number;
}

export interface LoadsPage {
  rows: LoadRow[];
  total: number;
}

/** Rejected rows of one COPY sharing an error code and column. */
export interface LoadErrorGroup {
  errCode: number;
  columnName: string;
  columnType: string | null;
  columnLength: string | null;
  /** Redshift's err_reason, verbatim. */
  reason: string;
  /** Plain words and a fix (shared/loads/loadErrorHelp.ts, REFERENCE 1.22). */
  meaning: string;
  fix: string;
  count: number;
  /** The first few rejected rows of the group, by file and line. */
  samples: LoadErrorRow[];
}

export interface LoadDetail {
  load: LoadRow | null;
  groups: LoadErrorGroup[];
  totalErrors: number;
}

export interface LoadDetailArgs {
  connectionId: string;
  query: number;
  startTime?: string;
}

export type DeliveryState =
  'on-time' | 'late' | 'missing' | 'pending' | 'oversized' | 'undersized' | 'partial' | 'failed' | 'none';

/** One feed on one night (the calendar day, UTC, its COPYs started). */
export interface DeliveryCell {
  night: string;
  /** The most urgent state; `flags` holds every state that applies. */
  state: DeliveryState;
  flags: DeliveryState[];
  /** First COPY start of the night. */
  arrived: string | null;
  loads: number;
  files: number;
  rows: number;
  rejected: number;
  /** Highest share of MAXERROR used by a COPY of the night (1 = at the limit); null when none ran. */
  maxerrorUsed: number | null;
  /** Rows relative to the feed's median of the previous 28 nights. */
  rowsRatio: number | null;
  /** Bytes of the files delivered (STL_FILE_SCAN / SYS_LOAD_DETAIL), and per file; 0 / null when unknown. */
  bytes: number;
  bytesPerFile: number | null;
  /**
   * Batch jobs that read the feed's table that night before it arrived (the data they skipped); set
   * by loads/jobsBeforeArrival.ts, which also marks the cell late.
   */
  jobsBeforeArrival?: string[];
}

/** A feed's file names changed pattern (dates and numbers normalised) on `since`. */
export interface FeedNamePattern {
  pattern: string;
  previous: string;
  since: string;
}

export interface FeedLedger {
  feedKey: string;
  tableName: string;
  /** The source prefix of its latest COPY. */
  sourcePrefix: string;
  /** Usual arrival (p90 of the first COPY's time of day, minutes after midnight UTC) over the range. */
  usualArrivalMinute: number | null;
  medianRows: number | null;
  cells: DeliveryCell[];
  /** The user's name for the feed; null = the learned one (table and prefix). */
  name: string | null;
  /** Muted: shown greyed, its nights never count as problems. */
  muted: boolean;
  /** Oversized at >= this x the median rows, undersized at <= this share of it (defaults 3 and 1/3). */
  oversizedAt: number;
  undersizedAt: number;
  /** Nights in the range in a problem state (failed, missing, late, off-size, partial); 0 when muted. */
  problems: number;
  /** Learned feeds the user merged into this one. */
  mergedFeedKeys: string[];
  /** Set when its files came with a new name pattern inside the range (the feed is still the same). */
  namePattern: FeedNamePattern | null;
  /**
   * Another feed of the same table that stopped delivering when this one began: most likely the same
   * delivery under a new source prefix. Merge this feed into it to keep one habit.
   */
  mergeSuggestion: string | null;
}

/** loads.setFeed: what the user changes of a feed; an absent field stays as it is. */
export interface SetFeedArgs {
  connectionId: string;
  feedKey: string;
  /** null = back to the learned name. */
  name?: string | null;
  muted?: boolean;
  /** null = back to the default (3 and 1/3). */
  oversizedAt?: number | null;
  undersizedAt?: number | null;
}

/** loads.mergeFeeds: count `feedKey` as `into` from now on (null = a feed of its own again). */
export interface MergeFeedsArgs {
  connectionId: string;
  feedKey: string;
  into: string | null;
}

/** A learned feed and what the user made of it. */
export interface FeedSettings {
  feedKey: string;
  tableName: string;
  name: string | null;
  mergedInto: string | null;
  muted: boolean;
  oversizedAt: number;
  undersizedAt: number;
}

export interface LedgerArgs {
  connectionId: string;
  from: string;
  to: string;
}

export interface DeliveryLedger {
  nights: string[];
  feeds: FeedLedger[];
}

/**
 * Format drift of a feed: an error code (with its columns) it never had in the previous 28 nights
 * that sticks (two nights or more) or comes in bulk, or a jump in rejected rows.
 */
export interface FormatDrift {
  feedKey: string;
  tableName: string;
  kind: 'new-error' | 'reject-jump';
  /** The new code ('new-error'); the night's most frequent code ('reject-jump'). */
  errCode: number;
  reason: string;
  meaning: string;
  columns: string[];
  firstNight: string;
  /** Nights in the range the code (or the jump) showed on, from the first one. */
  nights: number;
  /** Rejected rows of the code on its first night, and their share of the lines scanned. */
  rejected: number;
  shareOfLines: number | null;
  /** Median rejected rows per night over the previous 28 nights. */
  baselineRejected: number;
  /** The feed's name as the user set it (null = learned), and whether it is muted (shown greyed). */
  feedName: string | null;
  muted: boolean;
  /** Rejected lines of the feed's last night before, and of the first night (a few each). */
  before: LoadErrorRow[];
  after: LoadErrorRow[];
}

export interface FormatDriftResult {
  drifts: FormatDrift[];
}
