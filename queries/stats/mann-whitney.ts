/**
 * Two-sided Mann–Whitney U (Wilcoxon rank-sum) test for two independent samples.
 *
 * Guarantees:
 * - U1 counts the pairs (x, y) with x > y, ties counting ½ (U1 = R1 − n1(n1 + 1)/2 with
 *   mid-ranks); U1 + U2 = n1·n2. Rank-based, so the answer is the same on seconds or on
 *   log-seconds and one 30-day outlier cannot dominate it — the property heavy-tailed durations
 *   need.
 * - Exact p-value when there are no ties and both samples have fewer than 50 values (R's
 *   `wilcox.test` rule), from the exact null distribution of U counted by dynamic programming:
 *   p = min(1, 2·P(U ≤ min(U1, U2))).
 * - Otherwise the normal approximation with tie-corrected variance
 *   σ² = n1n2/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1))) and continuity correction
 *   z = max(0, |U1 − n1n2/2| − ½)/σ (as R with correct = TRUE; clamped so that p ≤ 1).
 * Hazards avoided: a p-value from the uncorrected variance when durations are rounded to whole
 * minutes (many ties make it too large); a normal approximation where the exact answer is cheap.
 * Limit: with ties at small n the normal approximation is rough (R warns the same); the result
 * says which method was used.
 */
import { normalCdf } from './normal.ts';
import { mannWhitneyLowerTail } from './mann-whitney-exact.ts';

/** Exact method when n1 and n2 are both below this and there are no ties. */
export const MANN_WHITNEY_EXACT_BELOW = 50;

export interface MannWhitneyOptions {
  /** 'auto' (default) picks as described above; 'exact' throws if there are ties. */
  method?: 'auto' | 'exact' | 'normal';
}

export interface MannWhitney {
  n1: number;
  n2: number;
  /** Pairs with x > y (ties ½). */
  u1: number;
  /** Pairs with y > x (ties ½); n1·n2 − u1. */
  u2: number;
  /** min(u1, u2), the value printed in textbook tables. */
  u: number;
  /** Two-sided p-value; null when a sample is empty. */
  pValue: number | null;
  /** Continuity-corrected z (normal method only). */
  z: number | null;
  method: 'exact' | 'normal' | null;
  ties: boolean;
  /** Why pValue is null or degenerate; null otherwise. */
  reason: string | null;
}

/** Rank sum of x among x ∪ y (mid-ranks) and the tie term; shared with van-elteren.ts. */
export interface Ranked {
  rankSumX: number;
  tieTerm: number; // Σ (t³ − t) over groups of tied values
}

export function rank(x: readonly number[], y: readonly number[]): Ranked {
  // Both samples sorted on their own, then merged: each run of equal values gets its mid-rank
  // once, counted for x as many times as x holds the value. Same ranks as sorting x ∪ y.
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  for (const value of xs) if (Number.isNaN(value)) throw new RangeError('sample contains NaN');
  for (const value of ys) if (Number.isNaN(value)) throw new RangeError('sample contains NaN');
  xs.sort();
  ys.sort();
  let rankSumX = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  let before = 0; // values already ranked
  while (i < xs.length || j < ys.length) {
    const value = j >= ys.length || (i < xs.length && xs[i]! <= ys[j]!) ? xs[i]! : ys[j]!;
    let inX = 0;
    let inY = 0;
    while (i < xs.length && xs[i] === value) { i++; inX++; }
    while (j < ys.length && ys[j] === value) { j++; inY++; }
    const t = inX + inY;
    rankSumX += inX * (before + (t + 1) / 2); // ranks are 1-based
    tieTerm += t * t * t - t;
    before += t;
  }
  return { rankSumX, tieTerm };
}

/** Mann–Whitney U test of x against y, two-sided. Inputs in any order. */
export function mannWhitney(x: readonly number[], y: readonly number[], options: MannWhitneyOptions = {}): MannWhitney {
  const { method = 'auto' } = options;
  const n1 = x.length;
  const n2 = y.length;
  const { rankSumX, tieTerm } = rank(x, y);
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = Math.min(u1, u2);
  const ties = tieTerm > 0;
  const base = { n1, n2, u1, u2, u, ties };
  if (n1 === 0 || n2 === 0) {
    return { ...base, pValue: null, z: null, method: null, reason: 'a sample is empty' };
  }
  if (method === 'exact' && ties) throw new RangeError('the exact Mann–Whitney p-value needs samples without ties');
  const exact = method === 'exact' || (method === 'auto' && !ties && n1 < MANN_WHITNEY_EXACT_BELOW && n2 < MANN_WHITNEY_EXACT_BELOW);
  if (exact) {
    const pValue = Math.min(1, 2 * mannWhitneyLowerTail(n1, n2, u));
    return { ...base, pValue, z: null, method: 'exact', reason: null };
  }
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) {
    return { ...base, pValue: 1, z: 0, method: 'normal', reason: 'every value is tied: the samples carry no ordering information' };
  }
  const z = Math.max(0, Math.abs(u1 - (n1 * n2) / 2) - 0.5) / Math.sqrt(variance);
  return { ...base, pValue: Math.min(1, 2 * normalCdf(-z)), z, method: 'normal', reason: null };
}
