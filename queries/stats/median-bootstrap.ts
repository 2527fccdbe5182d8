/**
 * The bootstrap of a median without building resamples. A with-replacement resample of a sorted
 * sample x(1) ≤ … ≤ x(n) draws n indices floor(n·u) + 1 from iid uniforms u; the map is
 * monotone, so the resample's k-th smallest value is x at floor(n·U(k)) + 1, where U(k) is the
 * k-th order statistic of n uniforms — Beta(k, n − k + 1). The resample median (type 7 at 0.5:
 * the middle value, or the mean of the two middle ones) is therefore drawn exactly, in
 * distribution, from one Beta variate (and, for even n, the next order statistic above it: the
 * minimum of the n − k uniforms left on (U(k), 1)). O(1) per resample instead of O(n): at a
 * month of 60,000 incidents the 2,000-resample interval takes milliseconds, not seconds.
 *
 * Same guarantees as bootstrap.ts: seeded (mulberry32), deterministic, percentile interval, and
 * a statistic undefined on any resample (a zero median under a ratio) gives null bounds with the
 * reason, never a silently biased interval.
 */
import { percentileInterval, type BootstrapCi, type BootstrapOptions } from './bootstrap.ts';
import { quantile, sortAscending } from './quantile.ts';
import { mulberry32, type Random } from './random.ts';

/** A uniform in (0, 1): mulberry32 can return 0, which log() and powers must not see. */
function open01(random: Random): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}

/** Standard normal (Box–Muller; one of the pair is used, so the stream stays simple to replay). */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(open01(random))) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through the boost Gamma(a + 1)·U^(1/a). */
export function gamma(shape: number, random: Random): number {
  if (shape < 1) return gamma(shape + 1, random) * open01(random) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = open01(random);
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function beta(a: number, b: number, random: Random): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

const at = (sorted: readonly number[], u: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * u))] as number;

/** One draw of the median of a with-replacement resample of `sorted` (ascending, non-empty). */
export function resampledMedian(sorted: readonly number[], random: Random): number {
  const n = sorted.length;
  if (n % 2 === 1) {
    const k = (n + 1) / 2;
    return at(sorted, beta(k, n - k + 1, random));
  }
  const k = n / 2;
  const lower = beta(k, n - k + 1, random);
  const upper = lower + (1 - lower) * (1 - open01(random) ** (1 / (n - k)));
  return (at(sorted, lower) + at(sorted, upper)) / 2;
}

/**
 * Percentile-bootstrap interval for median(a) / median(b) of two independent samples, each
 * resampled within itself; NaN (undefined) when either resampled median is not positive.
 */
export function bootstrapMedianRatioCi(a: readonly number[], b: readonly number[], options: BootstrapOptions): BootstrapCi {
  const { resamples = 2000, level = 0.95, seed } = options;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  const sortedA = sortAscending(a);
  const sortedB = sortAscending(b);
  if (sortedA.length === 0 || sortedB.length === 0) {
    return { estimate: null, lower: null, upper: null, level, resamples, method: 'percentile', reason: 'a sample is empty' };
  }
  const ratio = (top: number, bottom: number) => (top > 0 && bottom > 0 ? top / bottom : Number.NaN);
  const random = mulberry32(seed);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) stats.push(ratio(resampledMedian(sortedA, random), resampledMedian(sortedB, random)));
  return percentileInterval(ratio(quantile(sortedA, 0.5) as number, quantile(sortedB, 0.5) as number), stats, level, resamples);
}
