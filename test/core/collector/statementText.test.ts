// Reassembly of the text pieces exactly as the double (and, per REFERENCE 1.5, Redshift) writes them:
// escaped, cut so no escape sequence is split, blank-padded to the piece width.
import { describe, expect, it } from 'vitest';
import { reassembleText, unescapeStatementText } from '../../../electron/core/collector/statementText.ts';

/** What rs_internal.split_statement_text + character(n) padding produce. */
function pieces(text: string, width: number) {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  const out: { sequence: number; text: string }[] = [];
  let pos = 0;
  do {
    let piece = escaped.slice(pos, pos + width);
    if (piece.length === width && /\\*$/.exec(piece)![0].length % 2 === 1) piece = piece.slice(0, -1);
    out.push({ sequence: out.length, text: piece.padEnd(width, ' ') });
    pos += piece.length;
  } while (pos < escaped.length);
  return out;
}

describe('statement text reassembly', () => {
  it('gives back the original text: newlines, backslashes, blanks at piece ends, any order', () => {
    const text = `SELECT '${'a'.repeat(195)}  ' AS x,\n  'C:\\\\path\\n' AS y,${' '.repeat(250)}z\nFROM t`;
    const p = pieces(text, 200).reverse();
    expect(reassembleText(p, 200)).toEqual({ text, complete: true });
  });

  it('drops the padding of a piece cut short before an escape sequence', () => {
    for (let at = 190; at < 205; at++) {
      const text = `${'x'.repeat(at)}\n${'y'.repeat(300)}\\\\end`;
      expect(reassembleText(pieces(text, 200), 200).text).toBe(text);
    }
  });

  it('marks text with a missing piece as incomplete', () => {
    const p = pieces('q'.repeat(700), 200).filter((x) => x.sequence !== 1);
    expect(reassembleText(p, 200).complete).toBe(false);
  });

  it('handles 4000-character pieces (SYS_QUERY_TEXT) and emoji', () => {
    const text = `SELECT '\u{1F600}\u200F${'é'.repeat(5000)}'`;
    expect(reassembleText(pieces(text, 4000), 4000)).toEqual({ text, complete: true });
  });

  it('unescapes only \\n and \\\\', () => {
    expect(unescapeStatementText('a\\nb\\\\c\\td\\')).toBe('a\nb\\c\\td\\');
  });
});
