import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../../queries/stats/normal.ts';

describe('normalCdf', () => {
  it('matches published values', () => {
    // Standard normal table values (to 16 digits from scipy.stats.norm 1.17, which uses Cephes ndtr).
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 15);
    // Far tail: relative accuracy is what matters for tiny p-values.
    expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 9);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 7);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });

  it('is symmetric', () => {
    for (const z of [0.1, 0.7, 1.3, 2.5, 4.2]) expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
  });
});

describe('normalQuantile', () => {
  it('matches published values', () => {
    // z-table: z(0.975) = 1.959963984540054, z(0.8) = 0.8416212335729143, z(0.95) = 1.6448536269514722.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 13);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514722, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('round-trips with normalCdf, including the tails', () => {
    for (const p of [1e-10, 1e-4, 0.01, 0.3, 0.7, 0.99, 1 - 1e-6]) {
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 8);
    }
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});
