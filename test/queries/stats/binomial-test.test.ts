/**
 * Exact two-sided binomial test against R's binom.test and hand-summed pmfs. R 4.x:
 * binom.test(682, 925, p = 3/4) (its help page's Mendel example) gives p-value = 0.3825.
 */
import { describe, expect, it } from 'vitest';
import { binomialLower, binomialPmf, binomialTest, binomialUpper } from '../../../queries/stats/binomial-test.ts';

describe('binomialTest', () => {
  it('symmetric case: both tails', () => {
    expect(binomialTest(0, 5, 0.5)).toBeCloseTo(2 / 32, 14);
    // P(B ≤ 3) + P(B ≥ 7) = 2·(1 + 10 + 45 + 120)/1024.
    expect(binomialTest(3, 10, 0.5)).toBeCloseTo(352 / 1024, 14);
    expect(binomialTest(5, 10, 0.5)).toBe(1);
  });

  it('skewed case: the far tail holds only outcomes no more likely than the observed one', () => {
    // Binomial(5, 0.2): pmf 0.32768, 0.4096, 0.2048, 0.0512, 0.0064, 0.00032.
    // x = 0 (below np = 1): 0.32768 + P(B ≥ 2) = 0.32768 + 0.26272.
    expect(binomialTest(0, 5, 0.2)).toBeCloseTo(0.5904, 13);
    // x = 4 (above): nothing on the low side is as unlikely; P(B ≥ 4) = 0.0064 + 0.00032.
    expect(binomialTest(4, 5, 0.2)).toBeCloseTo(0.00672, 13);
  });

  it("agrees with R's binom.test", () => {
    expect(binomialTest(682, 925, 0.75)).toBeCloseTo(0.3825, 4);
    // poisson.test(c(11, 21), c(800, 3011)) conditions to this test: p-value = 0.07967.
    expect(binomialTest(11, 32, 800 / 3811)).toBeCloseTo(0.07967, 5);
  });

  it('tails and pmf agree with each other', () => {
    expect(binomialPmf(2, 5, 0.2)).toBeCloseTo(0.2048, 14);
    expect(binomialLower(1, 5, 0.2)).toBeCloseTo(0.32768 + 0.4096, 13);
    expect(binomialUpper(4, 5, 0.2)).toBeCloseTo(0.00672, 13);
    expect([binomialLower(5, 5, 0.2), binomialUpper(0, 5, 0.2), binomialUpper(6, 5, 0.2)]).toEqual([1, 1, 0]);
  });

  it('rejects impossible input', () => {
    expect(() => binomialTest(3, 2, 0.5)).toThrow(RangeError);
    expect(() => binomialTest(1, 2, 1)).toThrow(RangeError);
  });
});
