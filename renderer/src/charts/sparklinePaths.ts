// Shapes a trend into SVG coordinates: values spread evenly across the width, scaled from 0 (or the
// minimum, when everything is far above 0) to the maximum; null breaks the line into runs. Pure.

export interface SparklineShape {
  /** One "x,y x,y …" polyline per run of two or more consecutive values. */
  lines: string[];
  /** Lone values between gaps: drawn as dots, or they would not show at all. */
  dots: [number, number][];
}

export function sparklinePaths(
  values: readonly (number | null)[],
  width: number,
  height: number,
  pad = 2,
): SparklineShape {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0 || values.length === 0) return { lines: [], dots: [] };
  const max = Math.max(...present);
  const min = Math.min(...present);
  // Durations read best from zero; a flat series sits in the middle rather than on an edge.
  const low = min >= 0 ? 0 : min;
  const spanY = max - low;
  const innerW = Math.max(0, width - 2 * pad);
  const innerH = Math.max(0, height - 2 * pad);
  const step = values.length > 1 ? innerW / (values.length - 1) : 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  const xAt = (i: number) => round(values.length > 1 ? pad + i * step : width / 2);
  const yAt = (v: number) => round(spanY === 0 ? height / 2 : pad + innerH - ((v - low) / spanY) * innerH);

  const lines: string[] = [];
  const dots: [number, number][] = [];
  let run: [number, number][] = [];
  const flush = () => {
    if (run.length === 1 && run[0]) dots.push(run[0]);
    else if (run.length > 1) lines.push(run.map(([x, y]) => `${x},${y}`).join(' '));
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) flush();
    else run.push([xAt(i), yAt(v)]);
  });
  flush();
  return { lines, dots };
}
