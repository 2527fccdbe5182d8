/**
 * Share metrics compared between windows over a real DuckDB: hits and denominators read through
 * the compiled catalog (reopen rate: resolved incidents, reopened at least once; drills and
 * still-open incidents are not in n). Data, all resolved unless said:
 *   January (from the 5th): SEV1 6 of 10 reopened, SEV2 14 of 20   → 20 of 30
 *   February:               SEV1 3 of 10 reopened, SEV2 8 of 20     → 11 of 30
 *                           + 1 unresolved SEV2, + 1 reopened drill (neither counts)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCompareRequest, type RawCompareRequest } from '../../../queries/compare/request.ts';
import { runCompare, type RateMetricComparison } from '../../../queries/compare/run.ts';
import { defaultContext } from '../../../queries/compile/context.ts';
import type { Database } from '../../../queries/db.ts';
import { seededDb, type Row } from '../golden/seed.ts';

function resolved(month: string, severity: string, count: number, reopened: number): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const opened = Date.parse(`2026-${month}-05T00:00:00Z`) + i * 3_600_000;
    return { external_id: `${month}-${severity}-${i}`, severity, opened_at: new Date(opened).toISOString(), resolved_at: new Date(opened + 1_800_000).toISOString(), reopen_count: i < reopened ? 1 : 0 };
  });
}

describe('compare: rates', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        ...resolved('01', 'SEV1', 10, 6), ...resolved('01', 'SEV2', 20, 14),
        ...resolved('02', 'SEV1', 10, 3), ...resolved('02', 'SEV2', 20, 8),
        { external_id: 'open', severity: 'SEV2', opened_at: '2026-02-20T00:00:00Z', reopen_count: 1 },
        { external_id: 'drill', severity: 'SEV1', opened_at: '2026-02-21T00:00:00Z', resolved_at: '2026-02-21T01:00:00Z', reopen_count: 1, is_drill: true },
      ],
    });
  });
  afterAll(() => db.close());

  const run = async (raw: RawCompareRequest): Promise<RateMetricComparison> => {
    const { compare, errors } = parseCompareRequest(raw);
    if (!compare) throw new Error(errors.join(' '));
    const comparison = (await runCompare(db.connection, compare, defaultContext(new Date('2026-04-01T00:00:00Z')))).comparisons[0]!;
    if (comparison.kind !== 'rate') throw new Error(`expected a rate comparison, got ${comparison.kind}`);
    return comparison;
  };

  it('a lower reopen rate on 30 vs 30 incidents is better (z-test)', async () => {
    const result = await run({ metric: 'reopen', period: '2026-02' });
    const [row] = result.rows;
    // p̄ = 31/60; z = (11/30 − 20/30) / √(31/60 · 29/60 · 2/30) = −2.3251;
    // prop.test(c(11, 20), c(30, 30), correct = FALSE): p-value = 0.02007.
    expect(row).toMatchObject({ key: {}, current: { n: 30, hits: 11 }, previous: { n: 30, hits: 20 }, test: 'two-proportion-z', verdict: 'better', improved: true });
    expect(row!.difference).toBeCloseTo(-9 / 30, 14);
    expect(row!.pValue).toBeCloseTo(0.020068, 6);
    expect(row!.sentence).toMatch(/^Reopen rate 36\.7% vs 66\.7% \(−30\.0 pts, n = 30 vs 30\): better \(p = 0\.02; 95% interval −\d+\.\d to −\d+\.\d pts\)\.$/);
    expect(result).toMatchObject({ mix: null, strata: null, stratified: null });
  });

  it('by severity, with Fisher where the counts are small', async () => {
    const result = await run({ metric: 'reopen', by: 'severity', period: '2026-02' });
    const [sev1, sev2] = result.rows;
    // SEV1 3/10 vs 6/10: smallest expected cell 10·9/20 = 4.5 < 5 → Fisher. Hypergeometric
    // weights (×184756) for 0..9 hits now: 11, 495, 5940, 27720, 58212, 58212, 27720, 5940, 495, 11;
    // those ≤ 27720 sum to 68332 → p = 68332/184756.
    expect(sev1).toMatchObject({ key: { severity: 'SEV1' }, test: 'fisher-exact', verdict: 'no detectable change' });
    expect(sev1!.pValue).toBeCloseTo(68_332 / 184_756, 12);
    // SEV2 8/20 vs 14/20: smallest expected cell 20·18/40 = 9 → z; p = 0.05653.
    expect(sev2).toMatchObject({ key: { severity: 'SEV2' }, test: 'two-proportion-z', verdict: 'no detectable change' });
    expect(sev2!.pValue).toBeCloseTo(0.05653, 5);
  });

  it('before/after a change: each severity and the Cochran–Mantel–Haenszel test over them', async () => {
    const result = await run({ metric: 'reopen', around: '2026-02-01', days: '28' });
    expect(result.strata!.map((row) => [row.key.severity, row.current.hits, row.current.n, row.previous.hits, row.previous.n])).toEqual([
      ['SEV1', 3, 10, 6, 10], ['SEV2', 8, 20, 14, 20],
    ]);
    // z = (−1.5 − 3) / √(9900/7600 + 158400/62400) = −2.29607, p = 0.02167 (stats/mantel-haenszel test).
    expect(result.stratified!.z).toBeCloseTo(-2.29607, 5);
    expect(result.stratified).toMatchObject({ used: ['SEV1', 'SEV2'], skipped: [], verdict: 'better' });
  });

  it('too few incidents in a window: not enough data', async () => {
    const result = await run({ metric: 'reopen', filter: ['severity=SEV1'], from: '2026-02-01', to: '2026-02-06' });
    // Feb 1–5 holds the ten SEV1s (opened on the 5th); the 5 days before hold none.
    expect(result.rows[0]).toMatchObject({ current: { n: 10 }, previous: { n: 0 }, verdict: 'not enough data', pValue: null });
    expect(result.rows[0]!.sentence).toBe('Reopen rate 30% vs no data (n = 10 vs 0): not enough data (no incidents in the previous period).');
  });
});
