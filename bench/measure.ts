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
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
