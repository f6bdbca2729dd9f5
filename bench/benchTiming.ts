// Figures shared by the benches: counts and milliseconds as printed, medians, and this thread's CPU time
// next to the wall clock (on a shared machine the wall clock also counts the time other processes held
// the core).
import { performance } from 'node:perf_hooks';

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
/** A count (rows, statements) rounded, with thousands separators. */
export const count = (n: number) => Math.round(n).toLocaleString('en-US');
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** CPU milliseconds (user + system) this process spent since `from`. */
export function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

/** Median wall and CPU milliseconds of `runs` calls. */
export function time(runs: number, run: () => unknown): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    run();
    walls.push(performance.now() - t);
    cpus.push(cpuMs(c));
  }
  return { wall: median(walls), cpu: median(cpus) };
}
