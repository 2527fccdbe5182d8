import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalAt, type SurvivalObservation } from '../../../queries/stats/survival.ts';
import { median } from '../../../queries/stats/quantile.ts';

/** '6*' = censored at 6. */
const parse = (spec: string): SurvivalObservation[] =>
  spec.split(',').map((s) => ({ time: Number.parseFloat(s), event: !s.endsWith('*') }));

// Freireich et al. (1963) / Gehan (1965): weeks in remission, 6-MP group, 21 patients.
const SIX_MP = parse('6,6,6,6*,7,9*,10,10*,11*,13,16,17*,19*,20*,22,23,25*,32*,32*,34*,35*');

describe('Kaplan–Meier on the 6-MP leukemia data', () => {
  const km = kaplanMeier(SIX_MP);
  const at = (t: number) => km.steps.find((s) => s.time === t);

  it('survival at each event time matches the textbook table', () => {
    // The values printed for this dataset in survival textbooks (e.g. Kleinbaum & Klein,
    // "Survival Analysis", ch. 2), each a running product over the risk sets:
    // S = 18/21 = 0.857 at 6; ·16/17 = 0.807 at 7; ·14/15 = 0.753 at 10; ·11/12 = 0.690 at 13;
    // ·10/11 = 0.627 at 16; ·6/7 = 0.538 at 22; ·5/6 = 0.448 at 23.
    const expected: [number, number][] = [[6, 0.857], [7, 0.807], [10, 0.753], [13, 0.69], [16, 0.627], [22, 0.538], [23, 0.448]];
    for (const [t, s] of expected) expect(at(t)?.survival).toBeCloseTo(s, 3);
    expect(at(23)?.survival).toBeCloseTo((18 / 21) * (16 / 17) * (14 / 15) * (11 / 12) * (10 / 11) * (6 / 7) * (5 / 6), 14);
  });

  it('counts risk sets with events before censorings at tied times', () => {
    expect(at(6)).toMatchObject({ atRisk: 21, events: 3, censored: 1 });
    expect(at(10)).toMatchObject({ atRisk: 15, events: 1, censored: 1 });
    expect(at(32)).toMatchObject({ atRisk: 4, events: 0, censored: 2 });
    expect(at(9)?.survival).toBe(at(7)?.survival); // censor-only step: S unchanged
    expect(km).toMatchObject({ n: 21, events: 9, censored: 12 });
  });

  it('Greenwood standard errors match the textbook', () => {
    // se = S·√Σ d/(n(n − d)), rounded: 0.076, 0.087, 0.096, 0.107, 0.114, 0.128, 0.135 (worked by
    // hand from the risk sets; scipy 1.17 ecdf gives the same). At 6 by hand: Σ = 3/(21·18) = 0.0079365, se = 0.857143·0.089087 = 0.076360.
    const expected: [number, number][] = [[6, 0.076], [7, 0.087], [10, 0.096], [13, 0.107], [16, 0.114], [22, 0.128], [23, 0.135]];
    for (const [t, se] of expected) expect(at(t)?.standardError).toBeCloseTo(se, 3);
    expect(at(6)?.standardError).toBeCloseTo((18 / 21) * Math.sqrt(3 / (21 * 18)), 14);
  });

  it('log-log 95% intervals', () => {
    // By hand at 6: ln S = −0.154151, √Σ/|ln S| = 0.089087/0.154151 = 0.577922,
    // lower = S^exp(1.959964·0.577922) = S^3.10420 = 0.619718, upper = S^exp(−1.13274) = 0.951552.
    // The rest as given by scipy.stats.ecdf(...).sf.confidence_interval(method='log-log') 1.17.
    const expected: [number, number, number][] = [
      [6, 0.61971796, 0.95155175], [7, 0.56314656, 0.92280902], [10, 0.50319951, 0.88936184],
      [13, 0.43161022, 0.84906596], [16, 0.36751086, 0.80491219], [22, 0.26777894, 0.74679072], [23, 0.18805201, 0.68014263],
    ];
    for (const [t, lower, upper] of expected) {
      expect(at(t)?.lower).toBeCloseTo(lower, 7);
      expect(at(t)?.upper).toBeCloseTo(upper, 7);
    }
  });

  it('median 23, interval 13 to not reached', () => {
    // S first ≤ 0.5 at 23 (0.448). The lower band first ≤ 0.5 at 13 (0.4316); the upper band
    // never falls below 0.680, so the upper limit is not reached (the band-inversion rule of
    // R's survival::quantile.survfit, read off the bands checked above).
    expect(km.median).toBe(23);
    expect(km.medianCi).toEqual({ lower: 13, upper: null });
    expect(km.reason).toBeNull();
  });

  it('survivalAt reads the step function', () => {
    expect(survivalAt(km, 0)).toBe(1);
    expect(survivalAt(km, 6)).toBeCloseTo(0.857, 3);
    expect(survivalAt(km, 12.9)).toBeCloseTo(0.753, 3);
    expect(survivalAt(km, 100)).toBeCloseTo(0.448, 3);
  });
});

describe('Kaplan–Meier median conventions', () => {
  it('without censoring it is the ordinary sample median', () => {
    // [1, 2, 3, 4]: S = .75, .5, .25, 0 → flat at exactly 0.5 from 2 to 3 → midpoint 2.5.
    const even = [1, 2, 3, 4];
    expect(kaplanMeier(even.map((time) => ({ time, event: true }))).median).toBe(median(even));
    expect(kaplanMeier([3, 1, 2].map((time) => ({ time, event: true }))).median).toBe(2);
  });

  it('flat at 0.5 until the last (censored) observation: midpoint to the last time', () => {
    // S(1) = 0.75, S(2) = 0.5, then only censorings at 3 and 4 → (2 + 4)/2 = 3 (R's rule).
    expect(kaplanMeier(parse('1,2,3*,4*')).median).toBe(3);
  });
});

describe('Kaplan–Meier edge cases', () => {
  it('no observations', () => {
    const km = kaplanMeier([]);
    expect(km).toMatchObject({ n: 0, steps: [], median: null, reason: 'no observations' });
  });

  it('one resolved incident: S drops to 0, where the interval is undefined', () => {
    const km = kaplanMeier([{ time: 5, event: true }]);
    expect(km.steps).toEqual([{ time: 5, atRisk: 1, events: 1, censored: 0, survival: 0, standardError: null, lower: null, upper: null }]);
    expect(km.median).toBe(5);
  });

  it('all still open: S stays 1 and the median is not reached', () => {
    const km = kaplanMeier(parse('3*,8*,8*,20*'));
    expect(km.steps.every((s) => s.survival === 1 && s.standardError === 0 && s.lower === null)).toBe(true);
    expect(km.median).toBeNull();
    expect(km.medianCi).toEqual({ lower: null, upper: null });
    expect(km.reason).toBe('median not reached: S(t) stays above 0.5 (4 of 4 still open)');
  });

  it('rejects negative or non-finite times', () => {
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ time: Number.NaN, event: false }])).toThrow(RangeError);
  });
});
