/**
 * Seeded percentile bootstrap for any statistic of one sample or of two independent samples.
 *
 * Guarantees:
 * - Deterministic: the same data, statistic, options and seed give the same interval, bit for
 *   bit (mulberry32, one stream, samples drawn in a fixed order).
 * - Each resample is handed to the statistic sorted ascending. Resamples are exchangeable, so
 *   a statistic of an i.i.d. sample (median, quantile, mean) cannot depend on order; sorting for
 *   free lets quantile statistics skip their own sort. Resampling is done by counting how often
 *   each position of the sorted input is drawn, then writing the values out in order — O(n)
 *   per resample, no O(n log n) sort.
 * - Interval = the α/2 and 1 − α/2 type-7 quantiles of the resampled statistics (the
 *   percentile method, Efron & Tibshirani 1993, ch. 13).
 * Hazards avoided: `Math.random()` intervals that change on every refresh; a statistic that is
 * undefined on some resamples (a median of 0 in a ratio's denominator) silently dropped, which
 * would bias the interval — if any resample gives NaN the bounds are null with a reason.
 * Limits: the percentile bootstrap under-covers at small n (below ~10 per sample it is too
 * optimistic); callers mark small n (see small-n.ts) rather than trust such an interval.
 */
import { mulberry32, type Random } from './random.ts';
import { quantile, sortAscending } from './quantile.ts';

export interface BootstrapOptions {
  /** Number of resamples; default 2000. */
  resamples?: number;
  /** Two-sided confidence level; default 0.95. */
  level?: number;
  /** Seed for mulberry32; required so every interval is reproducible. */
  seed: number;
}

export interface BootstrapCi {
  /** The statistic on the original sample(s); null when a sample is empty or it is NaN. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  resamples: number;
  method: 'percentile';
  /** Why the bounds are null; null when they exist. */
  reason: string | null;
}

/** Writes a with-replacement resample of `sorted` into `out`, in ascending order. */
function resampleSorted(sorted: readonly number[], random: Random, counts: Uint32Array, out: number[]): void {
  const n = sorted.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const drawn = Math.floor(random() * n);
    counts[drawn] = (counts[drawn] as number) + 1;
  }
  let k = 0;
  for (let i = 0; i < n; i++) {
    const value = sorted[i] as number;
    for (let c = counts[i] as number; c > 0; c--) out[k++] = value;
  }
}

function validate(resamples: number, level: number): void {
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
}

export function percentileInterval(value: number, stats: number[], level: number, resamples: number): BootstrapCi {
  const undefinedCount = stats.filter((s) => Number.isNaN(s)).length;
  const estimate = Number.isNaN(value) ? null : value;
  const base = { estimate, level, resamples, method: 'percentile' as const };
  if (undefinedCount > 0) {
    return { ...base, lower: null, upper: null, reason: `the statistic is undefined in ${undefinedCount} of ${resamples} resamples` };
  }
  const sorted = sortAscending(stats);
  const alpha = 1 - level;
  return { ...base, lower: quantile(sorted, alpha / 2), upper: quantile(sorted, 1 - alpha / 2), reason: null };
}

/** Percentile-bootstrap interval for `statistic` of one sample (any order). */
export function bootstrapCi(
  sample: readonly number[],
  statistic: (sortedResample: readonly number[]) => number,
  options: BootstrapOptions,
): BootstrapCi {
  const { resamples = 2000, level = 0.95, seed } = options;
  validate(resamples, level);
  const sorted = sortAscending(sample);
  if (sorted.length === 0) return { estimate: null, lower: null, upper: null, level, resamples, method: 'percentile', reason: 'the sample is empty' };
  const random = mulberry32(seed);
  const counts = new Uint32Array(sorted.length);
  const buffer = new Array<number>(sorted.length);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    resampleSorted(sorted, random, counts, buffer);
    stats.push(statistic(buffer));
  }
  return percentileInterval(statistic(sorted), stats, level, resamples);
}

/**
 * Percentile-bootstrap interval for `statistic(a, b)` of two independent samples, each
 * resampled within itself (a stratified bootstrap: group sizes stay fixed). Used for the
 * ratio of medians between two periods.
 */
export function bootstrapCi2(
  a: readonly number[],
  b: readonly number[],
  statistic: (sortedA: readonly number[], sortedB: readonly number[]) => number,
  options: BootstrapOptions,
): BootstrapCi {
  const { resamples = 2000, level = 0.95, seed } = options;
  validate(resamples, level);
  const sortedA = sortAscending(a);
  const sortedB = sortAscending(b);
  if (sortedA.length === 0 || sortedB.length === 0) {
    return { estimate: null, lower: null, upper: null, level, resamples, method: 'percentile', reason: 'a sample is empty' };
  }
  const random = mulberry32(seed);
  const countsA = new Uint32Array(sortedA.length);
  const countsB = new Uint32Array(sortedB.length);
  const bufferA = new Array<number>(sortedA.length);
  const bufferB = new Array<number>(sortedB.length);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    resampleSorted(sortedA, random, countsA, bufferA);
    resampleSorted(sortedB, random, countsB, bufferB);
    stats.push(statistic(bufferA, bufferB));
  }
  return percentileInterval(statistic(sortedA, sortedB), stats, level, resamples);
}
