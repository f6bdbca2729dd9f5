// Every Redshift-dialect rewrite the proxy applies, in one place (REFERENCE 6.5: statements PostgreSQL
// rejects must be intercepted before they reach it). The proxy hands each Query / Parse text to
// planSql(); statements that match nothing here reach PostgreSQL byte for byte.
//
// Rewrites (input -> what PostgreSQL receives, and the CommandComplete tag the client sees):
//  1. SET [SESSION] query_group {TO|=} 'label'      -> SET rs.query_group TO 'label'          (tag SET)
//     SET query_group TO DEFAULT / RESET query_group -> RESET rs.query_group                  (tag SET/RESET)
//     REFERENCE 2.4: a run-time setting that routes queries to WLM queues and becomes the `label`
//     ('default' when unset, 6.3). PostgreSQL only accepts custom settings with a dotted prefix, so
//     `rs.query_group` keeps it on the upstream session (SQL sees it via current_setting) with
//     PostgreSQL's own SET semantics (transaction rollback, errors in aborted transactions).
//  2. SET wlm_query_slot_count {TO|=} n             -> SET rs.wlm_query_slot_count TO 'n'     (tag SET)
//     RESET wlm_query_slot_count / TO DEFAULT        -> RESET rs.wlm_query_slot_count
//     REFERENCE 2.4: default 1, range 1-50. Out of range -> error raised by PostgreSQL itself (a DO
//     block) so the transaction state stays right. "Must not exceed the queue's concurrency" is checked
//     when a query is admitted (the query fails, not the SET) - see Wlm.ts.
//  3. SHOW query_group / SHOW wlm_query_slot_count   -> SELECT ... AS query_group           (tag SHOW)
//  4. CANCEL pid ['message']                         -> DO ... rs_system.pg_cancel_backend(pid) (tag CANCEL)
//     REFERENCE 2.2. The message replaces the victim's error text; the proxy remembers it for that pid
//     (it cannot travel through pg_cancel_backend).
//  5. pg_cancel_backend( / pg_terminate_backend(    -> rs_system.pg_cancel_backend( / ...terminate...(
//     anywhere in a statement (unqualified calls only). REFERENCE 2.2 / 6.4 permission rules (own
//     sessions; superuser or sys:operator any), Redshift's result (one row, value 1, column named
//     after the function - REFERENCE 2.2, 7.1), and a notification to the proxy so it can cancel a
//     statement that is queued in the proxy rather than running in PostgreSQL (see live.sql).
//  6. pg_backend_pid()                             -> rs_system.pg_backend_pid(<the session's pid>)
//     only for sessions with a virtual pid (PGlite: one backend for every session, so the proxy hands
//     out pids itself and pg_backend_pid() must agree with STV_SESSIONS - REFERENCE 2.1).
//  7. pg_last_query_id() / pg_last_copy_id()       -> rs_system.pg_last_query_id(<id>) / ...copy_id(<id>)
//     REFERENCE 2.1 / 6.5: the query id of the session's last finished query / COPY, -1 when none;
//     only the proxy knows it.
//  8. dateadd(day, …) / datediff(s, …) / date_part(dow, …) / date_trunc(w, …) -> the datepart quoted
//     and normalised (datepartRewrite.ts; REFERENCE 6.5: every admin script uses the bare form).
//
// Observed, not rewritten: SET / RESET statement_timeout. Redshift counts WLM queue time against
// statement_timeout [unverified: recalled from the DG's statement_timeout page, not in REFERENCE], so the
// proxy needs the value to time out statements still waiting in a queue; PostgreSQL handles the rest.
//
// Classification (not a rewrite): which statements are queries that WLM admits (REFERENCE 6.3: utility
// commands - SET, CANCEL, BEGIN/COMMIT, GRANT, TRUNCATE, ... - never appear in STL_QUERY and take no slot).
// Long because every rewrite is listed and implemented in one place, so none can hide elsewhere.
import { datepartReplacement } from './datepartRewrite.ts';
import {
  keyword,
  quoteLiteral,
  splitStatements,
  stringValue,
  type StatementSpan,
  type Token,
} from './sqlLexer.ts';

/** Session setting changes a statement makes when it completes successfully. */
export type SettingEffect =
  | { kind: 'queryGroup'; value: string | null }
  | { kind: 'slotCount'; value: number }
  /** null = back to the session's startup value (RESET / DEFAULT). */
  | { kind: 'statementTimeout'; ms: number | null }
  | { kind: 'resetAll' };

export interface PlannedStatement {
  /** 'query' statements go through WLM admission and are recorded in the query history. */
  class: 'query' | 'utility';
  /** The statement as the client wrote it. */
  text: string;
  effect?: SettingEffect;
  /** CommandComplete tag the client sees instead of PostgreSQL's. */
  tag?: string;
  /** CANCEL pid 'message': the text the victim's error should carry. */
  cancel?: { pid: number; message: string | null };
}

export interface SqlPlan {
  /** What PostgreSQL receives. */
  sql: string;
  statements: PlannedStatement[];
}

const DEFAULT_SLOT_COUNT = 1;
export const MAX_SLOT_COUNT = 50;

/** The Redshift text of a cancelled query's error (REFERENCE 2.2). */
export function cancelledMessage(queryId: number, custom: string | null): string {
  return custom ?? `Query (${queryId}) cancelled on user's request`;
}

/** PostgreSQL's message for a cancel signal; the proxy replaces it with cancelledMessage(). */
export const PG_USER_CANCEL_MESSAGE = 'canceling statement due to user request';
export const SQLSTATE_QUERY_CANCELED = '57014';

/**
 * A statement that makes PostgreSQL raise the given error. Used instead of answering the client from the
 * proxy so that PostgreSQL keeps the transaction state exact (an error inside BEGIN aborts it).
 */
export function raiseSql(sqlstate: string, message: string): string {
  const safe = message.replace(/\$rs_raise\$/g, '');
  return `DO $rs_raise$BEGIN RAISE EXCEPTION USING ERRCODE = ${quoteLiteral(sqlstate)}, MESSAGE = ${quoteLiteral(safe)}; END$rs_raise$`;
}

/** Error for a query whose slot count exceeds its queue's concurrency (REFERENCE 2.4). [unverified text] */
export function slotCountTooHighMessage(slots: number, queueName: string, concurrency: number): string {
  return `wlm_query_slot_count ${slots} exceeds the concurrency of queue "${queueName}" (${concurrency} slots)`;
}

// ---- planning --------------------------------------------------------------------------------------

export interface PlanOptions {
  /** The session's pid when it is virtual (rewrite 6). */
  virtualPid?: number;
  /** The session's last finished query / COPY (rewrite 7); -1 when none. */
  lastQueryId?: number;
  lastCopyId?: number;
}

export function planSql(sql: string, options: PlanOptions = {}): SqlPlan {
  const spans = splitStatements(sql);
  const statements: PlannedStatement[] = [];
  let out = '';
  let last = 0;
  for (const span of spans) {
    const text = sql.slice(span.start, span.end);
    const planned = planStatement(span, text, options);
    statements.push({ ...planned.statement, text: planned.statement.text.trimEnd() });
    if (planned.sql !== null) {
      out += sql.slice(last, span.start) + planned.sql;
      last = span.end;
    }
  }
  out += sql.slice(last);
  return { sql: out, statements };
}

interface Planned {
  statement: PlannedStatement;
  /** Replacement text for the span, or null to keep it. */
  sql: string | null;
}

function planStatement(span: StatementSpan, text: string, options: PlanOptions): Planned {
  const t = span.tokens;
  const first = keyword(t[0]);
  if (first === 'SET') return planSet(t, text) ?? keep(span, text, options);
  if (first === 'RESET') return planReset(t, text) ?? keep(span, text, options);
  if (first === 'SHOW') return planShow(t, text) ?? keep(span, text, options);
  if (first === 'CANCEL') return planCancel(t, text);
  return keep(span, text, options);
}

/** Not a Redshift-only statement: classify it and apply the in-statement rewrites 5 and 6. */
function keep(span: StatementSpan, text: string, options: PlanOptions): Planned {
  const tokens = span.tokens;
  const usesGovernance = tokens.some((_tok, i) => isCallOf(tokens, i, WLM_EXEMPT_FUNCTIONS));
  const statement: PlannedStatement = {
    // Cancelling, terminating or re-prioritising is never held behind the queries it is meant to act on:
    // on Redshift these are leader-node functions outside WLM, so they take no slot and are not
    // recorded here either.
    class: !usesGovernance && isQuery(tokens) ? 'query' : 'utility',
    text,
  };
  // Replacements as [first token index, last token index, text], in order.
  const replacements: [number, number, string][] = [];
  const sessionValues = new Map<string, number | undefined>([
    ['pg_backend_pid', options.virtualPid],
    ['pg_last_query_id', options.lastQueryId],
    ['pg_last_copy_id', options.lastCopyId],
  ]);
  tokens.forEach((tok, i) => {
    const datepart = datepartReplacement(tokens, i);
    if (datepart) {
      replacements.push([datepart[0], datepart[0], datepart[1]]);
      return;
    }
    if (isGovernanceCall(tokens, i)) {
      replacements.push([i, i, `rs_system.${normalizedIdent(tok)}`]);
      return;
    }
    if (!isCallOf(tokens, i, SESSION_FUNCTIONS) || tokens[i + 2]?.kind !== 'rparen') return;
    const name = normalizedIdent(tok);
    const value = sessionValues.get(name);
    if (value !== undefined) replacements.push([i, i + 2, `rs_system.${name}(${value})`]);
  });
  if (replacements.length === 0) return { statement, sql: null };
  let sql = '';
  let last = span.start;
  for (const [from, to, replacement] of replacements) {
    const a = tokens[from] as Token;
    const b = tokens[to] as Token;
    sql += textBetween(text, span.start, last, a.start) + replacement;
    last = b.end;
  }
  sql += textBetween(text, span.start, last, span.end);
  return { statement, sql };
}

function textBetween(text: string, base: number, from: number, to: number): string {
  return text.slice(from - base, to - base);
}

const GOVERNANCE_FUNCTIONS = new Set(['pg_cancel_backend', 'pg_terminate_backend']);
/** Governance calls that bypass WLM admission (REFERENCE 2.2, 2.3). */
const WLM_EXEMPT_FUNCTIONS = new Set([
  ...GOVERNANCE_FUNCTIONS,
  'change_query_priority',
  'change_session_priority',
  'change_user_priority',
]);

function normalizedIdent(t: Token): string {
  return t.kind === 'qident' ? t.text.slice(1, -1) : t.text.toLowerCase();
}

/** An unqualified call of `name(`. pg_catalog.name(...) stays PostgreSQL's. */
function isCallOf(tokens: Token[], i: number, names: Set<string>): boolean {
  const t = tokens[i];
  if (t === undefined || (t.kind !== 'ident' && t.kind !== 'qident')) return false;
  if (!names.has(normalizedIdent(t))) return false;
  if (tokens[i + 1]?.kind !== 'lparen') return false;
  return tokens[i - 1]?.kind !== 'dot';
}

function isGovernanceCall(tokens: Token[], i: number): boolean {
  return isCallOf(tokens, i, GOVERNANCE_FUNCTIONS);
}

/** Argument-less functions whose value only the proxy knows (rewrites 6 and 7). */
const SESSION_FUNCTIONS = new Set(['pg_backend_pid', 'pg_last_query_id', 'pg_last_copy_id']);

const QUERY_KEYWORDS = new Set([
  'SELECT',
  'WITH',
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'COPY',
  'VALUES',
  'TABLE',
  'CALL',
]);
const TABLE_PREFIXES = new Set(['TEMP', 'TEMPORARY', 'LOCAL', 'GLOBAL', 'UNLOGGED']);

/** Does WLM admit this statement? Queries and CTAS yes; utility and DDL no (REFERENCE 6.3). */
export function isQuery(tokens: Token[]): boolean {
  const first = tokens[0];
  if (first === undefined) return false;
  if (first.kind === 'lparen') return true; // (SELECT ...) UNION ...
  const kw = keyword(first);
  if (QUERY_KEYWORDS.has(kw)) return true;
  if (kw === 'CREATE') {
    // CREATE [TEMP] TABLE name ... AS SELECT (CTAS) runs a query; other CREATEs are DDL.
    let i = 1;
    while (TABLE_PREFIXES.has(keyword(tokens[i]))) i++;
    if (keyword(tokens[i]) !== 'TABLE') return false;
    let depth = 0;
    for (const t of tokens.slice(i + 1)) {
      if (t.kind === 'lparen') depth++;
      else if (t.kind === 'rparen') depth--;
      else if (depth === 0 && keyword(t) === 'AS') return true;
    }
  }
  return false;
}

// ---- SET / RESET / SHOW ------------------------------------------------------------------------------

type Setting = 'query_group' | 'wlm_query_slot_count';

function settingName(t: Token | undefined): Setting | null {
  const name = t === undefined ? '' : normalizedIdent(t);
  return name === 'query_group' || name === 'wlm_query_slot_count' ? name : null;
}

/** The value of `SET x TO <value>`: a literal, an identifier or a number; 'DEFAULT' -> null. */
function setValue(tokens: Token[]): { value: string | null } | undefined {
  if (tokens.length !== 1) return undefined;
  const t = tokens[0] as Token;
  if (keyword(t) === 'DEFAULT') return { value: null };
  const literal = stringValue(t);
  if (literal !== null) return { value: literal };
  if (t.kind === 'ident') return { value: t.text.toLowerCase() };
  if (t.kind === 'qident') return { value: t.text.slice(1, -1) };
  if (t.kind === 'number') return { value: t.text };
  return undefined;
}

/**
 * statement_timeout as PostgreSQL reads it: a number of milliseconds or a string with a unit.
 * Returns undefined for what PostgreSQL would reject (it reports the error itself).
 */
export function parseTimeoutMs(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*$/i.exec(value);
  if (m === null) return undefined;
  const unit =
    { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms').toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * unit);
}

function planSet(t: Token[], text: string): Planned | null {
  let i = 1;
  if (keyword(t[i]) === 'SESSION') i++;
  const local = keyword(t[i]) === 'LOCAL';
  if (local) i++;
  if (!local && t[i] !== undefined && normalizedIdent(t[i] as Token) === 'statement_timeout') {
    const op = t[i + 1];
    if (op === undefined || (keyword(op) !== 'TO' && op.text !== '=')) return null;
    const parsed = setValue(t.slice(i + 2));
    const ms = parsed === undefined ? undefined : parsed.value === null ? null : parseTimeoutMs(parsed.value);
    if (ms === undefined) return null;
    return { statement: { class: 'utility', text, effect: { kind: 'statementTimeout', ms } }, sql: null };
  }
  const name = settingName(t[i]);
  if (name === null) return null;
  const op = t[i + 1];
  if (op === undefined || (keyword(op) !== 'TO' && op.text !== '=')) return syntaxError(text, t[i + 1]);
  const parsed = setValue(t.slice(i + 2));
  if (parsed === undefined) return syntaxError(text, t[i + 2] ?? t[i + 1]);
  const scope = local ? 'SET LOCAL' : 'SET';
  if (name === 'query_group') {
    const value = parsed.value;
    return {
      // SET LOCAL lasts until the transaction ends; the proxy only tracks session-level values.
      statement: { class: 'utility', text, ...(local ? {} : { effect: { kind: 'queryGroup', value } }) },
      sql:
        value === null
          ? `${scope} rs.query_group TO DEFAULT`
          : `${scope} rs.query_group TO ${quoteLiteral(value)}`,
    };
  }
  if (parsed.value === null) {
    return {
      statement: { class: 'utility', text, effect: { kind: 'slotCount', value: DEFAULT_SLOT_COUNT } },
      sql: `${scope} rs.wlm_query_slot_count TO DEFAULT`,
    };
  }
  const n = /^[0-9]+$/.test(parsed.value) ? Number(parsed.value) : NaN;
  if (!Number.isInteger(n)) {
    return raise(text, '22023', `invalid value for parameter "wlm_query_slot_count": "${parsed.value}"`);
  }
  if (n < 1 || n > MAX_SLOT_COUNT) {
    return raise(
      text,
      '22023',
      `${n} is outside the valid range for parameter "wlm_query_slot_count" (1 .. ${MAX_SLOT_COUNT})`,
    );
  }
  return {
    statement: { class: 'utility', text, ...(local ? {} : { effect: { kind: 'slotCount', value: n } }) },
    sql: `${scope} rs.wlm_query_slot_count TO ${quoteLiteral(String(n))}`,
  };
}

function planReset(t: Token[], text: string): Planned | null {
  if (t.length !== 2) return null;
  if (keyword(t[1]) === 'ALL')
    return { statement: { class: 'utility', text, effect: { kind: 'resetAll' } }, sql: null };
  if (t[1] !== undefined && normalizedIdent(t[1]) === 'statement_timeout') {
    return {
      statement: { class: 'utility', text, effect: { kind: 'statementTimeout', ms: null } },
      sql: null,
    };
  }
  const name = settingName(t[1]);
  if (name === null) return null;
  const effect: SettingEffect =
    name === 'query_group'
      ? { kind: 'queryGroup', value: null }
      : { kind: 'slotCount', value: DEFAULT_SLOT_COUNT };
  return { statement: { class: 'utility', text, effect }, sql: `RESET rs.${name}` };
}

function planShow(t: Token[], text: string): Planned | null {
  if (t.length !== 2) return null;
  const name = settingName(t[1]);
  if (name === null) return null;
  const fallback = name === 'query_group' ? 'default' : String(DEFAULT_SLOT_COUNT);
  return {
    statement: { class: 'utility', text, tag: 'SHOW' },
    sql: `SELECT coalesce(nullif(current_setting('rs.${name}', true), ''), ${quoteLiteral(fallback)}) AS ${name}`,
  };
}

// ---- CANCEL ---------------------------------------------------------------------------------------

function planCancel(t: Token[], text: string): Planned {
  const pidToken = t[1];
  if (pidToken?.kind !== 'number' || !/^[0-9]+$/.test(pidToken.text)) return syntaxError(text, pidToken);
  const pid = Number(pidToken.text);
  if (!Number.isSafeInteger(pid) || pid > 2147483647) return raise(text, '22003', 'integer out of range');
  let message: string | null = null;
  if (t.length > 2) {
    message = stringValue(t[2]);
    if (message === null || t.length > 3) return syntaxError(text, message === null ? t[2] : t[3]);
  }
  return {
    statement: { class: 'utility', text, tag: 'CANCEL', cancel: { pid, message } },
    sql: `DO $rs_cancel$BEGIN PERFORM rs_system.pg_cancel_backend(${pid}); END$rs_cancel$`,
  };
}

function raise(text: string, sqlstate: string, message: string): Planned {
  return { statement: { class: 'utility', text }, sql: raiseSql(sqlstate, message) };
}

function syntaxError(text: string, at: Token | undefined): Planned {
  return raise(
    text,
    '42601',
    at === undefined ? 'syntax error at end of input' : `syntax error at or near "${at.text}"`,
  );
}
