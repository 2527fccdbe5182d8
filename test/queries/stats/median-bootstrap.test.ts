// The order-statistic bootstrap of the median against what it replaces: its draws follow the
// exact distribution of a resample's median (odd n: P(median ≤ x(k)) = P(Bin(n, k/n) ≥ (n+1)/2),
// worked out below), match brute-force resampling for even n, and its interval for a ratio of
// medians agrees with the resampling bootstrap's. Seeds are fixed, so every number is the same
// on every run; tolerances are several standard errors of the frequencies compared.
import { describe, expect, it } from 'vitest';
import { bootstrapCi2 } from '../../../queries/stats/bootstrap.ts';
import { beta, bootstrapMedianRatioCi, gamma, resampledMedian } from '../../../queries/stats/median-bootstrap.ts';
import { quantile, sortAscending } from '../../../queries/stats/quantile.ts';
import { mulberry32 } from '../../../queries/stats/random.ts';

function binomialTail(n: number, p: number, atLeast: number): number {
  let total = 0;
  for (let j = atLeast; j <= n; j++) {
    let c = 1;
    for (let i = 0; i < j; i++) c = (c * (n - i)) / (i + 1);
    total += c * p ** j * (1 - p) ** (n - j);
  }
  return total;
}

describe('gamma and beta variates', () => {
  it.each([[0.5], [2.5], [40]])('Gamma(%d) has mean and variance equal to its shape', (shape) => {
    const random = mulberry32(7);
    const draws = Array.from({ length: 100_000 }, () => gamma(shape, random));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    expect(mean).toBeCloseTo(shape, 1);
    expect(Math.abs(variance / shape - 1)).toBeLessThan(0.03);
  });

  it('Beta(3, 7) has mean 0.3', () => {
    const random = mulberry32(11);
    const draws = Array.from({ length: 100_000 }, () => beta(3, 7, random));
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.3, 2);
  });
});

describe('resampledMedian', () => {
  it('odd n: the draws follow the exact distribution of a resample median', () => {
    // x = 1..9; the resample median is ≤ k when at least 5 of the 9 draws are ≤ k.
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const random = mulberry32(2026);
    const draws = Array.from({ length: 50_000 }, () => resampledMedian(sorted, random));
    for (let k = 1; k <= 9; k++) {
      const exact = binomialTail(9, k / 9, 5);
      const seen = draws.filter((d) => d <= k).length / draws.length;
      expect(Math.abs(seen - exact), `P(median ≤ ${k}) = ${exact.toFixed(4)}`).toBeLessThan(0.01);
    }
    // Hand check for k = 5: P(Bin(9, 5/9) ≥ 5) = Σ_{j=5..9} C(9,j) 5^j 4^(9−j) / 9^9 = 245815625 / 387420489.
    expect(binomialTail(9, 5 / 9, 5)).toBeCloseTo(245_815_625 / 387_420_489, 12);
  });

  it('even n: the draws match brute-force resampling', () => {
    const sorted = [2, 3, 5, 8, 13, 21];
    const n = sorted.length;
    const fast = mulberry32(5);
    const slow = mulberry32(6);
    const bruteMedian = () => {
      const resample = sortAscending(Array.from({ length: n }, () => sorted[Math.floor(slow() * n)]!));
      return quantile(resample, 0.5)!;
    };
    const a = Array.from({ length: 60_000 }, () => resampledMedian(sorted, fast));
    const b = Array.from({ length: 60_000 }, bruteMedian);
    const values = [...new Set([...a, ...b])];
    for (const value of values) {
      const pa = a.filter((d) => d === value).length / a.length;
      const pb = b.filter((d) => d === value).length / b.length;
      expect(Math.abs(pa - pb), `P(median = ${value})`).toBeLessThan(0.01);
    }
  });
});

describe('bootstrapMedianRatioCi', () => {
  it('agrees with the resampling bootstrap of the median ratio, and is reproducible', () => {
    const random = mulberry32(99);
    // Log-normal durations, medians ~ 1 h and ~ 45 min.
    const lognormal = (median: number) => median * Math.exp(0.9 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
    const now = Array.from({ length: 401 }, () => lognormal(3600));
    const before = Array.from({ length: 380 }, () => lognormal(2700));
    const fast = bootstrapMedianRatioCi(now, before, { seed: 1, resamples: 4000 });
    const slow = bootstrapCi2(now, before, (x, y) => quantile(x, 0.5)! / quantile(y, 0.5)!, { seed: 1, resamples: 4000 });
    expect(fast.estimate).toBe(slow.estimate);
    expect(Math.abs(fast.lower! / slow.lower! - 1)).toBeLessThan(0.02);
    expect(Math.abs(fast.upper! / slow.upper! - 1)).toBeLessThan(0.02);
    expect(fast.lower!).toBeLessThan(fast.estimate!);
    expect(fast.upper!).toBeGreaterThan(fast.estimate!);
    expect(bootstrapMedianRatioCi(now, before, { seed: 1, resamples: 4000 })).toEqual(fast);
  });

  it('a median that can be zero under the ratio gives no bounds, and says why', () => {
    const ci = bootstrapMedianRatioCi([5, 6, 7], [0, 0, 3], { seed: 3 });
    expect([ci.lower, ci.upper]).toEqual([null, null]);
    expect(ci.reason).toMatch(/^the statistic is undefined in \d+ of 2000 resamples$/);
    expect(bootstrapMedianRatioCi([], [1], { seed: 3 }).reason).toBe('a sample is empty');
  });
});
