// Durations in the words the batch views use: '1 h 12 min', '38 min', '45 s'.

export function durationWords(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${Math.round(abs / 1000)} s`;
  const minutes = Math.round(abs / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A view's words while the nights are being recut: says so first. */
export function rebuildingWords(progress: { done: number; total: number } | null, words: string): string {
  return progress === null
    ? words
    : `Rebuilding the nights for the new window: ${progress.done} of ${progress.total} nights done, newest first. ${words}`;
}
