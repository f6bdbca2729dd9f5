// The audit log as the API serves it: one record per action, refused and failed ones included.

export interface AuditRecord {
  seq: number;
  /** UTC, ISO-8601. */
  at: string;
  requestId: string;
  actorOsUser: string;
  actorDbUser: string | null;
  actorAws: string | null;
  connectionId: string | null;
  action: string;
  /** JSON text as recorded. */
  target: string | null;
  params: string | null;
  reason: string | null;
  /** Before/after (the WLM JSON for WLM changes). */
  before: string | null;
  after: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  message: string | null;
  /** The chain (issue #13): the previous record's hash and this one's, SHA-256 hex. */
  prevHash: string | null;
  hash: string | null;
  /** A refusal repeated from one door within its window is counted here instead of written again. */
  repeats: { count: number; lastAt: string } | null;
}

export interface AuditListArgs {
  from?: string;
  to?: string;
  action?: string;
  outcome?: 'ok' | 'refused' | 'failed';
  connectionId?: string;
  /** Case-insensitive substring of target, params, reason or message. */
  text?: string;
  limit?: number;
  offset?: number;
}

export interface AuditPage {
  rows: AuditRecord[];
  total: number;
}

export interface AuditCsv {
  filename: string;
  /** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
  csv: string;
  rows: number;
  /** More records matched than one export holds (newest first): narrow the range for the rest. */
  truncated: boolean;
}

/** What verifying the audit chain found: intact, or the first place it breaks. */
export interface AuditChainStatus {
  records: number;
  intact: boolean;
  /** The last record's hash: written down elsewhere, it anchors the whole log. */
  headHash: string | null;
  /** The first record where the chain breaks. */
  brokenAt: number | null;
  /** In words: "1,204 records, chain intact" or "Chain broken at record 17: …". */
  message: string;
}
