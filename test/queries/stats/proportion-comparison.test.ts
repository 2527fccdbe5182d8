/**
 * Shares between two periods. Numbers by hand (see proportion-tests.test.ts for the pieces):
 * 15/50 vs 25/50 → z-test (smallest expected cell 50·40/100 = 20), p = 0.04123;
 * 0/10 vs 5/10 → Fisher (expected 10·5/20 = 2.5 < 5), p = 6006/184756 = 0.0325.
 * Newcombe intervals: −0.3724 to −0.0083 and −0.7634 to −0.1174 (Wilson bounds of each share
 * combined as in newcombe-difference.ts).
 */
import { describe, expect, it } from 'vitest';
import { compareProportions } from '../../../queries/stats/proportion-comparison.ts';

describe('compareProportions', () => {
  it('a lower reopen rate on enough incidents is better (z-test)', () => {
    const result = compareProportions({ hits: 15, n: 50 }, { hits: 25, n: 50 }, { label: 'Reopen rate', lowerIsBetter: true });
    expect(result).toMatchObject({ test: 'two-proportion-z', verdict: 'better', improved: true, smallN: false, current: { n: 50, hits: 15, value: 0.3 } });
    expect(result.difference).toBeCloseTo(-0.2, 14);
    expect(result.pValue).toBeCloseTo(0.04123, 5);
    expect(result.differenceCi!.lower).toBeCloseTo(-0.3724, 4);
    expect(result.differenceCi!.upper).toBeCloseTo(-0.0083, 4);
    expect(result.sentence).toBe('Reopen rate 30% vs 50% (−20.0 pts, n = 50 vs 50): better (p = 0.041; 95% interval −37.2 to −0.8 pts).');
  });

  it('small counts use Fisher; a rise in coverage is better', () => {
    const result = compareProportions({ hits: 5, n: 10 }, { hits: 0, n: 10 }, { label: 'Review coverage', lowerIsBetter: false });
    expect(result).toMatchObject({ test: 'fisher-exact', verdict: 'better', improved: true });
    expect(result.pValue).toBeCloseTo(6006 / 184_756, 12);
    expect(result.differenceCi!.lower).toBeCloseTo(0.1174, 4);
    expect(result.differenceCi!.upper).toBeCloseTo(0.7634, 4);
    expect(compareProportions({ hits: 0, n: 10 }, { hits: 5, n: 10 }, { lowerIsBetter: false })).toMatchObject({ verdict: 'worse', improved: false });
  });

  it('no verdict below 10 in a period; no numbers without one', () => {
    const few = compareProportions({ hits: 1, n: 9 }, { hits: 5, n: 10 }, { label: 'Reopen rate' });
    expect(few).toMatchObject({ verdict: 'not enough data', smallN: true, test: 'fisher-exact' });
    expect(few.sentence).toBe('Reopen rate 11.1% vs 50% (−38.9 pts, n = 9 vs 10): not enough data to call a change (fewer than 10 incidents in the current period).');
    const none = compareProportions({ hits: 0, n: 0 }, { hits: 5, n: 10 }, { label: 'Reopen rate' });
    expect(none).toMatchObject({ verdict: 'not enough data', difference: null, differenceCi: null, pValue: null, test: null });
    expect(none.sentence).toBe('Reopen rate no data vs 50% (n = 0 vs 10): not enough data (no incidents in the current period).');
  });

  it('the same share is no detectable change', () => {
    const same = compareProportions({ hits: 5, n: 20 }, { hits: 5, n: 20 }, { label: 'Escalation rate' });
    expect(same).toMatchObject({ verdict: 'no detectable change', difference: 0, pValue: 1 });
    expect(same.sentence).toMatch(/^Escalation rate 25% vs 25% \(0 pts, n = 20 vs 20\): no detectable change \(p = 1; 95% interval −\d+\.\d to \+\d+\.\d pts\)\.$/);
  });

  it('rejects impossible shares', () => expect(() => compareProportions({ hits: 3, n: 2 }, { hits: 0, n: 1 })).toThrow(RangeError));
});
