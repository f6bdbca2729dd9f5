// Statement text as the catalog stores it, computed in TypeScript with exactly the rules of
// rs_internal.record_query / split_statement_text / query_type_of (electron/demo/catalog/
// 30_record_query.sql), so generated history and live history look the same. A test compares both.
import { createHash } from 'node:crypto';

/** REFERENCE 1.5, 6.3: a backslash becomes \\ and a newline the two characters \n. */
export function escapeStatementText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** The first n characters (code points, as PostgreSQL counts them). */
export function leftChars(text: string, n: number): string {
  if (text.length <= n) return text; // UTF-16 units >= code points
  let count = 0;
  let end = 0;
  for (const ch of text) {
    if (count === n) break;
    count++;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * Escaped pieces of at most `pieceLength` characters from sequence 0; an escape sequence is never
 * split across pieces (REFERENCE 1.5), and empty text gives one empty piece.
 */
export function splitStatementText(text: string, pieceLength: number): string[] {
  const escaped = escapeStatementText(text);
  // Code points, as PostgreSQL counts characters; UTF-16 units are the same unless surrogates occur.
  const chars = /[\uD800-\uDFFF]/.test(escaped) ? [...escaped] : null;
  const length = chars === null ? escaped.length : chars.length;
  const slice = (from: number, to: number): string =>
    chars === null ? escaped.slice(from, to) : chars.slice(from, to).join('');
  const pieces: string[] = [];
  let pos = 0;
  for (;;) {
    let piece = slice(pos, pos + pieceLength);
    let pieceChars = Math.min(pieceLength, length - pos);
    if (pieceChars === pieceLength) {
      const trailing = /\\*$/.exec(piece)?.[0].length ?? 0;
      if (trailing % 2 === 1) {
        piece = piece.slice(0, -1);
        pieceChars--;
      }
    }
    pieces.push(piece);
    pos += pieceChars;
    if (pos >= length) break;
  }
  return pieces;
}

/** SYS_QUERY_HISTORY.query_type from the first keyword, like rs_internal.query_type_of. */
export function queryTypeOf(text: string): string {
  let t = text;
  for (;;) {
    t = t.replace(/^[ \t\r\n]+/, '');
    if (t.startsWith('--')) {
      const end = t.indexOf('\n');
      t = end < 0 ? '' : t.slice(end + 1);
    } else if (t.startsWith('/*')) {
      const end = t.indexOf('*/', 2);
      t = end < 0 ? '' : t.slice(end + 2);
    } else {
      break;
    }
  }
  if (/^create\s+(temp\s+|temporary\s+)?table\s+\S+(\s*\([^)]*\))?\s+as\b/i.test(t)) return 'CTAS';
  if (/^(select|with)\b/i.test(t)) return 'SELECT';
  if (/^insert\b/i.test(t)) return 'INSERT';
  if (/^update\b/i.test(t)) return 'UPDATE';
  if (/^copy\b/i.test(t)) return 'COPY';
  if (/^unload\b/i.test(t)) return 'UNLOAD';
  if (/^(create|alter|drop)\b/i.test(t)) return 'DDL';
  if (/^(vacuum|analyze)\b/i.test(t)) return 'COMMAND';
  if (
    /^(set|reset|show|begin|start|commit|end|abort|rollback|grant|revoke|cancel|lock|truncate|call|comment|explain)\b/i.test(
      t,
    )
  ) {
    return 'UTILITY';
  }
  return 'OTHER';
}

const hash12 = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest().subarray(0, 8).toString('base64');

/** SYS_QUERY_HISTORY.user_query_hash: 12-character base64 (REFERENCE 1.24 sample `oPuFtjEPLTs=`). */
export const userQueryHash = (text: string): string => hash12(text);

/** SYS_QUERY_HISTORY.generic_query_hash: string and number literals replaced by '?' first. */
export function genericQueryHash(text: string): string {
  const generic = text
    .replace(/'([^']|'')*'/g, '?')
    .replace(/(?<![A-Za-z0-9_])[0-9]+(\.[0-9]+)?(?![A-Za-z0-9_])/g, '?');
  return hash12(generic);
}
