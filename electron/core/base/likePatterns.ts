// Hide-by-pattern (issue #14): SQL LIKE patterns matched in JavaScript with SQLite's own semantics, so
// a pattern means the same in every list. LIKE and not regular expressions: Redshift admins write LIKE
// every day, `%` and `_` cover what lists need ("SELECT pg_sleep(%)"), and a LIKE pattern cannot make a
// catastrophic backtracking case out of a caller's input on door 2 (a regular expression could).
// As in SQLite: the whole text must match, `%` is any run of characters, `_` one character, and case is
// folded for ASCII letters only. The text is trimmed first: a statement sent with a leading newline is
// the same statement.

/** True for a text any of the patterns matches. */
export type TextMatcher = (text: string) => boolean;

/**
 * The whitespace trimmed from both ends of a text before matching, as character codes. One list for the
 * matcher here and for the SQL form of the same patterns (readQueryHistory: `trim(text, char(...))`), so
 * "All runs" hides exactly what the other lists hide.
 */
export const LIKE_TRIMMED_CODES = [32, 9, 10, 11, 12, 13] as const;

const TRIMMED = String.fromCharCode(...LIKE_TRIMMED_CODES);

/** The matcher of the patterns; null for no patterns (nothing to try). */
export function likeMatcher(patterns: readonly string[]): TextMatcher | null {
  if (patterns.length === 0) return null;
  // 'u': `_` is one character (a code point), as in SQLite, not one UTF-16 unit.
  const expressions = patterns.map((p) => new RegExp(`^${[...foldAscii(p)].map(piece).join('')}$`, 'su'));
  return (text) => {
    const folded = foldAscii(trimLike(text));
    return expressions.some((e) => e.test(folded));
  };
}

function trimLike(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && TRIMMED.includes(text[start]!)) start++;
  while (end > start && TRIMMED.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function piece(c: string): string {
  if (c === '%') return '.*';
  if (c === '_') return '.';
  return c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
