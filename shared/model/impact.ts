// The impact of bad data (issue #11): from a load or any statement that wrote, the tables it wrote, the
// later statements that read them (and what those wrote in turn), grouped by batch job and dashboard.

export interface ImpactArgs {
  connectionId: string;
  /** The load (COPY) or writing statement to start from. */
  query: number;
  /** Its start time, when the query id alone is ambiguous (ids repeat over long histories). */
  startTime?: string;
  /** Follow reads up to this time (the fix time); default now. */
  until?: string;
  /** How many read-then-write steps to follow (1-3); default 2. */
  hops?: number;
}

export type ImpactExportFormat = 'markdown' | 'csv';

export interface ImpactExportArgs extends ImpactArgs {
  format: ImpactExportFormat;
}

export interface ImpactExport {
  filename: string;
  mimeType: string;
  text: string;
}

export interface ImpactOrigin {
  query: number;
  startTime: string;
  endTime: string;
  label: string;
  userName: string | null;
  /** The statement's first 300 characters. */
  textPreview: string;
  aborted: boolean;
  /** The COPY's target and status when the origin is a load. */
  load: { tableName: string; status: string; rowsLoaded: number | null; rowsRejected: number } | null;
}

/** A table the bad data reached: hop 0 = written by the origin, hop n = written by a hop-n reader. */
export interface ImpactTable {
  tableId: number;
  tableName: string;
  hop: number;
  /** When the bad data first reached it. */
  since: string;
}

/** 'hidden': a job hidden in the job editor (batch views leave it out; it still read the data). */
export type ImpactGroupKind = 'job' | 'dashboard' | 'hidden' | 'other';

/** Statements of one batch job, one dashboard label, or one user's unlabelled statements. */
export interface ImpactGroup {
  kind: ImpactGroupKind;
  /** Job (shown or hidden) or dashboard label; the user name for 'other'. */
  label: string;
  /** The first hop its statements read at (1 = read what the origin wrote). */
  hop: number;
  statements: number;
  firstTime: string;
  lastTime: string;
  /** Jobs: the batch nights of the runs that read the data ('YYYY-MM-DD'). */
  nights: string[];
  readTables: string[];
  wroteTables: string[];
  /** One of its statements, for a link to its detail. */
  sampleQuery: number;
  sampleStartTime: string | null;
}

export interface Impact {
  origin: ImpactOrigin;
  until: string;
  hops: number;
  tables: ImpactTable[];
  groups: ImpactGroup[];
  /** What to do, in words: re-run these jobs for these nights, refresh these dashboards, ... */
  todo: string[];
  /** More readers than one answer follows; the first ones are shown. */
  truncated: boolean;
}
