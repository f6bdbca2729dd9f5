// Reassembles a statement's full text from the piece tables (REFERENCE 1.5, 1.24, 6.3):
// STL_QUERYTEXT holds 200-character pieces and SYS_QUERY_TEXT 4,000-character pieces, numbered from 0,
// blank-padded (character(n)), with a backslash stored as `\\` and a newline as the two characters `\n`.
//
// Padding: a piece that is not the last one is full, so its trailing blanks are real text and are kept
// (AWS's LISTAGG idiom rtrims every piece and loses them). Two exceptions follow from the format:
// - an escape sequence is never split across pieces (REFERENCE 1.5 [inferred]), so a piece that would
//   end in the first half of one is cut one character short and padded: a blank in the last position
//   followed by a piece that starts with a backslash is that padding, and is dropped. (A real blank in
//   exactly that place is indistinguishable; it is the rarer case.)
// - the last piece's trailing blanks cannot be told from padding and are dropped, as Redshift's own
//   tools do. Trailing blanks of a statement carry no meaning.

export interface TextPiece {
  sequence: number;
  text: string;
}

export interface ReassembledText {
  text: string;
  /** Every piece from 0 to the last one was there. */
  complete: boolean;
}

/** `\\` -> `\`, `\n` -> newline; any other backslash stays as it is. */
export function unescapeStatementText(escaped: string): string {
  return escaped.includes('\\') ? escaped.replace(ESCAPE, (seq) => (seq === '\\n' ? '\n' : '\\')) : escaped;
}

const ESCAPE = /\\[n\\]/g;

/**
 * Pieces of one statement (any order) -> its text. `pieceLength` is the declared width (200 or 4000);
 * the driver returns character(n) values padded to it.
 */
export function reassembleText(pieces: readonly TextPiece[], pieceLength: number): ReassembledText {
  // The SQL returns pieces in order; sort only when they are not.
  const sorted = isSorted(pieces) ? pieces : [...pieces].sort((a, b) => a.sequence - b.sequence);
  let complete = sorted.length > 0;
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const piece = sorted[i]!;
    if (piece.sequence !== i) complete = false;
    const next = sorted[i + 1];
    let text = piece.text;
    if (next === undefined) {
      let end = text.length;
      while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
      text = text.slice(0, end);
    } else {
      // A driver or view that already trimmed the padding gives shorter pieces: pad back to the width.
      if (text.length < pieceLength) text = text.padEnd(pieceLength, ' ');
      if (text.endsWith(' ') && next.text.startsWith('\\') && !endsInOpenEscape(text.slice(0, -1))) {
        text = text.slice(0, -1);
      }
    }
    parts.push(text);
  }
  return { text: unescapeStatementText(parts.join('')), complete };
}

function isSorted(pieces: readonly TextPiece[]): boolean {
  for (let i = 1; i < pieces.length; i++) if (pieces[i]!.sequence < pieces[i - 1]!.sequence) return false;
  return true;
}

/** Does the text end with an odd run of backslashes (the first half of an escape sequence)? */
function endsInOpenEscape(text: string): boolean {
  let run = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) run++;
  return run % 2 === 1;
}
