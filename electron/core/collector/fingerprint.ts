// A query's fingerprint: the hash of its text with everything that varies between runs of "the same
// query" taken out, so a history can group the nightly runs of a statement whose dates and ids change.
//
// normalizeSql() works in one pass over the text (it runs for every ingested row, so no chain of
// regular expressions):
// - comments (-- to end of line, /* ... */, nested like Redshift/PostgreSQL) are dropped;
// - string literals ('...' with '' escapes, E'...' with backslash escapes) become ?, and so do
//   typed literals such as DATE '2024-01-01' (the type keyword stays: `date ?`);
// - numbers (12, 1.5, .5, 1e-3) and parameters ($1) become ?;
// - IN lists of placeholders collapse to `in (?)`, whatever their length;
// - whitespace collapses to single spaces, and everything outside "quoted identifiers" is lowercased
//   (Redshift folds unquoted identifiers to lowercase too, so this changes nothing that matters).
// The hash is SHA-1, first 16 hex digits (64 bits): plenty to tell the statements of one cluster apart.
import { createHash } from 'node:crypto';

// Character classes of ASCII, looked up instead of compared (this runs for every ingested statement).
const SPACE = 1;
const DIGIT = 2;
const WORD = 4;
const CLASS = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32]) CLASS[c] = SPACE;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | WORD;
for (let c = 65; c <= 90; c++) CLASS[c] = WORD;
for (let c = 97; c <= 122; c++) CLASS[c] = WORD;
CLASS[95] = WORD; // _
CLASS[36] = WORD; // $
const isSpace = (c: number) => c < 128 && (CLASS[c]! & SPACE) !== 0;
const isDigit = (c: number) => c < 128 && (CLASS[c]! & DIGIT) !== 0;
const isWordChar = (c: number) => c >= 128 || (CLASS[c]! & WORD) !== 0;

export function normalizeSql(sql: string): string {
  const out: string[] = [];
  const n = sql.length;
  let i = 0;
  const push = (token: string) => out.push(token);
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // -- comment
    if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    // /* comment */, nested
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql.charCodeAt(i) === 47 && sql.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else if (sql.charCodeAt(i) === 42 && sql.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
        } else i++;
      }
      continue;
    }
    // 'string' (E'...' is handled with the word that precedes it)
    if (c === 39) {
      i = skipString(sql, i, false);
      push('?');
      continue;
    }
    // "quoted identifier": kept as written
    if (c === 34) {
      let j = i + 1;
      while (j < n) {
        if (sql.charCodeAt(j) === 34) {
          if (sql.charCodeAt(j + 1) === 34) j += 2;
          else break;
        } else j++;
      }
      push(sql.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    // numbers: 12, 1.5, .5, 1e-3 (not part of a word: t1 stays t1)
    if (isDigit(c) || (c === 46 && isDigit(sql.charCodeAt(i + 1)))) {
      let j = i;
      while (j < n && (isDigit(sql.charCodeAt(j)) || sql.charCodeAt(j) === 46)) j++;
      if (j < n && (sql.charCodeAt(j) === 101 || sql.charCodeAt(j) === 69)) {
        let k = j + 1;
        if (sql.charCodeAt(k) === 43 || sql.charCodeAt(k) === 45) k++;
        if (isDigit(sql.charCodeAt(k))) {
          j = k;
          while (j < n && isDigit(sql.charCodeAt(j))) j++;
        }
      }
      push('?');
      i = j;
      continue;
    }
    // $1 parameters
    if (c === 36 && isDigit(sql.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < n && isDigit(sql.charCodeAt(j))) j++;
      push('?');
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      // Lowercase only words that need it (non-ASCII letters may have case too).
      let upper = (c >= 65 && c <= 90) || c >= 128;
      for (; j < n; j++) {
        const d = sql.charCodeAt(j);
        if (!isWordChar(d)) break;
        if ((d >= 65 && d <= 90) || d >= 128) upper = true;
      }
      const word = upper ? sql.slice(i, j).toLowerCase() : sql.slice(i, j);
      // E'...' escape strings
      if ((word === 'e' || word === 'n') && sql.charCodeAt(j) === 39) {
        i = skipString(sql, j, word === 'e');
        push('?');
        continue;
      }
      push(word);
      i = j;
      continue;
    }
    // punctuation and operators: one character each (:: and <= become two tokens; harmless)
    push(sql[i]!);
    i++;
  }
  return collapseInLists(out).join(' ');
}

/** Returns the index after the closing quote of the string starting at `start`. */
function skipString(sql: string, start: number, backslashEscapes: boolean): number {
  const n = sql.length;
  let j = start + 1;
  while (j < n) {
    const c = sql.charCodeAt(j);
    if (backslashEscapes && c === 92) j += 2;
    else if (c === 39) {
      if (sql.charCodeAt(j + 1) === 39) j += 2;
      else return j + 1;
    } else j++;
  }
  return n;
}

/** `in ( ? , ? , ? )` -> `in ( ? )`. */
function collapseInLists(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(tokens[i]!);
    if (tokens[i] !== 'in' || tokens[i + 1] !== '(' || tokens[i + 2] !== '?') continue;
    let j = i + 3;
    while (tokens[j] === ',' && tokens[j + 1] === '?') j += 2;
    if (tokens[j] !== ')') continue;
    out.push('(', '?', ')');
    i = j;
  }
  return out;
}

// Dashboards and schedulers send the very same text again and again: remember recent fingerprints.
const CACHE_LIMIT = 4_096;
const MAX_CACHED_TEXT = 8_192;
const cache = new Map<string, string>();

export function fingerprint(sql: string): string {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  const hash = createHash('sha1').update(normalizeSql(sql)).digest('hex').slice(0, 16);
  if (sql.length <= MAX_CACHED_TEXT) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(sql, hash);
  }
  return hash;
}
