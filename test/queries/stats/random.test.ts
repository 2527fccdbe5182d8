import { describe, expect, it } from 'vitest';
import { mulberry32, randomIndex } from '../../../queries/stats/random.ts';

describe('mulberry32', () => {
  it('matches the reference algorithm', () => {
    // Reference: bryc's mulberry32 (github.com/bryc/code, jshash/PRNGs.md), re-implemented
    // independently in Python with explicit 32-bit masking; seed 1 and seed 42, first 3 draws.
    const one = mulberry32(1);
    expect([one(), one(), one()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const answer = mulberry32(42);
    expect([answer(), answer(), answer()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('is deterministic, seed-dependent and stays in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const drawsA = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(drawsA);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(drawsA);
    expect(drawsA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('rejects a non-finite seed; randomIndex stays in range', () => {
    expect(() => mulberry32(Number.NaN)).toThrow(RangeError);
    const random = mulberry32(3);
    const indices = Array.from({ length: 500 }, () => randomIndex(random, 4));
    expect(new Set(indices)).toEqual(new Set([0, 1, 2, 3]));
    expect(() => randomIndex(random, 0)).toThrow(RangeError);
  });
});
