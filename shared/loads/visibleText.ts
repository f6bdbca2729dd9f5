// Load errors show raw lines exactly as delivered. Invisible and look-alike characters are what break
// loads, so each becomes a visible, labelled token; the failing range is marked. Pure: the renderer
// turns the segments into React text (never HTML), tests check the segments.

export type VisibleKind =
  'text' | 'tab' | 'lf' | 'cr' | 'nbsp' | 'zero-width' | 'bom' | 'control' | 'non-ascii' | 'trailing-blank';

export interface VisibleSegment {
  kind: VisibleKind;
  /** What to display: the text itself, or a visible stand-in for an invisible character. */
  shown: string;
  /** The original characters this segment stands for. */
  original: string;
  /** Words for the character (TAB, LF, U+200B ZERO WIDTH SPACE, ...); '' for plain text. */
  label: string;
  /** Inside the failing range. */
  failing: boolean;
}

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const ZERO_WIDTH: Record<number, string> = {
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x2060: 'WORD JOINER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
};

const C0_NAMES = [
  'NUL',
  'SOH',
  'STX',
  'ETX',
  'EOT',
  'ENQ',
  'ACK',
  'BEL',
  'BS',
  'TAB',
  'LF',
  'VT',
  'FF',
  'CR',
  'SO',
  'SI',
  'DLE',
  'DC1',
  'DC2',
  'DC3',
  'DC4',
  'NAK',
  'SYN',
  'ETB',
  'CAN',
  'EM',
  'SUB',
  'ESC',
  'FS',
  'GS',
  'RS',
  'US',
];

/** Format and separator characters that change or hide layout (bidi controls, odd spaces). */
const INVISIBLE_RE = /[\p{Cf}\p{Zl}\p{Zp}\p{Zs}\p{Co}\p{Cn}]/u;

function classify(ch: string): Omit<VisibleSegment, 'failing'> | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === '\t') return { kind: 'tab', shown: '⇥', original: ch, label: 'TAB' };
  if (ch === '\n') return { kind: 'lf', shown: '↵', original: ch, label: 'LF' };
  if (ch === '\r') return { kind: 'cr', shown: '␍', original: ch, label: 'CR' };
  if (cp === 0xa0) return { kind: 'nbsp', shown: '⍽', original: ch, label: 'NBSP' };
  if (cp === 0xfeff) return { kind: 'bom', shown: '◊', original: ch, label: 'BOM U+FEFF' };
  if (ZERO_WIDTH[cp] !== undefined)
    return { kind: 'zero-width', shown: '¦', original: ch, label: `${hex(cp)} ${ZERO_WIDTH[cp]}` };
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
    const name = cp < 0x20 ? C0_NAMES[cp] : cp === 0x7f ? 'DEL' : 'C1 control';
    return { kind: 'control', shown: '¤', original: ch, label: `${hex(cp)} ${name}` };
  }
  if (cp > 0x7f && INVISIBLE_RE.test(ch))
    return { kind: 'control', shown: '¤', original: ch, label: `${hex(cp)} invisible` };
  if (cp > 0x7f) return { kind: 'non-ascii', shown: ch, original: ch, label: hex(cp) };
  return null;
}

/**
 * Splits `text` into plain runs and labelled tokens. `failing` is a [start, end) range in UTF-16
 * indices of `text` (e.g. where the failing field sits in the raw line); trailing blanks are labelled.
 * Joining every segment's `original` gives `text` back exactly.
 */
export function visibleText(text: string, failing?: { start: number; end: number } | null): VisibleSegment[] {
  const out: VisibleSegment[] = [];
  const trailingFrom = text.replace(/ +$/, '').length;
  let index = 0;
  for (const ch of text) {
    const inFailing = failing != null && index >= failing.start && index < failing.end;
    const special: Omit<VisibleSegment, 'failing'> | null =
      ch === ' ' && index >= trailingFrom
        ? { kind: 'trailing-blank', shown: '·', original: ch, label: 'trailing blank' }
        : classify(ch);
    const last = out[out.length - 1];
    if (special !== null) out.push({ ...special, failing: inFailing });
    else if (last?.kind === 'text' && last.failing === inFailing) {
      last.shown += ch;
      last.original += ch;
    } else out.push({ kind: 'text', shown: ch, original: ch, label: '', failing: inFailing });
    index += ch.length;
  }
  return out;
}

/** Where the failing field sits in the raw line: its first occurrence, or null when not found. */
export function failingRange(rawLine: string, rawFieldValue: string): { start: number; end: number } | null {
  if (rawFieldValue === '') return null;
  const at = rawLine.indexOf(rawFieldValue);
  return at < 0 ? null : { start: at, end: at + rawFieldValue.length };
}
