/**
 * The two p-values for shares and Newcombe's interval for their difference:
 * - Fisher: R's fisher.test on the tea-tasting table (3/4 vs 1/4) = 0.4857 = 34/70 by hand (the
 *   hypergeometric pmf is 1, 16, 36, 16, 1 over 70); 0/10 vs 5/10: the two extreme tables,
 *   2·C(15,5)/C(20,10) = 6006/184756.
 * - z: prop.test(c(15, 25), c(50, 50), correct = FALSE): X-squared = 4.1667, p = 0.04123; by
 *   hand p̄ = 0.4, se = √(0.4·0.6·(2/50)) = 0.09798, z = −0.2/0.09798 = −2.0412.
 * - Newcombe (Stat. Med. 1998) Table II, method 10, to 4 decimals.
 */
import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../../queries/stats/fisher-exact.ts';
import { newcombeDifference } from '../../../queries/stats/newcombe-difference.ts';
import { twoProportionZ } from '../../../queries/stats/two-proportion-z.ts';

describe('fisherExact', () => {
  it('matches hand-summed hypergeometric tables', () => {
    expect(fisherExact(3, 4, 1, 4)).toBeCloseTo(34 / 70, 13);
    expect(fisherExact(0, 10, 5, 10)).toBeCloseTo(6006 / 184_756, 13);
    expect(fisherExact(2, 4, 2, 4)).toBeCloseTo(1, 12); // every table counts
  });
  it('rejects impossible tables', () => expect(() => fisherExact(5, 4, 1, 4)).toThrow(RangeError));
});

describe('twoProportionZ', () => {
  it('matches prop.test without continuity correction', () => {
    const { z, pValue } = twoProportionZ(15, 50, 25, 50);
    expect(z).toBeCloseTo(-0.2 / Math.sqrt(0.4 * 0.6 * (2 / 50)), 12);
    expect(z * z).toBeCloseTo(4.1667, 4);
    expect(pValue).toBeCloseTo(0.04123, 5);
  });
  it('has nothing to test when every incident is a hit', () => expect(twoProportionZ(10, 10, 20, 20)).toEqual({ z: 0, pValue: 1 }));
});

describe('newcombeDifference', () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i − %i/%i → %f to %f', (h1, n1, h2, n2, lower, upper) => {
    const ci = newcombeDifference(h1, n1, h2, n2);
    expect(ci.difference).toBeCloseTo(h1 / n1 - h2 / n2, 14);
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });
  it('needs data in both groups', () => expect(() => newcombeDifference(0, 0, 1, 2)).toThrow(RangeError));
});
