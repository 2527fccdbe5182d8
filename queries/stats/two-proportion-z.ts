/**
 * The two-proportion z-test (pooled variance, no continuity correction): the same p-value as
 * R's prop.test(c(h1, h2), c(n1, n2), correct = FALSE), whose X-squared is z². Used for shares
 * compared between periods when every cell is expected to hold at least 5.
 *
 * Guarantees: two-sided p = 2·Φ(−|z|) with z = (p1 − p2) / √(p̄(1 − p̄)(1/n1 + 1/n2)); when
 * both groups are all hits or all misses there is no difference to test: z = 0, p = 1.
 */
import { normalCdf } from './normal.ts';

export interface TwoProportionZ {
  z: number;
  pValue: number;
}

export function twoProportionZ(h1: number, n1: number, h2: number, n2: number): TwoProportionZ {
  for (const [hits, n] of [[h1, n1], [h2, n2]] as const) {
    if (!Number.isInteger(hits) || !Number.isInteger(n) || hits < 0 || n < 1 || hits > n) throw new RangeError(`need whole numbers 0 ≤ hits ≤ n, n ≥ 1, got ${hits} of ${n}`);
  }
  const pooled = (h1 + h2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (h1 / n1 - h2 / n2) / se;
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
