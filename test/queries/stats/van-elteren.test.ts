/** van Elteren's stratified rank-sum test on a hand-worked example, and its one-stratum limit. */
import { describe, expect, it } from 'vitest';
import { mannWhitney } from '../../../queries/stats/mann-whitney.ts';
import { normalCdf } from '../../../queries/stats/normal.ts';
import { vanElteren } from '../../../queries/stats/van-elteren.ts';

describe('vanElteren', () => {
  it('combines strata with weights 1/(N + 1)', () => {
    // A: current [1, 3], previous [2, 4] → ranks 1, 3 → W = 4, E = 2·5/2 = 5, Var = 2·2·5/12 = 5/3, w = 1/5.
    // B: current [10, 20, 30], previous [5] → ranks 2, 3, 4 → W = 9, E = 7.5, Var = 3·1·5/12 = 5/4, w = 1/5.
    // T = (−1 + 1.5)/5 = 0.1; Var = (5/3 + 5/4)/25 = 7/60; z = 0.1/√(7/60) = 0.29277.
    const result = vanElteren([
      { stratum: 'A', current: [1, 3], previous: [2, 4] },
      { stratum: 'B', current: [10, 20, 30], previous: [5] },
      { stratum: 'C', current: [7], previous: [] },
    ]);
    expect(result.z).toBeCloseTo(0.1 / Math.sqrt(7 / 60), 10);
    expect(result.pValue).toBeCloseTo(2 * (1 - normalCdf(0.29277)), 4);
    expect(result).toMatchObject({ used: ['A', 'B'], skipped: ['C'], reason: null });
  });

  it('with one stratum equals Mann–Whitney’s normal approximation without continuity correction', () => {
    const current = [12, 15, 15, 20, 31, 40, 44, 60];
    const previous = [5, 7, 9, 15, 16, 18, 22];
    const mw = mannWhitney(current, previous, { method: 'normal' });
    // MW's z is continuity-corrected: z·σ = |U1 − n1n2/2| − ½, so undo the ½ to compare.
    const sigma = (Math.abs(mw.u1 - (8 * 7) / 2) - 0.5) / mw.z!;
    expect(vanElteren([{ stratum: 'all', current, previous }]).z).toBeCloseTo((mw.u1 - 28) / sigma, 10);
  });

  it('has no answer without overlapping strata', () => {
    expect(vanElteren([{ stratum: 'A', current: [1], previous: [] }])).toMatchObject({ z: null, pValue: null, reason: 'no stratum has values in both periods' });
  });
});
