/**
 * Clopper–Pearson ("exact") interval for a binomial probability: the set of p that a two-sided
 * exact test at 1 − level would not reject, one tail each. Counts compared between periods get
 * their rate-ratio interval by transforming it (count-comparison.ts).
 *
 * Guarantees: coverage ≥ level for every n and p (it is conservative, never too narrow); the
 * bounds are 0 at x = 0 and 1 at x = n, closed forms elsewhere solved by bisection on the
 * incomplete beta to double precision: lower solves P(B ≥ x | p) = α/2, upper P(B ≤ x | p) = α/2.
 * Values as R's binom.test (e.g. 682 of 925 → 0.7076683 to 0.7654066).
 */
import { binomialLower, binomialUpper } from './binomial-test.ts';

export interface ClopperPearson {
  lower: number;
  upper: number;
  level: number;
}

export function clopperPearson(x: number, n: number, options: { level?: number } = {}): ClopperPearson {
  const { level = 0.95 } = options;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 1 || x > n) throw new RangeError(`need whole numbers 0 ≤ x ≤ n, n ≥ 1, got ${x} of ${n}`);
  const tail = (1 - level) / 2;
  // P(B ≥ x | p) rises with p; P(B ≤ x | p) falls with p.
  const lower = x === 0 ? 0 : solve((p) => binomialUpper(x, n, p) >= tail);
  const upper = x === n ? 1 : solve((p) => binomialLower(x, n, p) <= tail);
  return { lower, upper, level };
}

/** The smallest p in (0, 1) where `reached` turns true (monotone), to double precision. */
function solve(reached: (p: number) => boolean): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
