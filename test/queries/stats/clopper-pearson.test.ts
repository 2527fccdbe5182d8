/**
 * Exact interval against R's binom.test(682, 925)$conf.int = 0.7076683 0.7654066 and the closed
 * forms at the edges: x = 0 → [0, 1 − (α/2)^(1/n)], x = n → [(α/2)^(1/n), 1].
 */
import { describe, expect, it } from 'vitest';
import { clopperPearson } from '../../../queries/stats/clopper-pearson.ts';

describe('clopperPearson', () => {
  it("agrees with R's binom.test", () => {
    const ci = clopperPearson(682, 925);
    expect(ci.lower).toBeCloseTo(0.7076683, 7);
    expect(ci.upper).toBeCloseTo(0.7654066, 7);
  });

  it('has closed forms at 0 and n', () => {
    expect(clopperPearson(0, 10)).toMatchObject({ lower: 0 });
    expect(clopperPearson(0, 10).upper).toBeCloseTo(1 - 0.025 ** 0.1, 12);
    expect(clopperPearson(10, 10)).toMatchObject({ upper: 1 });
    expect(clopperPearson(10, 10).lower).toBeCloseTo(0.025 ** 0.1, 12);
    expect(clopperPearson(0, 10, { level: 0.9 }).upper).toBeCloseTo(1 - 0.05 ** 0.1, 12);
  });

  it('rejects impossible input', () => {
    expect(() => clopperPearson(1, 0)).toThrow(RangeError);
    expect(() => clopperPearson(1, 2, { level: 1 })).toThrow(RangeError);
  });
});
