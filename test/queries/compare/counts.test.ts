/**
 * Count metrics compared between windows over a real DuckDB: counts read through the compiled
 * catalog (drills excluded like the tile), exposure = window length in days, clipped at now.
 * Data (UTC, one incident per hour from the given day):
 *   Feb 1–14: 8 SEV2 · Feb 15–28: 12 SEV1 + 8 SEV2        → February 28 in 28 days
 *   Mar 1–14: 8 SEV2 (+ 1 drill) · Mar 15–31: 23 SEV2      → March 31 in 31 days
 *   Apr 1–9: 5 SEV2
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCompareRequest, type RawCompareRequest } from '../../../queries/compare/request.ts';
import { runCompare, type CountMetricComparison } from '../../../queries/compare/run.ts';
import { defaultContext } from '../../../queries/compile/context.ts';
import type { Database } from '../../../queries/db.ts';
import { seededDb, type Row } from '../golden/seed.ts';

const NOW = new Date('2026-04-10T12:00:00Z');

function hourly(day: string, severity: string, count: number, extra: Partial<Row> = {}): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    external_id: `${day}-${severity}-${i}${extra.is_drill ? '-drill' : ''}`, severity,
    opened_at: new Date(Date.parse(`${day}T00:00:00Z`) + i * 3_600_000).toISOString(), ...extra,
  }));
}

describe('compare: counts', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        ...hourly('2026-02-01', 'SEV2', 8), ...hourly('2026-02-15', 'SEV1', 12), ...hourly('2026-02-16', 'SEV2', 8),
        ...hourly('2026-03-01', 'SEV2', 8), ...hourly('2026-03-02', 'SEV1', 1, { is_drill: true }), ...hourly('2026-03-15', 'SEV2', 23),
        ...hourly('2026-04-01', 'SEV2', 5),
      ],
    });
  });
  afterAll(() => db.close());

  const run = async (raw: RawCompareRequest): Promise<CountMetricComparison> => {
    const { compare, errors } = parseCompareRequest(raw);
    if (!compare) throw new Error(errors.join(' '));
    const comparison = (await runCompare(db.connection, compare, defaultContext(NOW))).comparisons[0]!;
    if (comparison.kind !== 'count') throw new Error(`expected a count comparison, got ${comparison.kind}`);
    return comparison;
  };

  it('March against February: the same rate per day over months of different length is no change', async () => {
    const result = await run({ metric: 'count', period: '2026-03' });
    expect(result.exposure).toEqual({ current: 31, previous: 28, unit: 'days' });
    // Under no change the current count is Binomial(59, 31/59), whose mean 31 is what was seen: p = 1.
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ key: {}, current: { n: 31, value: 31, exposure: 31 }, previous: { n: 28, value: 28 }, ratio: 1, pValue: 1, verdict: 'no detectable change', improved: null });
    expect(result.rows[0]!.sentence).toMatch(/^Incidents 31 in 31 days vs 28 in 28 days \(0% per day\): no detectable change \(p = 1; 95% interval −\d+% to \+\d+%\)\.$/);
    expect(result.metric).toMatchObject({ id: 'count', lower_is_better: true });
  });

  it('around a change: equal windows, fewer overall, each severity on its own', async () => {
    const result = await run({ metric: 'count', around: '2026-03-01', days: '14' });
    // [Mar 1, Mar 15): 8 (the drill is not counted) vs [Feb 15, Mar 1): 20.
    // p = 2·P(B ≤ 8), B ~ Binomial(28, ½) = 2 · (1 + 28 + 378 + 3276 + 20475 + 98280 + 376740 + 1184040 + 3108105) / 2²⁸.
    const [row] = result.rows;
    expect(row).toMatchObject({ current: { n: 8 }, previous: { n: 20 }, verdict: 'fewer', improved: true });
    expect(row!.pValue).toBeCloseTo((2 * 4_791_323) / 2 ** 28, 12);
    expect(row!.ratio).toBeCloseTo(0.4, 12);
    expect(result.strata!.map((r) => [r.key.severity, r.current.n, r.previous.n, r.verdict])).toEqual([
      ['SEV1', 0, 12, 'fewer'], ['SEV2', 8, 8, 'no detectable change'],
    ]);
    expect(result.strata![0]!.pValue).toBeCloseTo(2 / 2 ** 12, 15);
    expect(result.stratified).toBeNull(); // the conditional test stratified by severity is the overall one
  });

  it('by a dimension: one row per value seen in either window, zero where absent', async () => {
    const result = await run({ metric: 'count', by: 'severity', period: '2026-03' });
    expect(result.rows.map((r) => [r.key.severity, r.current.n, r.previous.n])).toEqual([['SEV1', 0, 12], ['SEV2', 31, 16]]);
  });

  it('a window that contains now counts only the days elapsed', async () => {
    const result = await run({ metric: 'count', period: '2026-04' });
    // April 1 00:00 to now (April 10 12:00) is 9.5 days; March is whole.
    expect(result.exposure).toEqual({ current: 9.5, previous: 31, unit: 'days' });
    const [row] = result.rows;
    expect(row!.ratio).toBeCloseTo(5 / 9.5 / (31 / 31), 12);
    // Cross-checked with scipy.stats.binomtest(5, 36, 9.5 / 40.5): 0.23697.
    expect(row!.pValue).toBeCloseTo(0.23697, 5);
    expect(row!.sentence).toMatch(/^Incidents 5 in 9\.5 days vs 31 in 31 days \(−47% per day\): no detectable change/);
  });

  it('a window entirely in the future has no time to count', async () => {
    const result = await run({ metric: 'count', period: '2026-05' });
    expect(result.exposure.current).toBe(0);
    expect(result.rows[0]).toMatchObject({ verdict: 'not enough data', pValue: null });
  });
});
