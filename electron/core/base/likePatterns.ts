// Hide-by-pattern (issue #14): SQL LIKE patterns matched in JavaScript with SQLite's own semantics, so
// a pattern means the same in every list. LIKE and not regular expressions: Redshift admins write LIKE
// every day, `%` and `_` cover what lists need ("SELECT pg_sleep(%)"), and a LIKE pattern cannot make a
// catastrophic backtracking case out of a caller's input on door 2 (a regular expression could).
// As in SQLite: the whole text must match, `%` is any run of characters, `_` one character, and case is
// folded for ASCII letters only. The text is trimmed first: a statement sent with a leading newline is
// the same statement.

/** True for a text any of the patterns matches. */
export type TextMatcher = (text: string) => boolean;

/** The matcher of the patterns; null for no patterns (nothing to try). */
export function likeMatcher(patterns: readonly string[]): TextMatcher | null {
  if (patterns.length === 0) return null;
  const expressions = patterns.map((p) => new RegExp(`^${[...foldAscii(p)].map(piece).join('')}$`, 's'));
  return (text) => {
    const folded = foldAscii(text.trim());
    return expressions.some((e) => e.test(folded));
  };
}

function piece(c: string): string {
  if (c === '%') return '.*';
  if (c === '_') return '.';
  return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
