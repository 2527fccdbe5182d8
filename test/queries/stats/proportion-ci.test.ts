/** Wilson score interval against Newcombe (Stat. Med. 1998, Table II, method 3), to 4 decimals. */
import { describe, expect, it } from 'vitest';
import { proportionCi } from '../../../queries/stats/proportion-ci.ts';

describe('proportionCi (Wilson)', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ])('%i of %i → %f to %f', (hits, n, lower, upper) => {
    const ci = proportionCi(hits, n);
    expect(ci.estimate).toBe(hits / n);
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it('has no interval without data and rejects impossible counts', () => {
    expect(proportionCi(0, 0)).toEqual({ hits: 0, n: 0, estimate: null, lower: null, upper: null, level: 0.95 });
    expect(() => proportionCi(3, 2)).toThrow(RangeError);
    expect(() => proportionCi(1.5, 2)).toThrow(RangeError);
  });
});
