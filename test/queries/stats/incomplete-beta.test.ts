/** I_x(a, b) against closed forms and binomial tails worked out by hand. */
import { describe, expect, it } from 'vitest';
import { regularizedBeta } from '../../../queries/stats/incomplete-beta.ts';

describe('regularizedBeta', () => {
  it('matches closed forms', () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14); // uniform CDF
    expect(regularizedBeta(0.6, 3, 1)).toBeCloseTo(0.6 ** 3, 14); // x^a
    expect(regularizedBeta(0.6, 1, 4)).toBeCloseTo(1 - 0.4 ** 4, 14); // 1 − (1 − x)^b
    expect(regularizedBeta(0.5, 1000, 1000)).toBeCloseTo(0.5, 12); // symmetry, many terms
    expect([regularizedBeta(0, 2, 3), regularizedBeta(1, 2, 3)]).toEqual([0, 1]);
  });

  it('is a binomial tail: P(B ≥ k) = I_p(k, n − k + 1)', () => {
    // B ~ Binomial(5, 0.3): P(B ≥ 2) = 1 − 0.7⁵ − 5·0.3·0.7⁴ = 1 − 0.16807 − 0.36015 = 0.47178.
    expect(regularizedBeta(0.3, 2, 4)).toBeCloseTo(0.47178, 12);
    // Binomial(5, ½): P(B ≥ 3) = ½.
    expect(regularizedBeta(0.5, 3, 3)).toBeCloseTo(0.5, 14);
  });

  it('rejects arguments outside its domain', () => {
    expect(() => regularizedBeta(1.5, 1, 1)).toThrow(RangeError);
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow(RangeError);
  });
});
