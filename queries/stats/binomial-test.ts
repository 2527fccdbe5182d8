/**
 * Exact two-sided binomial test: how surprising x successes out of n are if each has
 * probability p. Period comparisons of counts use it conditionally (count-comparison.ts).
 *
 * Guarantees: the same p-value as R's binom.test — the total probability of every outcome no
 * more likely than the observed one (relative tolerance 1e-7, so outcomes equally likely up to
 * rounding count as equal). Tails come from the incomplete beta, so a tiny p-value is computed
 * directly, not as 1 minus something; the far side's boundary is found by binary search on the
 * monotone half of the distribution, so the cost is O(log n), not O(n).
 * Hazard avoided: doubling the one-sided p-value, which overstates p when the distribution is
 * skewed (p far from 0.5 — e.g. windows of very different lengths).
 */
import { regularizedBeta } from './incomplete-beta.ts';
import { logChoose } from './log-gamma.ts';

const RELATIVE_TOLERANCE = 1 + 1e-7;

export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(B ≤ k). */
export function binomialLower(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regularizedBeta(1 - p, n - k, k + 1);
}

/** P(B ≥ k). */
export function binomialUpper(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return regularizedBeta(p, k, n - k + 1);
}

export function binomialTest(x: number, n: number, p: number): number {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 1 || x > n) throw new RangeError(`need whole numbers 0 ≤ x ≤ n, n ≥ 1, got ${x} of ${n}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1, got ${p}`);
  const expected = n * p;
  if (x === expected) return 1;
  const limit = binomialPmf(x, n, p) * RELATIVE_TOLERANCE;
  if (x < expected) {
    // Upper side: the pmf falls from ceil(np) to n; find the first k there with pmf ≤ limit.
    const first = firstIndex(Math.ceil(expected), n, (k) => binomialPmf(k, n, p) <= limit);
    return Math.min(1, binomialLower(x, n, p) + binomialUpper(first, n, p));
  }
  // Lower side: the pmf rises from 0 to floor(np); find the last k there with pmf ≤ limit.
  const last = firstIndex(0, Math.floor(expected), (k) => !(binomialPmf(k, n, p) <= limit)) - 1;
  return Math.min(1, binomialLower(last, n, p) + binomialUpper(x, n, p));
}

/** The first k in [lo, hi] where `test` holds, for a test false then true; hi + 1 when never. */
function firstIndex(lo: number, hi: number, test: (k: number) => boolean): number {
  let a = lo;
  let b = hi + 1;
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (test(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}
