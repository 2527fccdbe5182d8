/** ln Γ at values known in closed form: Γ(1) = Γ(2) = 1, Γ(½) = √π, Γ(n + 1) = n!. */
import { describe, expect, it } from 'vitest';
import { logChoose, logGamma } from '../../../queries/stats/log-gamma.ts';

const logFactorial = (n: number) => Array.from({ length: n }, (_, i) => Math.log(i + 1)).reduce((a, b) => a + b, 0);

describe('logGamma', () => {
  it('matches closed forms', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 12); // 10!
    // 170! overflows a double; its logarithm is the sum of ln k.
    expect(logGamma(171) / logFactorial(170)).toBeCloseTo(1, 13);
    // Reflection below ½: Γ(0.1) = 9.513507698668732 (Abramowitz & Stegun table 6.1, Γ(1.1)/0.1).
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
  });

  it('rejects x ≤ 0 and gives ln C(n, k)', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
    expect(logChoose(7, 0)).toBe(0);
  });
});
