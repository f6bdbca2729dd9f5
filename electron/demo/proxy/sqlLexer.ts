// A small SQL tokenizer for the proxy: enough of PostgreSQL's lexical rules (strings, E'' strings,
// dollar quotes, quoted identifiers, nested comments) to split a Query message into statements and find
// the few constructs the proxy rewrites, without ever mistaking text inside a literal for SQL.
// Unterminated literals or comments run to the end of the input; PostgreSQL reports the error itself.

export type TokenKind =
  | 'space'
  | 'comment'
  | 'string'
  | 'dollar'
  | 'qident'
  | 'ident'
  | 'number'
  | 'param'
  | 'semicolon'
  | 'lparen'
  | 'rparen'
  | 'dot'
  | 'op';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;
/** The one-character tokens with a kind of their own; any other character is an 'op'. */
const PUNCTUATION: Partial<Record<string, TokenKind>> = {
  ';': 'semicolon',
  '(': 'lparen',
  ')': 'rparen',
  '.': 'dot',
};

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push({ kind, start, end, text: sql.slice(start, end) });
  };
  // Reads a '...' literal starting at the quote; backslash escapes only in E'' strings.
  const quoted = (from: number, backslash: boolean): number => {
    let j = from + 1;
    while (j < n) {
      const c = sql[j];
      if (backslash && c === '\\') {
        j += 2;
        continue;
      }
      if (c === "'") {
        if (sql[j + 1] === "'") {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return n;
  };
  while (i < n) {
    const c = sql[i] as string;
    const start = i;
    if (/\s/.test(c)) {
      while (i < n && /\s/.test(sql[i] as string)) i++;
      push('space', start, i);
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
      push('comment', start, i);
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      push('comment', start, i);
    } else if (c === "'") {
      i = quoted(i, false);
      push('string', start, i);
    } else if ((c === 'E' || c === 'e') && sql[i + 1] === "'") {
      i = quoted(i + 1, true);
      push('string', start, i);
    } else if (/[BbXxNn]/.test(c) && sql[i + 1] === "'") {
      i = quoted(i + 1, false);
      push('string', start, i);
    } else if ((c === 'U' || c === 'u') && sql[i + 1] === '&' && (sql[i + 2] === "'" || sql[i + 2] === '"')) {
      if (sql[i + 2] === "'") {
        i = quoted(i + 2, false);
        push('string', start, i);
      } else {
        i = quotedIdent(sql, i + 2);
        push('qident', start, i);
      }
    } else if (c === '"') {
      i = quotedIdent(sql, i);
      push('qident', start, i);
    } else if (c === '$') {
      const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64));
      if (m) {
        const tag = m[0];
        const close = sql.indexOf(tag, i + tag.length);
        i = close < 0 ? n : close + tag.length;
        push('dollar', start, i);
      } else if (DIGIT.test(sql[i + 1] ?? '')) {
        i++;
        while (i < n && DIGIT.test(sql[i] as string)) i++;
        push('param', start, i);
      } else {
        i++;
        push('op', start, i);
      }
    } else if (IDENT_START.test(c)) {
      while (i < n && IDENT_PART.test(sql[i] as string)) i++;
      push('ident', start, i);
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(sql[i + 1] ?? ''))) {
      while (i < n && /[0-9.]/.test(sql[i] as string)) i++;
      if ((sql[i] === 'e' || sql[i] === 'E') && /[0-9+-]/.test(sql[i + 1] ?? '')) {
        i += 2;
        while (i < n && DIGIT.test(sql[i] as string)) i++;
      }
      push('number', start, i);
    } else {
      i++;
      push(PUNCTUATION[c] ?? 'op', start, i);
    }
  }
  return tokens;
}

function quotedIdent(sql: string, from: number): number {
  let j = from + 1;
  while (j < sql.length) {
    if (sql[j] === '"') {
      if (sql[j + 1] === '"') {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

export function isSignificant(t: Token): boolean {
  return t.kind !== 'space' && t.kind !== 'comment';
}

/** Upper-cased keyword of an unquoted identifier token, '' otherwise. */
export function keyword(t: Token | undefined): string {
  return t?.kind === 'ident' ? t.text.toUpperCase() : '';
}

/** One statement of a (possibly multi-statement) SQL string. */
export interface StatementSpan {
  /** Offsets into the input, excluding the terminating semicolon. */
  start: number;
  end: number;
  /** Non-whitespace, non-comment tokens of the statement. */
  tokens: Token[];
}

/**
 * Splits SQL into statements at top-level semicolons, as PostgreSQL's parser does; empty statements
 * (`;;`, comments only) are dropped because the server sends nothing for them. `CREATE ... BEGIN ATOMIC
 * ... END` bodies contain semicolons of their own and are kept whole.
 */
export function splitStatements(sql: string): StatementSpan[] {
  const tokens = tokenize(sql);
  const out: StatementSpan[] = [];
  let current: Token[] = [];
  let start = 0;
  let atomicDepth = 0;
  const flush = (end: number): void => {
    if (current.length > 0) out.push({ start, end, tokens: current });
    current = [];
  };
  for (const t of tokens) {
    if (t.kind === 'semicolon' && atomicDepth === 0) {
      flush(t.start);
      start = t.end;
      continue;
    }
    if (!isSignificant(t)) continue;
    if (current.length === 0) start = t.start;
    const kw = keyword(t);
    if (atomicDepth > 0) {
      if (kw === 'CASE') atomicDepth++;
      else if (kw === 'END') atomicDepth--;
    } else if (
      kw === 'ATOMIC' &&
      keyword(current[current.length - 1]) === 'BEGIN' &&
      keyword(current[0]) === 'CREATE'
    ) {
      atomicDepth = 1;
    }
    current.push(t);
  }
  flush(sql.length);
  return out;
}

/** The value of a string literal token ('...', E'...'), or null for other tokens. */
export function stringValue(t: Token | undefined): string | null {
  if (t?.kind !== 'string') return null;
  const text = t.text;
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (/^[Ee]'/.test(text)) {
    return text
      .slice(2, -1)
      .replace(/''/g, "'")
      .replace(/\\(.)/g, (_m, ch: string) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' })[ch] ?? ch);
  }
  return null;
}

/** SQL string literal for a value (standard_conforming_strings on). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
