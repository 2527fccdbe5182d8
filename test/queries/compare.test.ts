/**
 * Period-over-period and before/after comparisons: the windows, the request's errors, and the
 * verdicts over a real DuckDB — a real speed-up, a change that is only the severity mix, and the
 * before/after view stratified by severity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aroundWindows, periodWindows, rangeWindows } from '../../queries/compare/periods.ts';
import { parseCompareRequest, type RawCompareRequest } from '../../queries/compare/request.ts';
import { runCompare, type CompareResult, type DurationComparison } from '../../queries/compare/run.ts';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { seededDb, type Row } from './golden/seed.ts';

const CONTEXT = defaultContext(new Date('2026-04-01T00:00:00Z'));

describe('windows', () => {
  it('a named period and the one before it', () => {
    expect(periodWindows('2026-03')).toEqual({ current: { from: '2026-03-01', to: '2026-04-01' }, previous: { from: '2026-02-01', to: '2026-03-01' } });
    expect(periodWindows('2026-Q1')).toEqual({ current: { from: '2026-01-01', to: '2026-04-01' }, previous: { from: '2025-10-01', to: '2026-01-01' } });
    expect(periodWindows('2026')).toEqual({ current: { from: '2026-01-01', to: '2027-01-01' }, previous: { from: '2025-01-01', to: '2026-01-01' } });
    expect(periodWindows('2026-03-01')).toEqual({ current: { from: '2026-03-01', to: '2026-03-02' }, previous: { from: '2026-02-28', to: '2026-03-01' } });
    expect(periodWindows('2026-13')).toBeNull();
  });

  it('from/to: whole months shift by months, anything else by days', () => {
    expect(rangeWindows('2026-01-01', '2026-04-01').previous).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    expect(rangeWindows('2026-03-10', '2026-03-24').previous).toEqual({ from: '2026-02-24', to: '2026-03-10' });
    expect(aroundWindows('2026-03-02', 90)).toEqual({ current: { from: '2026-03-02', to: '2026-05-31' }, previous: { from: '2025-12-02', to: '2026-03-02' } });
  });
});

describe('parseCompareRequest', () => {
  const errors = (raw: RawCompareRequest) => parseCompareRequest(raw).errors;
  it('one sentence per problem, with what is allowed', () => {
    expect(errors({ metric: 'backlog', period: '2026-10' })).toEqual([
      'compare works on durations, counts and rates; "backlog" is a snapshot metric. Allowed metrics: count, mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf, reopen, resolution_success, escalation, after_hours, review_coverage, recurrence, cadence, action_items, action_items_overdue, action_items_on_time.',
    ]);
    expect(errors({ metric: 'uptime', period: '2026-10' })).toHaveLength(1); // the parser's own "Unknown metric" sentence, once
    expect(errors({ metric: 'mttr' })).toEqual(['Give exactly one of period (e.g. 2026-10), from and to, or around (a date) with days; got none.']);
    expect(errors({ metric: 'mttr', period: '2026-10', around: '2026-03-02' })).toEqual(['Give exactly one of period (e.g. 2026-10), from and to, or around (a date) with days; got period and around.']);
    expect(errors({ metric: 'mttr', period: 'October' })).toEqual(['period must look like 2026-10, 2026-Q4, 2026 or 2026-10-05, got "October".']);
    expect(errors({ metric: 'mttr', around: '2026-03-02', days: '0' })).toEqual(['days must be a whole number from 1 to 3660, got "0".']);
    expect(errors({ metric: 'mttr', from: '2026-01-01' })).toEqual(['from and to go together: give both (to is exclusive).']);
    expect(errors({ metric: 'mttr', by: 'team,service', grain: 'month', period: '2026-10' })).toEqual([
      'compare takes at most one dimension in by, got 2.', 'compare has no grain: it compares two windows; give period, from and to, or around.',
    ]);
  });

  it('the shared request covers the current window', () => {
    expect(parseCompareRequest({ metric: 'mttr', period: '2026-10' }).compare).toMatchObject({ mode: 'period', request: { from: '2026-10-01', to: '2026-11-01' } });
  });
});

function incidents(month: string, severity: string, resolveSeconds: number[]): Row[] {
  return resolveSeconds.map((seconds, i) => {
    const opened = new Date(`2026-${month}-01T00:00:00Z`).getTime() + i * 3_600_000;
    return { external_id: `${month}-${severity}-${i}`, severity, opened_at: new Date(opened).toISOString(), resolved_at: new Date(opened + seconds * 1000).toISOString() };
  });
}
/** The first comparison, which these tests know is a duration's. */
function durations(result: CompareResult): DurationComparison {
  const comparison = result.comparisons[0]!;
  if (comparison.kind !== 'duration') throw new Error(`expected a duration comparison, got ${comparison.kind}`);
  return comparison;
}
const range = (count: number, first: number, step: number) => Array.from({ length: count }, (_, i) => first + i * step);

describe('runCompare', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        // Jan → Feb: every February incident faster than every January one (SEV2 only).
        ...incidents('01', 'SEV2', range(12, 7200, 60)),
        ...incidents('02', 'SEV2', range(12, 1800, 60)),
        // Mar → Apr: the same speed within each severity; only the mix moves to quick SEV3s.
        ...incidents('03', 'SEV1', range(10, 14_400, 10)),
        ...incidents('03', 'SEV3', range(10, 3600, 10)),
        ...incidents('04', 'SEV1', range(2, 14_400, 10)),
        ...incidents('04', 'SEV3', range(18, 3600, 5)),
      ],
    });
  });
  afterAll(() => db.close());

  const run = async (raw: RawCompareRequest) => {
    const { compare, errors } = parseCompareRequest(raw);
    if (!compare) throw new Error(errors.join(' '));
    return runCompare(db.connection, compare, CONTEXT);
  };

  it('a real speed-up is called faster, with its numbers and sentence', async () => {
    const result = await run({ metric: 'mttr', period: '2026-02' });
    expect(result.windows).toEqual({ current: { from: '2026-02-01', to: '2026-03-01' }, previous: { from: '2026-01-01', to: '2026-02-01' } });
    const [row] = durations(result).rows;
    // Medians: 1800 + 5.5·60 = 2130 vs 7200 + 330 = 7530. No overlap: exact p = 2/C(24,12).
    expect(row).toMatchObject({ key: {}, current: { n: 12, median: 2130 }, previous: { n: 12, median: 7530 }, verdict: 'faster', improved: true, smallN: false });
    expect(row!.ratio).toBeCloseTo(2130 / 7530, 12);
    expect(row!.pValue).toBeCloseTo(2 / 2_704_156, 12);
    expect(row!.sentence).toMatch(/^MTTR 35m30s vs 2h5m30s \(−72%, n = 12 vs 12\): faster \(p < 0\.001; 95% interval −\d+% to −\d+%\)\.$/);
  });

  it('a change that is only the severity mix: the split says so', async () => {
    const result = await run({ metric: 'mttr', period: '2026-04' });
    const { mix, rows } = durations(result);
    // Overall medians: March (3690 + 14400)/2 = 9045; April (3645 + 3650)/2 = 3647.5.
    expect(rows[0]).toMatchObject({ current: { n: 20, median: 3647.5 }, previous: { n: 20, median: 9045 } });
    // April re-weighted to March's 50/50 mix: the SEV3 half ends at 3685 → (3685 + 14400)/2.
    expect(mix.standardisedMedian).toBe(9042.5);
    expect(mix.withinEffect).toBeCloseTo(9042.5 / 9045 - 1, 12);
    expect(mix.mixEffect).toBeCloseTo(3647.5 / 9042.5 - 1, 12);
  });

  it('before/after a change, each severity and the stratified test', async () => {
    const result = await run({ metric: 'mttr', around: '2026-04-01', days: '31' });
    expect(result.mode).toBe('around');
    const comparison = durations(result);
    expect(comparison.strata!.map((row) => [row.key.severity, row.current.n, row.previous.n, row.verdict])).toEqual([
      ['SEV1', 2, 10, 'not enough data'], ['SEV3', 18, 10, 'no detectable change'],
    ]);
    expect(comparison.stratified).toMatchObject({ used: ['SEV1', 'SEV3'], skipped: [], verdict: 'no detectable change' });
    // Unstratified, the mix alone looks like a big speed-up: exactly the trap stratifying avoids.
    expect(comparison.rows[0]!.verdict).toBe('faster');
  });

  it('by a dimension: one row per value seen in either window', async () => {
    const result = await run({ metric: 'mttr', by: 'severity', period: '2026-04' });
    expect(result.comparisons[0]!.rows.map((row) => [row.key.severity, row.current.n, row.previous.n])).toEqual([['SEV1', 2, 10], ['SEV3', 18, 10]]);
  });
});
