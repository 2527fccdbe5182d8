/**
 * Two-sided Fisher's exact test for a 2×2 table: `a` hits of `n1` against `c` hits of `n2`.
 * Used for shares compared between periods when a cell is expected to hold fewer than 5
 * (proportion-comparison.ts), where the z-test's normal approximation is poor.
 *
 * Guarantees: R's fisher.test p-value — with the margins fixed, the hits of the first group are
 * hypergeometric, and p is the total probability of every table no more likely than the
 * observed one (relative tolerance 1e-7 for ties). Sums over the support, min(n1, a + c) + 1
 * terms at most, each from log-factorials (no overflow).
 */
import { logChoose } from './log-gamma.ts';

const RELATIVE_TOLERANCE = 1 + 1e-7;

export function fisherExact(a: number, n1: number, c: number, n2: number): number {
  for (const [hits, n] of [[a, n1], [c, n2]] as const) {
    if (!Number.isInteger(hits) || !Number.isInteger(n) || hits < 0 || n < 1 || hits > n) throw new RangeError(`need whole numbers 0 ≤ hits ≤ n, n ≥ 1, got ${hits} of ${n}`);
  }
  const total = n1 + n2;
  const hits = a + c;
  const lo = Math.max(0, n1 - (total - hits));
  const hi = Math.min(n1, hits);
  const logAll = logChoose(total, n1);
  const pmf = (k: number) => Math.exp(logChoose(hits, k) + logChoose(total - hits, n1 - k) - logAll);
  const limit = pmf(a) * RELATIVE_TOLERANCE;
  let p = 0;
  for (let k = lo; k <= hi; k++) {
    const q = pmf(k);
    if (q <= limit) p += q;
  }
  return Math.min(1, p);
}
