import { describe, expect, it } from 'vitest';
import { MANN_WHITNEY_ARE, minimumDetectableChange, pooledLogSd } from '../../../queries/stats/detectable-change.ts';

describe('pooledLogSd', () => {
  it('pools the log-variances of the groups, worked by hand', () => {
    // Logs [0, 2]: mean 1, SS 2, df 1. Logs [1, 1, 4]: mean 2, SS 1 + 1 + 4 = 6, df 2.
    // Pooled σ = √((2 + 6)/3) = √(8/3).
    const spread = pooledLogSd([[1, Math.E ** 2], [Math.E, Math.E, Math.E ** 4]]);
    expect(spread.sd).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(spread).toMatchObject({ used: 5, excluded: 0 });
  });

  it('leaves out values ≤ 0 and needs a degree of freedom', () => {
    expect(pooledLogSd([[0, 1, Math.E], [-3]])).toMatchObject({ used: 2, excluded: 2 });
    expect(pooledLogSd([[5], [7]]).sd).toBeNull(); // one value per group: no spread to see
    expect(pooledLogSd([[], []])).toEqual({ sd: null, used: 0, excluded: 0 });
  });
});

describe('minimumDetectableChange', () => {
  it('matches the formula worked by hand (n = 12 vs 15, σ = 0.5)', () => {
    // z₀.₉₇₅ + z₀.₈ = 1.959964 + 0.841621 = 2.801585; √((1/12 + 1/15)/(3/π)) = √(0.05π) = 0.396333;
    // exp(2.801585 · 0.5 · 0.396333) − 1 = exp(0.555196) − 1 = 0.742254.
    expect(MANN_WHITNEY_ARE).toBeCloseTo(0.954929658551372, 14);
    expect(minimumDetectableChange(12, 15, 0.5)).toBeCloseTo(0.7422544902010256, 12);
  });

  it('shrinks with n and grows with spread; alpha and power move it as expected', () => {
    const base = minimumDetectableChange(30, 30, 1) as number;
    expect(minimumDetectableChange(120, 120, 1) as number).toBeLessThan(base);
    expect(minimumDetectableChange(30, 30, 1.5) as number).toBeGreaterThan(base);
    expect(minimumDetectableChange(30, 30, 1, { alpha: 0.01 }) as number).toBeGreaterThan(base);
    expect(minimumDetectableChange(30, 30, 1, { power: 0.9 }) as number).toBeGreaterThan(base);
    expect(minimumDetectableChange(30, 30, 0)).toBe(0);
  });

  it('is null when it cannot be estimated', () => {
    expect(minimumDetectableChange(1, 30, 1)).toBeNull();
    expect(minimumDetectableChange(30, 30, null)).toBeNull();
    expect(() => minimumDetectableChange(30, 30, 1, { power: 1 })).toThrow(RangeError);
  });
});
