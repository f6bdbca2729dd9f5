// A line diff of two texts (the WLM JSON before and after, indented), for the audit view: longest
// common subsequence, lines marked ' ' (same), '-' (only before) or '+' (only after).

export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

/** Above this many line pairs the table would be too big: fall back to "all removed, all added". */
const MAX_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) {
    return [
      ...a.map((text) => ({ kind: '-' as const, text })),
      ...b.map((text) => ({ kind: '+' as const, text })),
    ];
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const x = a[i] ?? '';
    const y = b[j] ?? '';
    if (x === y) {
      out.push({ kind: ' ', text: x });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      out.push({ kind: '-', text: x });
      i++;
    } else {
      out.push({ kind: '+', text: y });
      j++;
    }
  }
  for (; i < n; i++) out.push({ kind: '-', text: a[i] ?? '' });
  for (; j < m; j++) out.push({ kind: '+', text: b[j] ?? '' });
  return out;
}
