import { DOUBLE, DuckDBInstance, LIST, listValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { geometricMean, mean, median, quantile, sortAscending } from '../../../queries/stats/quantile.ts';

describe('quantile (type 7, as DuckDB quantile_cont)', () => {
  it('interpolates between closest ranks', () => {
    // h = (n − 1)p. [1, 2, 3, 4]: p = 0.5 → h = 1.5 → 2 + 0.5·1 = 2.5;
    // p = 0.9 → h = 2.7 → 3 + 0.7·1 = 3.7; p = 0.25 → h = 0.75 → 1.75.
    const x = [1, 2, 3, 4];
    expect(quantile(x, 0.5)).toBe(2.5);
    expect(quantile(x, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile(x, 0.25)).toBe(1.75);
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1)).toBe(4);
    // The golden metric test's p90 of [1800, 3600, 7200] (seconds): h = 1.8 → 3600 + 0.8·3600 = 6480.
    expect(quantile([1800, 3600, 7200], 0.9)).toBe(6480);
  });

  it('agrees with DuckDB quantile_cont on the same data', async () => {
    const values = [7, 0.5, 120, 3600, 42, 42, 9, 86400, 15, 600, 2.25];
    const ps = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        'SELECT quantile_cont(x, $2::DOUBLE[]) AS q FROM unnest($1::DOUBLE[]) AS t(x)',
        [listValue(values), listValue(ps)],
        [LIST(DOUBLE), LIST(DOUBLE)],
      );
      const fromDuckDb = reader.getRowObjectsJson()[0]?.q as number[];
      expect(fromDuckDb).toHaveLength(ps.length);
      const sorted = sortAscending(values);
      ps.forEach((p, i) => expect(quantile(sorted, p)).toBeCloseTo(fromDuckDb[i] as number, 9));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('edge cases: empty is null, one value, all ties, infinities', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(median([])).toBeNull();
    expect(median([42])).toBe(42);
    expect(quantile([5, 5, 5], 0.9)).toBe(5);
    expect(quantile([1, Infinity, Infinity], 0.9)).toBe(Infinity); // no Infinity − Infinity = NaN
  });

  it('refuses unsorted or NaN input and bad p', () => {
    expect(() => quantile([3, 1, 2], 0.5)).toThrow(/ascending/);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/NaN/);
    expect(() => quantile([1, 2], 1.1)).toThrow(RangeError);
  });

  it('sortAscending sorts numerically, not as strings', () => {
    const input = [10, 9, 100, 1];
    expect(sortAscending(input)).toEqual([1, 9, 10, 100]);
    expect(input).toEqual([10, 9, 100, 1]); // not mutated
  });
});

describe('mean and geometricMean', () => {
  it('mean', () => {
    expect(mean([1, 2, 3, 10])).toBe(4);
    expect(mean([])).toBeNull();
  });

  it('geometric mean over positive values, counting what was left out', () => {
    // (1 · 10 · 100)^(1/3) = 10; the 0 and −5 have no logarithm and are excluded.
    const g = geometricMean([1, 10, 100, 0, -5]);
    expect(g.value).toBeCloseTo(10, 12);
    expect(g.used).toBe(3);
    expect(g.excluded).toBe(2);
    expect(geometricMean([0, 0])).toEqual({ value: null, used: 0, excluded: 2 });
    expect(geometricMean([])).toEqual({ value: null, used: 0, excluded: 0 });
    expect(geometricMean([7]).value).toBeCloseTo(7, 12);
  });
});
