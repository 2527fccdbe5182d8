/**
 * Quantiles and centres of a sample, with the same answers DuckDB gives for the same data.
 *
 * Guarantees:
 * - `quantile` is Hyndman & Fan type 7 (linear interpolation between closest ranks), the rule of
 *   DuckDB `quantile_cont`, PostgreSQL `percentile_cont`, R's default and NumPy's "linear": the
 *   median shown by a chart computed in SQL and the one computed here agree.
 * - Empty input gives `null` (SQL NULL), never NaN, so "no data" cannot leak into arithmetic
 *   as a number.
 * Hazards avoided: `Array.prototype.sort()` without a comparator sorts numbers as strings
 * ([10, 9].sort() → [10, 9]); `sortAscending` exists so no caller writes that by hand, and
 * `quantile` refuses unsorted or NaN input instead of silently interpolating garbage.
 */

/** A new array of the values in ascending numeric order. Throws on NaN. */
export function sortAscending(values: readonly number[]): number[] {
  // A typed array sorts numerically without a comparator call per comparison (several times
  // faster at the 60,000 durations of a busy month). It is filled by index (Float64Array.from
  // walks an iterator) and not sorted at all when the values already ascend — comparisons sort
  // the same sample several times (compare.ts, then its bootstrap). A -0 always takes the sort,
  // which puts it before +0 as it would have been.
  const n = values.length;
  const sorted = new Float64Array(n);
  let ascending = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) throw new RangeError('sample contains NaN');
    if (ascending && ((i > 0 && v < sorted[i - 1]!) || Object.is(v, -0))) ascending = false;
    sorted[i] = v;
  }
  if (!ascending) sorted.sort();
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = sorted[i]!;
  return out;
}

function assertSorted(sorted: readonly number[]): void {
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (Number.isNaN(v)) throw new RangeError('sample contains NaN');
    if (i > 0 && v < (sorted[i - 1] as number)) {
      throw new RangeError('quantile needs ascending input: sort with sortAscending() first');
    }
  }
}

/**
 * The p-quantile of an ascending sample, type 7: h = (n − 1)p, result
 * x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]) (0-based). Null when the sample is empty.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  assertSorted(sorted);
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  const fraction = h - lo;
  if (fraction === 0 || lo + 1 >= n) return below;
  const above = sorted[lo + 1] as number;
  // Equal neighbours (including two infinities) need no interpolation; Infinity − Infinity is NaN.
  if (above === below) return below;
  return below + fraction * (above - below);
}

/** The median of an ascending sample (type 7: the mean of the middle two when n is even). */
export function median(sorted: readonly number[]): number | null {
  return quantile(sorted, 0.5);
}

/** Arithmetic mean; null when empty. Any order. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export interface GeometricMean {
  /** exp(mean(ln x)) over the positive values; null when none is positive. */
  value: number | null;
  /** How many values were positive and used. */
  used: number;
  /** How many were ≤ 0 (or not finite) and left out. */
  excluded: number;
}

/**
 * Geometric mean of the positive values. Decision: values ≤ 0 are left out and counted, not
 * clamped. A zero duration is real (an alert auto-acknowledged in the same second) but has no
 * logarithm; clamping it to, say, 1 s would invent a number that pulls the result towards an
 * arbitrary floor. Leaving it out biases the result upward, so `excluded` must be shown beside
 * the value whenever it is not 0.
 */
export function geometricMean(values: readonly number[]): GeometricMean {
  let logSum = 0;
  let used = 0;
  for (const v of values) {
    if (v > 0 && Number.isFinite(v)) {
      logSum += Math.log(v);
      used++;
    }
  }
  return { value: used === 0 ? null : Math.exp(logSum / used), used, excluded: values.length - used };
}
