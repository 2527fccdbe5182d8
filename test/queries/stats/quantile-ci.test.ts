import { describe, expect, it } from 'vitest';
import { binomialCdf, quantileCi } from '../../../queries/stats/quantile-ci.ts';

const ranks = (n: number) => Array.from({ length: n }, (_, i) => i + 1); // x(i) = i, so bounds read as ranks

describe('binomialCdf', () => {
  it('matches hand-computed binomial sums', () => {
    // Binomial(10, ½): P(B ≤ 1) = (1 + 10)/1024 = 0.0107421875; P(B ≤ 2) = 56/1024.
    const cdf = binomialCdf(10, 0.5);
    expect(cdf[1]).toBeCloseTo(11 / 1024, 14);
    expect(cdf[2]).toBeCloseTo(56 / 1024, 14);
    expect(cdf[10]).toBe(1);
    // Binomial(20, ½): P(B ≤ 5) = (1 + 20 + 190 + 1140 + 4845 + 15504)/2^20 = 21700/1048576.
    expect(binomialCdf(20, 0.5)[5]).toBeCloseTo(21700 / 1048576, 14);
  });
});

describe('quantileCi for the median, against the published table', () => {
  // Campbell & Gardner, "Statistics with Confidence" (BMJ Books), table of ranks for a 95%
  // median interval: n = 6 → 1, 6; n = 10 → 2, 9; n = 20 → 6, 15; n = 30 → 10, 21;
  // n = 50 → 18, 33; n = 100 → 40, 61. Coverage: n = 10 → 1 − 2·11/1024 = 0.978515625;
  // n = 20 → 1 − 2·21700/2^20 = 0.95861053…; n = 6 → 1 − 2/64 = 0.96875.
  const table: [number, number, number][] = [[6, 1, 6], [10, 2, 9], [20, 6, 15], [30, 10, 21], [50, 18, 33], [100, 40, 61]];
  for (const [n, l, u] of table) {
    it(`n = ${n} → x(${l}), x(${u})`, () => {
      const ci = quantileCi(ranks(n), 0.5);
      expect([ci.lowerRank, ci.upperRank]).toEqual([l, u]);
      expect([ci.lower, ci.upper]).toEqual([l, u]);
      expect(ci.method).toBe('exact-binomial');
      expect(ci.reason).toBeNull();
      expect(ci.coverage).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('reports the achieved coverage', () => {
    expect(quantileCi(ranks(10), 0.5).coverage).toBeCloseTo(0.978515625, 12);
    expect(quantileCi(ranks(20), 0.5).coverage).toBeCloseTo(1 - (2 * 21700) / 1048576, 12);
    expect(quantileCi(ranks(6), 0.5).coverage).toBeCloseTo(0.96875, 12);
  });

  it('returns the type-7 estimate beside the interval', () => {
    expect(quantileCi([10, 20, 30, 40], 0.5).estimate).toBe(25);
  });
});

describe('quantileCi when n is too small', () => {
  it('n = 5: no 95% median interval exists (P(B = 0) = 1/32 > 0.025)', () => {
    const ci = quantileCi(ranks(5), 0.5);
    expect(ci.lower).toBeNull();
    expect(ci.upper).toBeNull();
    expect(ci.reason).toMatch(/n = 5 .*lower bound needs n ≥ 6.*upper bound needs n ≥ 6/);
  });

  it('p90 at n = 30 has a lower bound only; the upper needs n ≥ 36 (0.9^35 = 0.02503 > 0.025)', () => {
    const ci = quantileCi(ranks(30), 0.9);
    expect(ci.lowerRank).toBe(23);
    expect(ci.upper).toBeNull();
    expect(ci.reason).toMatch(/upper bound needs n ≥ 36/);
    const at36 = quantileCi(ranks(36), 0.9);
    expect([at36.lowerRank, at36.upperRank]).toEqual([29, 36]);
    // 1 − P(B ≤ 28) − P(B = 36) for Binomial(36, 0.9) (scipy.stats.binom 1.17: 0.9539621052026521).
    expect(at36.coverage).toBeCloseTo(0.9539621052026521, 10);
  });

  it('n = 0 and n = 1', () => {
    const empty = quantileCi([], 0.5);
    expect(empty.estimate).toBeNull();
    expect(empty.lower).toBeNull();
    expect(empty.reason).toMatch(/n = 0/);
    const one = quantileCi([7], 0.5);
    expect(one.estimate).toBe(7);
    expect(one.upper).toBeNull();
  });

  it('all ties: the interval collapses to the tied value', () => {
    const ci = quantileCi(Array.from({ length: 20 }, () => 300), 0.5);
    expect([ci.lower, ci.upper]).toEqual([300, 300]);
  });

  it('rejects p at 0 or 1, a bad level and unsorted input', () => {
    expect(() => quantileCi(ranks(10), 0)).toThrow(RangeError);
    expect(() => quantileCi(ranks(10), 0.5, { level: 1 })).toThrow(RangeError);
    expect(() => quantileCi([3, 2, 1, 4, 5, 6], 0.5)).toThrow(/ascending/);
  });
});

describe('normal approximation', () => {
  it('is used above the exact limit and agrees with the exact ranks within one', () => {
    // Forced on n = 20 it reproduces the table: 10 + 0.5 ∓ 1.96·√5 → ⌊6.12⌋ = 6, ⌈14.88⌉ = 15.
    const small = quantileCi(ranks(20), 0.5, { method: 'normal' });
    expect([small.lowerRank, small.upperRank]).toEqual([6, 15]);
    for (const [n, p] of [[1000, 0.5], [1000, 0.9], [5000, 0.25]] as const) {
      const exact = quantileCi(ranks(n), p, { method: 'exact' });
      const normal = quantileCi(ranks(n), p, { method: 'normal' });
      expect(normal.method).toBe('normal-approximation');
      expect(Math.abs((normal.lowerRank as number) - (exact.lowerRank as number))).toBeLessThanOrEqual(1);
      expect(Math.abs((normal.upperRank as number) - (exact.upperRank as number))).toBeLessThanOrEqual(1);
      // Its coverage is its own (approximate) figure for its own ranks: within a point of exact.
      expect(Math.abs(normal.coverage - exact.coverage)).toBeLessThan(0.01);
    }
    expect(quantileCi(ranks(100_001), 0.5).method).toBe('normal-approximation');
  });
});
