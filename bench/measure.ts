/** Timing helpers: a warm-up, then the median of several runs, all in this one process. */
import { performance } from 'node:perf_hooks';

export async function medianMs(runs: number, action: () => Promise<unknown>): Promise<number> {
  await action(); // warm-up: first-run costs (page cache, JIT, DuckDB catalog) are not measured
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Upper median: with an even count it is a measured value, never an average of two. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function timeMs(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

export const toMiB = (bytes: number): number => bytes / 2 ** 20;
