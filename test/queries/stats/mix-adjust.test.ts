import { describe, expect, it } from 'vitest';
import { mixAdjust, weightedMedian } from '../../../queries/stats/mix-adjust.ts';
import { median } from '../../../queries/stats/quantile.ts';

describe('weightedMedian', () => {
  it('with equal weights it is the type-7 median', () => {
    const even = [1, 2, 7, 40];
    const odd = [3, 9, 27];
    expect(weightedMedian(even.map((value) => ({ value, weight: 1 })))).toBe(median(even)); // 4.5
    expect(weightedMedian(odd.map((value) => ({ value, weight: 0.2 })))).toBe(9);
  });

  it('takes the first value reaching half the weight, or the midpoint on exactly half', () => {
    // Weights 1, 1, 2 (total 4): cumulative 1, 2 = half exactly at 20 → (20 + 30)/2 = 25.
    expect(weightedMedian([{ value: 30, weight: 2 }, { value: 10, weight: 1 }, { value: 20, weight: 1 }])).toBe(25);
    // Weights 1, 3: cumulative 1 < 2, then 4 > 2 → 20.
    expect(weightedMedian([{ value: 10, weight: 1 }, { value: 20, weight: 3 }])).toBe(20);
    expect(weightedMedian([])).toBeNull();
    expect(weightedMedian([{ value: 5, weight: 0 }])).toBeNull();
  });
});

describe('mixAdjust', () => {
  it('splits a drop into mix and within-strata effects, worked by hand', () => {
    // Previous: SEV1 [10, 30], SEV2 [100, 300] → mix ½ : ½; pooled [10, 30, 100, 300] → median 65.
    // Current: SEV1 [5, 10, 15, 20, 25, 30] (6), SEV2 [50, 150] (2) → mix ¾ : ¼;
    //   pooled [5, 10, 15, 20, 25, 30, 50, 150] → median (20 + 25)/2 = 22.5.
    // Standardised (previous mix on current strata): each SEV1 value weighs ½/6 = 1/12, each SEV2
    //   value ½/2 = 1/4. Cumulative 1/12, 2/12, … reaches exactly ½ at 30 (6/12), so the
    //   median is the midpoint of 30 and the next value, 50 → 40.
    // observed = 22.5/65 − 1 = −0.653846; within = 40/65 − 1 = −0.384615; mix = 22.5/40 − 1 = −0.4375.
    // Check: (1 − 0.4375)(1 − 0.384615) = 0.5625 · 0.615385 = 0.346154 = 1 − 0.653846.
    const result = mixAdjust([
      { stratum: 'SEV1', previous: [30, 10], current: [25, 5, 10, 15, 20, 30] },
      { stratum: 'SEV2', previous: [100, 300], current: [150, 50] },
    ]);
    expect(result).toMatchObject({ previousMedian: 65, currentMedian: 22.5, standardisedMedian: 40, unmatched: [], reason: null });
    expect(result.observedChange).toBeCloseTo(22.5 / 65 - 1, 14);
    expect(result.withinEffect).toBeCloseTo(40 / 65 - 1, 14);
    expect(result.mixEffect).toBeCloseTo(-0.4375, 14);
    expect((1 + (result.mixEffect as number)) * (1 + (result.withinEffect as number))).toBeCloseTo(1 + (result.observedChange as number), 14);
    expect(result.strata).toEqual([
      { stratum: 'SEV1', currentN: 6, previousN: 2, currentShare: 0.75, previousShare: 0.5, currentMedian: 17.5, previousMedian: 20 },
      { stratum: 'SEV2', currentN: 2, previousN: 2, currentShare: 0.25, previousShare: 0.5, currentMedian: 100, previousMedian: 200 },
    ]);
  });

  it('an unchanged mix has a mix effect of exactly 0', () => {
    // Both periods 1 SEV1 : 2 SEV2 (3 : 6 and 2 : 4), so every current value weighs the same.
    const result = mixAdjust([
      { stratum: 'SEV1', previous: [10, 20], current: [5, 9, 12] },
      { stratum: 'SEV2', previous: [40, 60, 80, 100], current: [30, 50, 55, 70, 90, 95] },
    ]);
    expect(result.mixEffect).toBe(0);
    expect(result.withinEffect).toBe(result.observedChange);
  });

  it('a pure mix shift: same speeds within strata, more of the quick kind', () => {
    // Each stratum's values are identical in both periods; only the counts change.
    const result = mixAdjust([
      { stratum: 'SEV1', previous: [600], current: [600, 600, 600] },
      { stratum: 'SEV3', previous: [6000, 6000, 6000], current: [6000] },
    ]);
    // Previous pooled [600, 6000, 6000, 6000] → 6000; current [600, 600, 600, 6000] → 600.
    // Standardised: SEV1 values weigh ¼/3 each, SEV3 ¾ → median 6000 → within 0, mix −90%.
    expect(result).toMatchObject({ previousMedian: 6000, currentMedian: 600, standardisedMedian: 6000, withinEffect: 0 });
    expect(result.mixEffect).toBeCloseTo(-0.9, 14);
  });

  it('a stratum that vanished is listed and its share spread over the rest; a new one counts as mix', () => {
    const result = mixAdjust([
      { stratum: 'SEV1', previous: [10, 30], current: [] },
      { stratum: 'SEV2', previous: [100, 300], current: [150, 50] },
      { stratum: 'SEV4', previous: [], current: [1, 1, 1] },
    ]);
    expect(result.unmatched).toEqual(['SEV1']);
    // Only SEV2 is matched: standardised = median of [50, 150] = 100; SEV4 gets no weight.
    expect(result.standardisedMedian).toBe(100);
    expect(result.currentMedian).toBe(1); // [1, 1, 1, 50, 150]
  });

  it('edge cases: empty, nothing matched, zero medians, duplicate strata', () => {
    expect(mixAdjust([])).toMatchObject({ observedChange: null, reason: 'a period has no values' });
    expect(mixAdjust([{ stratum: 'A', previous: [1], current: [] }, { stratum: 'B', previous: [], current: [2] }]))
      .toMatchObject({ standardisedMedian: null, mixEffect: null, reason: 'no stratum has values in both periods' });
    expect(mixAdjust([{ stratum: 'A', previous: [0, 0], current: [0, 5] }]).reason).toMatch(/0 or negative/);
    expect(() => mixAdjust([{ stratum: 'A', previous: [1], current: [1] }, { stratum: 'A', previous: [2], current: [2] }])).toThrow(/twice/);
  });
});
