import { describe, expect, it } from 'vitest';
import { comparePeriods } from '../../../queries/stats/compare.ts';
import { describeComparison } from '../../../queries/stats/describe-comparison.ts';
import { minimumDetectableChange, pooledLogSd } from '../../../queries/stats/detectable-change.ts';

const minutes = (seconds: number) => `${Math.round(seconds / 60)}m`;
const seconds = (s: number) => `${Math.round(s)}s`;
const range = (n: number, from: number, step = 1) => Array.from({ length: n }, (_, i) => from + i * step);

// Current 1..10 s, previous 11..20 s: every current value is below every previous one, so
// U = 0 and the exact two-sided p = 2/C(20, 10) = 2/184756 = 1.0825e-5. Medians 5.5 and 15.5.
const FAST = range(10, 1);
const SLOW = range(10, 11);

describe('comparePeriods verdicts', () => {
  it('a separated pair of samples is a detected change, worded for durations', () => {
    const result = comparePeriods(FAST, SLOW, { seed: 5, label: 'MTTA', formatValue: seconds });
    expect(result).toMatchObject({
      current: { n: 10, median: 5.5 },
      previous: { n: 10, median: 15.5 },
      verdict: 'faster',
      improved: true,
      smallN: false,
      alpha: 0.05,
      minN: 10,
    });
    expect(result.ratio).toBeCloseTo(5.5 / 15.5, 14);
    expect(result.pValue).toBeCloseTo(2 / 184756, 16);
    expect(result.ratioCi?.lower as number).toBeLessThan(result.ratio as number);
    expect(result.ratioCi?.upper as number).toBeLessThan(1);
    expect(comparePeriods(SLOW, FAST, { seed: 5 })).toMatchObject({ verdict: 'slower', improved: false });
  });

  it('higher-is-better metrics are worded better / worse', () => {
    // Fewer updates per incident when more is better: a detected worsening.
    expect(comparePeriods(FAST, SLOW, { seed: 5, lowerIsBetter: false })).toMatchObject({ verdict: 'worse', improved: false });
    expect(comparePeriods(SLOW, FAST, { seed: 5, lowerIsBetter: false })).toMatchObject({ verdict: 'better', improved: true });
    // A lower-is-better count (reassignments per incident) opts into better / worse.
    expect(comparePeriods(FAST, SLOW, { seed: 5, wording: 'better-worse' })).toMatchObject({ verdict: 'better', improved: true });
  });

  it('interleaved samples: no detectable change, with the size the data could have shown', () => {
    // Odd 1..19 vs even 2..20: U1 = 45 of 100, exact p = 0.739; medians 10 and 11.
    const current = range(10, 1, 2);
    const previous = range(10, 2, 2);
    const result = comparePeriods(current, previous, { seed: 5 });
    expect(result.verdict).toBe('no detectable change');
    expect(result.improved).toBeNull();
    expect(result.pValue as number).toBeGreaterThan(0.7);
    expect(result.ratio).toBeCloseTo(10 / 11, 14);
    expect(result.minimumDetectableChange).toBeCloseTo(minimumDetectableChange(10, 10, pooledLogSd([current, previous]).sd) as number, 14);
  });

  it('below minN the verdict is "not enough data" even when the test would fire', () => {
    const result = comparePeriods(range(9, 1), range(30, 3), { seed: 5 });
    expect(result).toMatchObject({ verdict: 'not enough data', smallN: true, ratioCi: null, improved: null });
    expect(result.pValue as number).toBeLessThan(0.05); // computed and shown, but not called a change
    expect(result.minimumDetectableChange).not.toBeNull();
    expect(comparePeriods(range(9, 1), range(30, 3), { seed: 5, minN: 5 }).verdict).toBe('faster');
  });

  it('a median of 0 leaves the ratio undefined; the direction then comes from U', () => {
    const result = comparePeriods(range(12, 1), Array(12).fill(0), { seed: 5 });
    expect(result).toMatchObject({ ratio: null, ratioCi: null, verdict: 'slower', minimumDetectableChange: null });
  });

  it('is deterministic for a seed', () => {
    const a = comparePeriods(range(25, 3, 7), range(30, 5, 6), { seed: 77 });
    expect(comparePeriods(range(25, 3, 7), range(30, 5, 6), { seed: 77 })).toEqual(a);
  });

  it('edge cases: an empty period, one value each, all ties', () => {
    expect(comparePeriods([], SLOW, { seed: 1 })).toMatchObject({
      current: { n: 0, median: null }, ratio: null, pValue: null, verdict: 'not enough data', minimumDetectableChange: null,
    });
    expect(comparePeriods([3], [4], { seed: 1 })).toMatchObject({ verdict: 'not enough data', pValue: 1, minimumDetectableChange: null });
    const tied = comparePeriods(Array(10).fill(5), Array(10).fill(5), { seed: 1 });
    expect(tied).toMatchObject({ ratio: 1, pValue: 1, verdict: 'no detectable change', ratioCi: { lower: 1, upper: 1 } });
    expect(() => comparePeriods([1], [Number.NaN], { seed: 1 })).toThrow(/NaN/);
  });
});

describe('describeComparison', () => {
  it('reproduces the sentence from the design brief', () => {
    // 42 min vs 51 min: 2520/3060 − 1 = −17.6% → "−18%"; MDC 0.45 → "±45%".
    const sentence = describeComparison(
      {
        current: { n: 12, median: 2520 },
        previous: { n: 15, median: 3060 },
        ratio: 2520 / 3060,
        ratioCi: { lower: 0.6, upper: 1.15 },
        pValue: 0.31,
        verdict: 'no detectable change',
        improved: null,
        smallN: false,
        minimumDetectableChange: 0.45,
        alpha: 0.05,
        minN: 10,
      },
      { label: 'MTTR', formatValue: minutes },
    );
    expect(sentence).toBe("MTTR 42m vs 51m (\u221218%, n = 12 vs 15): no detectable change; with this few incidents a change smaller than \u00b145% can't be seen.");
  });

  it('detected changes carry p and the interval; small n and empty periods say so', () => {
    expect(comparePeriods(FAST, SLOW, { seed: 5, label: 'MTTA', formatValue: seconds }).sentence)
      .toBe('MTTA 6s vs 16s (\u221265%, n = 10 vs 10): faster (p < 0.001; 95% interval \u221282% to \u221246%).');
    expect(comparePeriods(range(9, 1), range(30, 3), { seed: 5, label: 'MTTA', formatValue: seconds }).sentence)
      .toBe("MTTA 5s vs 18s (\u221271%, n = 9 vs 30): not enough data to call a change (fewer than 10 incidents in the current period); with this few incidents a change smaller than 2.1\u00d7 either way can't be seen.");
    expect(comparePeriods([], SLOW, { seed: 5, label: 'MTTA', formatValue: seconds }).sentence)
      .toBe('MTTA no data vs 16s (n = 0 vs 10): not enough data (no incidents in the current period).');
    expect(comparePeriods(Array(10).fill(5), Array(10).fill(5), { seed: 5, label: 'MTTA', formatValue: seconds }).sentence)
      .toBe('MTTA 5s vs 5s (0%, n = 10 vs 10): no detectable change.');
  });

  it('large samples: a small detectable change is not called "few"', () => {
    const facts = {
      current: { n: 400, median: 100 }, previous: { n: 380, median: 103 }, ratio: 100 / 103, ratioCi: null,
      pValue: 0.4, verdict: 'no detectable change' as const, improved: null, smallN: false,
      minimumDetectableChange: 0.12, alpha: 0.05, minN: 10,
    };
    expect(describeComparison(facts, { label: 'Median', formatValue: String, noun: 'tickets' }))
      .toBe("Median 100 vs 103 (\u22123%, n = 400 vs 380): no detectable change; a change smaller than \u00b112% can't be seen at these counts.");
  });
});
