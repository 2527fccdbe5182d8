/**
 * Two Poisson counts with exposures. Reference: R's help page for poisson.test, cancer cases
 * 11 in 800 person-years vs 6 + 8 + 7 = 21 in 1083 + 1050 + 878 = 3011:
 *   poisson.test(c(11, 21), c(800, 3011)) → p-value = 0.07967, 95% CI 0.8584264 4.2772659,
 *   rate ratio 1.971488.
 * The other cases are worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { compareCounts } from '../../../queries/stats/count-comparison.ts';

describe('compareCounts', () => {
  it("agrees with R's poisson.test", () => {
    const result = compareCounts({ count: 11, exposure: 800 }, { count: 21, exposure: 3011 }, { label: 'Cases', noun: 'cases', unit: 'years' });
    expect(result.ratio).toBeCloseTo(1.971488, 6);
    expect(result.ratioCi!.lower).toBeCloseTo(0.8584264, 6);
    expect(result.ratioCi!.upper).toBeCloseTo(4.2772659, 6);
    expect(result.pValue).toBeCloseTo(0.07967, 5);
    expect(result).toMatchObject({ verdict: 'no detectable change', improved: null, smallN: false, test: 'exact conditional binomial' });
    expect(result.sentence).toBe('Cases 11 in 800 years vs 21 in 3011 years (+97% per year): no detectable change (p = 0.08; 95% interval −14% to +328%).');
  });

  it('0 against 12 in equal windows is fewer, exactly: p = 2·½¹² and the upper bound in closed form', () => {
    const result = compareCounts({ count: 0, exposure: 30 }, { count: 12, exposure: 30 }, { label: 'Incidents' });
    expect(result.pValue).toBeCloseTo(2 / 4096, 15);
    expect(result).toMatchObject({ verdict: 'fewer', improved: true, ratio: 0, smallN: true });
    // Clopper–Pearson at 0 of 12: π_U = 1 − 0.025^(1/12); RR_U = π_U / (1 − π_U).
    const piU = 1 - 0.025 ** (1 / 12);
    expect(result.ratioCi!.lower).toBe(0);
    expect(result.ratioCi!.upper).toBeCloseTo(piU / (1 - piU), 9);
    expect(result.sentence).toBe('Incidents 0 vs 12 (−100%): fewer (p < 0.001; 95% interval −100% to −64%).');
  });

  it('a longer month with the same daily rate is no change: 31 in 31 days vs 28 in 28 days', () => {
    // Expected current count under no change = 59 · 31/59 = 31 = observed: p = 1.
    const result = compareCounts({ count: 31, exposure: 31 }, { count: 28, exposure: 28 }, { label: 'Incidents' });
    expect(result).toMatchObject({ ratio: 1, pValue: 1, verdict: 'no detectable change' });
    expect(result.sentence).toMatch(/^Incidents 31 in 31 days vs 28 in 28 days \(0% per day\): no detectable change \(p = 1; 95% interval −\d+% to \+\d+%\)\.$/);
  });

  it('small-n rule: no verdict when even the most lopsided split could not reach alpha', () => {
    // Equal windows: 5 vs 0 could at best give p = 2·½⁵ = 0.0625.
    const five = compareCounts({ count: 5, exposure: 7 }, { count: 0, exposure: 7 }, { label: 'Incidents' });
    expect(five).toMatchObject({ verdict: 'not enough data', ratio: null });
    expect(five.pValue).toBeCloseTo(0.0625, 14);
    expect(five.sentence).toBe('Incidents 5 vs 0 (up from 0): not enough data (with 5 incidents in both periods together no change could be called at p < 0.05).');
    // 6 vs 0: p = 2·½⁶ = 0.03125, and more incidents is worse.
    const six = compareCounts({ count: 6, exposure: 7 }, { count: 0, exposure: 7 });
    expect(six).toMatchObject({ verdict: 'more', improved: false, ratio: null });
    expect(six.pValue).toBeCloseTo(0.03125, 14);
    expect(six.ratioCi!.upper).toBeNull(); // nothing before: no upper bound on the ratio
  });

  it('says why there is no verdict without events or time', () => {
    expect(compareCounts({ count: 0, exposure: 7 }, { count: 0, exposure: 7 }, { label: 'Incidents' }).sentence).toBe('Incidents 0 vs 0: not enough data (no incidents in either period).');
    expect(compareCounts({ count: 0, exposure: 0 }, { count: 4, exposure: 7 }, { label: 'Incidents' })).toMatchObject({
      verdict: 'not enough data', pValue: null, sentence: 'Incidents 0 in 0 days vs 4 in 7 days: not enough data (the current period has no time in it yet).',
    });
  });

  it('higher is better flips improved, not the words', () => {
    expect(compareCounts({ count: 0, exposure: 30 }, { count: 12, exposure: 30 }, { lowerIsBetter: false })).toMatchObject({ verdict: 'fewer', improved: false });
  });

  it('rejects impossible input', () => {
    expect(() => compareCounts({ count: 1.5, exposure: 1 }, { count: 1, exposure: 1 })).toThrow(RangeError);
    expect(() => compareCounts({ count: 1, exposure: -1 }, { count: 1, exposure: 1 })).toThrow(RangeError);
  });
});
