/**
 * Wilson score interval for a proportion (hits out of n): the interval every target attainment
 * ("90% acknowledged within 5 min") is judged with.
 *
 * Guarantees: bounds stay inside [0, 1] and exist for every n ≥ 1, including 0 and n hits,
 * where the textbook "p ± z·√(p(1−p)/n)" collapses to a zero-width interval and would call
 * 20 of 20 a certainty. Wilson (1927); coverage close to nominal even at small n (Newcombe,
 * Stat. Med. 1998, method 3, whose worked examples test/queries/stats/proportion-ci.test.ts uses).
 * Hazard avoided: judging "met" from a bare 95% over 12 incidents.
 */
import { normalQuantile } from './normal.ts';

export interface ProportionCi {
  hits: number;
  n: number;
  /** hits / n; null when n = 0. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
}

export function proportionCi(hits: number, n: number, options: { level?: number } = {}): ProportionCi {
  const { level = 0.95 } = options; // two-sided
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  if (!Number.isInteger(hits) || !Number.isInteger(n) || hits < 0 || n < 0 || hits > n) {
    throw new RangeError(`need whole numbers 0 ≤ hits ≤ n, got ${hits} of ${n}`);
  }
  if (n === 0) return { hits, n, estimate: null, lower: null, upper: null, level };
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = hits / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and n hits the bound is exactly 0 or 1; rounding must not leave it at 1e-17.
  return { hits, n, estimate: p, lower: hits === 0 ? 0 : Math.max(0, centre - half), upper: hits === n ? 1 : Math.min(1, centre + half), level };
}
