/**
 * CMH by hand. Stratum A: 3/10 now vs 6/10 before → N = 20, m = 9, E = 10·9/20 = 4.5,
 * V = 10·10·9·11/(20²·19) = 9900/7600. Stratum B: 8/20 vs 14/20 → N = 40, m = 22, E = 11,
 * V = 20·20·22·18/(40²·39) = 158400/62400. z = (−1.5 − 3)/√(V_A + V_B) = −2.29607.
 * One stratum: z² = (N − 1)/N × Pearson's X² (15/50 vs 25/50: 99/100 · 4.1667 = 4.125).
 */
import { describe, expect, it } from 'vitest';
import { mantelHaenszel } from '../../../queries/stats/mantel-haenszel.ts';

describe('mantelHaenszel', () => {
  it('combines strata', () => {
    const result = mantelHaenszel([
      { stratum: 'A', current: { hits: 3, n: 10 }, previous: { hits: 6, n: 10 } },
      { stratum: 'B', current: { hits: 8, n: 20 }, previous: { hits: 14, n: 20 } },
      { stratum: 'C', current: { hits: 1, n: 4 }, previous: { hits: 0, n: 0 } },
    ]);
    expect(result.z).toBeCloseTo(-4.5 / Math.sqrt(9900 / 7600 + 158_400 / 62_400), 12);
    expect(result.z).toBeCloseTo(-2.29607, 5);
    expect(result.pValue).toBeCloseTo(0.02167, 5);
    expect(result).toMatchObject({ used: ['A', 'B'], skipped: ['C'], reason: null });
  });

  it('one stratum is (N − 1)/N of the Pearson chi-square', () => {
    const { z } = mantelHaenszel([{ stratum: 'all', current: { hits: 15, n: 50 }, previous: { hits: 25, n: 50 } }]);
    expect(z! * z!).toBeCloseTo((99 / 100) * (25 / 6), 12); // X² = 4.1667 = 25/6
  });

  it('says why there is no test', () => {
    expect(mantelHaenszel([{ stratum: 'A', current: { hits: 0, n: 0 }, previous: { hits: 1, n: 3 } }])).toMatchObject({ z: null, pValue: null, reason: 'no stratum has incidents in both periods' });
    expect(mantelHaenszel([{ stratum: 'A', current: { hits: 2, n: 2 }, previous: { hits: 3, n: 3 } }])).toMatchObject({ z: null, reason: 'every stratum is all hits or all misses, so there is nothing to test' });
  });
});
