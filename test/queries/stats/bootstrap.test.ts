import { describe, expect, it } from 'vitest';
import { bootstrapCi, bootstrapCi2 } from '../../../queries/stats/bootstrap.ts';
import { median } from '../../../queries/stats/quantile.ts';

const med = (sorted: readonly number[]) => median(sorted) as number;
const ratioOfMedians = (a: readonly number[], b: readonly number[]) => med(a) / med(b);
// A skewed sample: minutes to resolve, roughly log-normal.
const sample = [4, 7, 9, 12, 15, 18, 22, 30, 41, 55, 80, 140, 300, 2];

describe('bootstrapCi', () => {
  it('gives identical output twice with the same seed', () => {
    const first = bootstrapCi(sample, med, { seed: 2026 });
    const second = bootstrapCi(sample, med, { seed: 2026 });
    expect(second).toEqual(first);
    expect(first.resamples).toBe(2000);
    expect(first.level).toBe(0.95);
    expect(first.method).toBe('percentile');
    // Medians of 14 values are coarse, so compare the resampled means themselves across seeds.
    const draws = (seed: number) => {
      const means: number[] = [];
      bootstrapCi(sample, (s) => {
        means.push(s.reduce((a, b) => a + b, 0) / s.length);
        return 0;
      }, { seed, resamples: 100 });
      return means;
    };
    expect(draws(2026)).toEqual(draws(2026));
    expect(draws(2027)).not.toEqual(draws(2026));
  });

  it('brackets the sample median', () => {
    const ci = bootstrapCi(sample, med, { seed: 1 });
    expect(ci.estimate).toBe(20); // sorted middle pair 18, 22
    expect(ci.lower as number).toBeLessThan(20);
    expect(ci.upper as number).toBeGreaterThan(20);
  });

  it('two values: the resampled median is a, (a+b)/2 or b with chance ¼, ½, ¼', () => {
    // Resamples of [10, 30] are {10,10}, {10,30}, {30,10}, {30,30}; so the 2.5% and 97.5%
    // points of 2000 resampled medians are 10 and 30, and about half the draws give 20.
    const seen: number[] = [];
    const ci = bootstrapCi([30, 10], (s) => {
      seen.push(med(s));
      return med(s);
    }, { seed: 9 });
    expect([ci.lower, ci.upper]).toEqual([10, 30]);
    const middle = seen.filter((m) => m === 20).length / seen.length;
    expect(middle).toBeGreaterThan(0.45);
    expect(middle).toBeLessThan(0.55);
  });

  it('hands the statistic sorted resamples drawn from the sample', () => {
    bootstrapCi(sample, (s) => {
      for (let i = 1; i < s.length; i++) expect(s[i] as number).toBeGreaterThanOrEqual(s[i - 1] as number);
      expect(s).toHaveLength(sample.length);
      for (const v of s) expect(sample).toContain(v);
      return 0;
    }, { seed: 3, resamples: 50 });
  });

  it('edge cases: empty, one value, all ties, undefined statistic', () => {
    expect(bootstrapCi([], med, { seed: 1 })).toMatchObject({ estimate: null, lower: null, upper: null, reason: 'the sample is empty' });
    expect(bootstrapCi([42], med, { seed: 1 })).toMatchObject({ estimate: 42, lower: 42, upper: 42 });
    expect(bootstrapCi([5, 5, 5, 5], med, { seed: 1 })).toMatchObject({ lower: 5, upper: 5 });
    const undefinedSometimes = bootstrapCi([0, 1, 2], (s) => (med(s) === 0 ? Number.NaN : med(s)), { seed: 1 });
    expect(undefinedSometimes.lower).toBeNull();
    expect(undefinedSometimes.reason).toMatch(/undefined in \d+ of 2000 resamples/);
  });

  it('rejects bad options', () => {
    expect(() => bootstrapCi(sample, med, { seed: 1, resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapCi(sample, med, { seed: 1, level: 95 })).toThrow(RangeError);
  });
});

describe('bootstrapCi2 (ratio of medians)', () => {
  const previous = [10, 14, 20, 25, 31, 40, 52, 60, 75, 90, 120, 200];
  const current = previous.map((v) => v / 2);

  it('is deterministic and centred on the observed ratio', () => {
    const first = bootstrapCi2(current, previous, ratioOfMedians, { seed: 11 });
    expect(bootstrapCi2(current, previous, ratioOfMedians, { seed: 11 })).toEqual(first);
    expect(first.estimate).toBe(0.5); // every value halved
    expect(first.lower as number).toBeLessThan(0.5);
    expect(first.upper as number).toBeGreaterThan(0.5);
  });

  it('constant samples give a degenerate interval; an empty sample gives none', () => {
    expect(bootstrapCi2([6, 6, 6], [3, 3], ratioOfMedians, { seed: 1 })).toMatchObject({ estimate: 2, lower: 2, upper: 2 });
    expect(bootstrapCi2([], [3], ratioOfMedians, { seed: 1 })).toMatchObject({ estimate: null, lower: null, reason: 'a sample is empty' });
  });
});
