import { describe, expect, it } from 'vitest';
import { mannWhitney } from '../../../queries/stats/mann-whitney.ts';
import { mannWhitneyLowerTail } from '../../../queries/stats/mann-whitney-exact.ts';
import { normalCdf } from '../../../queries/stats/normal.ts';

/** Independent check of the exact distribution: enumerate every split of ranks 1..m+n. */
function bruteForceLowerTail(m: number, n: number, u: number): number {
  let hits = 0;
  let total = 0;
  const choose = (start: number, left: number, rankSum: number): void => {
    if (left === 0) {
      total++;
      if (rankSum - (m * (m + 1)) / 2 <= u) hits++;
      return;
    }
    for (let r = start; r <= m + n - left + 1; r++) choose(r + 1, left - 1, rankSum + r);
  };
  choose(1, m, 0);
  return hits / total;
}

describe('Mann–Whitney U, exact', () => {
  it('the classic example: x = [19, 22, 16, 29, 24], y = [20, 11, 17, 12]', () => {
    // Ranks of the 9 values: 11→1, 12→2, 16→3, 17→4, 19→5, 20→6, 22→7, 24→8, 29→9.
    // R_x = 3 + 5 + 7 + 8 + 9 = 32, U_x = 32 − 5·6/2 = 17, U_y = 20 − 17 = 3.
    // P(U ≤ 3) for m = 5, n = 4: arrangements with U = 0, 1, 2, 3 number 1, 1, 2, 3 → 7 of
    // C(9, 4) = 126; two-sided p = 2·7/126 = 0.1111 (scipy and R wilcox.test agree).
    const result = mannWhitney([19, 22, 16, 29, 24], [20, 11, 17, 12]);
    expect(result).toMatchObject({ n1: 5, n2: 4, u1: 17, u2: 3, u: 3, method: 'exact', ties: false, z: null });
    expect(result.pValue).toBeCloseTo(14 / 126, 14);
  });

  it('the DP agrees with brute-force enumeration', () => {
    for (const [m, n] of [[3, 3], [4, 6], [5, 4], [7, 5], [8, 8]] as const) {
      for (let u = -1; u <= m * n; u += 3) {
        expect(mannWhitneyLowerTail(m, n, u)).toBeCloseTo(bruteForceLowerTail(m, n, u), 14);
      }
    }
  });

  it('complete separation at 3 vs 3 gives p = 2/20 = 0.1', () => {
    // Only 1 of C(6, 3) = 20 arrangements puts every y below every x: P(U ≤ 0) = 1/20.
    expect(mannWhitney([4, 5, 6], [1, 2, 3]).pValue).toBeCloseTo(0.1, 14);
  });

  it('is symmetric in its arguments and caps p at 1', () => {
    const a = mannWhitney([1, 4, 6, 9], [2, 3, 5, 7, 8]);
    const b = mannWhitney([2, 3, 5, 7, 8], [1, 4, 6, 9]);
    expect(a.pValue).toBe(b.pValue);
    expect([a.u1, a.u2]).toEqual([b.u2, b.u1]);
    expect(mannWhitney([1, 4], [2, 3]).pValue).toBe(1); // U = 2 = n1n2/2: the centre
  });
});

describe('Mann–Whitney U, normal approximation', () => {
  it('with ties, worked by hand: x = [1, 2, 2, 3], y = [2, 3, 4, 4, 5]', () => {
    // Mid-ranks: 1→1; the three 2s share ranks 2–4 → 3; the two 3s 5–6 → 5.5; the 4s 7–8 → 7.5; 5→9.
    // R_x = 1 + 3 + 3 + 5.5 = 12.5, U1 = 12.5 − 10 = 2.5 (pairs: 0 + ½ + ½ + 1½), U2 = 17.5.
    // Tie term Σ(t³ − t) = 24 + 6 + 6 = 36; σ² = 20/12 · (10 − 36/72) = 15.8333…
    // z = (|2.5 − 10| − ½)/√15.8333 = 7/3.979112 = 1.759186; p = 2·(1 − Φ(z)) = 0.0785459
    // (scipy.stats.mannwhitneyu(method='asymptotic', use_continuity=True): 0.07854585095119067).
    const result = mannWhitney([1, 2, 2, 3], [2, 3, 4, 4, 5]);
    expect(result).toMatchObject({ u1: 2.5, u2: 17.5, u: 2.5, ties: true, method: 'normal' });
    expect(result.z as number).toBeCloseTo(7 / Math.sqrt(20 / 12 * 9.5), 12);
    expect(result.pValue as number).toBeCloseTo(2 * normalCdf(-7 / Math.sqrt(20 / 12 * 9.5)), 14);
    expect(result.pValue as number).toBeCloseTo(0.07854585095119067, 12);
  });

  it('without ties above the exact limit (60 vs 60), worked by hand', () => {
    // x = 0..59, y = 7.5..66.5. x_i > y_j ⇔ j ≤ i − 8, so U1 = Σ_{i=8}^{59} (i − 7) = 52·53/2 = 1378.
    // Mean 1800, σ² = 3600·121/12 = 36300, z = (422 − ½)/√36300 = 2.212312, p = 0.0269459
    // (scipy asymptotic with continuity: 0.02694585619564296).
    const x = Array.from({ length: 60 }, (_, i) => i);
    const y = Array.from({ length: 60 }, (_, j) => j + 7.5);
    const result = mannWhitney(x, y);
    expect(result).toMatchObject({ u1: 1378, method: 'normal', ties: false });
    expect(result.pValue as number).toBeCloseTo(0.02694585619564296, 12);
  });

  it('a forced exact on the same 60 vs 60 (scipy method="exact": 0.026576505468005968)', () => {
    const x = Array.from({ length: 60 }, (_, i) => i);
    const y = Array.from({ length: 60 }, (_, j) => j + 7.5);
    const exact = mannWhitney(x, y, { method: 'exact' });
    expect(exact.method).toBe('exact');
    expect(exact.pValue as number).toBeCloseTo(0.026576505468005968, 12);
  });
});

describe('Mann–Whitney edge cases', () => {
  it('an empty sample gives no p-value', () => {
    expect(mannWhitney([], [1, 2])).toMatchObject({ pValue: null, method: null, reason: 'a sample is empty' });
    expect(mannWhitney([], [])).toMatchObject({ pValue: null });
  });

  it('n = 1 vs 1: exact p = 1', () => {
    expect(mannWhitney([1], [2])).toMatchObject({ u1: 0, u2: 1, pValue: 1, method: 'exact' });
  });

  it('all values tied: p = 1 with a reason', () => {
    const result = mannWhitney([5, 5, 5], [5, 5]);
    expect(result).toMatchObject({ u1: 3, u2: 3, pValue: 1, ties: true });
    expect(result.reason).toMatch(/tied/);
  });

  it('refuses an exact p-value with ties, and NaN', () => {
    expect(() => mannWhitney([1, 2], [2, 3], { method: 'exact' })).toThrow(/ties/);
    expect(() => mannWhitney([1, Number.NaN], [2])).toThrow(/NaN/);
  });
});
