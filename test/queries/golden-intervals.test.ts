/**
 * Golden cases for `intervals=true`: each duration median's 95% order-statistic interval per
 * bucket, computed in SQL, against hand-worked binomial ranks and against stats/quantileCi.
 * Hand check (B ~ Binomial(n, ½), the interval is [x(l), x(n+1−l)], l the largest rank with
 * P(B ≤ l−1) ≤ 2.5%):
 *   n = 10: P(B ≤ 1) = 11/1024 = 1.1%, P(B ≤ 2) = 56/1024 = 5.5% → l = 2: x(2)..x(9);
 *   n = 7:  P(B ≤ 0) = 1/128 = 0.8%, P(B ≤ 1) = 8/128 = 6.3% → l = 1: x(1)..x(7);
 *   n = 5:  P(B ≤ 0) = 1/32 = 3.1% > 2.5% → no bound at all (NULL, never a narrower interval).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMetricRequest } from '../../queries/compile.ts';
import { defaultContext, type BusinessCalendar } from '../../queries/compile/context.ts';
import { MEDIAN_CI_EXACT_MAX_N, medianLowerRanks } from '../../queries/compile/intervals.ts';
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { quantileCi } from '../../queries/stats/index.ts';
import { pick, rows, seededDb, type Row } from './golden/seed.ts';

const H = 3600;
const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour)).toISOString();

/** January: 10 resolved incidents with MTTR 1..10 h; February: 7 with 1..7 h; March: 5; April: none; May: 1. */
function month(m: number, count: number, prefix: string): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const opened = new Date(Date.UTC(2026, m, 2 + i, 0));
    return {
      external_id: `${prefix}${i + 1}`, severity: 'SEV2',
      opened_at: opened.toISOString(),
      // MTTA is i+1 minutes, so both medians get an interval from the same rows.
      acknowledged_at: new Date(opened.getTime() + (i + 1) * 60_000).toISOString(),
      resolved_at: new Date(opened.getTime() + (i + 1) * H * 1000).toISOString(),
    };
  });
}

let db: Database;
beforeAll(async () => {
  db = await seededDb({
    incidents: [
      ...month(0, 10, 'J'),
      ...month(1, 7, 'F'),
      ...month(2, 5, 'M'),
      ...month(4, 1, 'Y'),
      // Still open: in the cohort, not in MTTR's n, so not in its interval either.
      { external_id: 'OPEN', severity: 'SEV2', opened_at: at(20), acknowledged_at: at(20, 1) },
    ],
  });
});
afterAll(() => db.close());

describe('median intervals per bucket', () => {
  it('gives x(l)..x(n+1−l) with exact binomial ranks, NULL when n is too small, and an empty month as n = 0', async () => {
    const answer = await rows(db, { metric: 'mttr', grain: 'month', from: '2026-01-01', to: '2026-06-01', intervals: 'true' });
    expect(pick(answer, ['period', 'mttr_median', 'mttr_n', 'mttr_ci_low', 'mttr_ci_high'])).toEqual([
      { period: '2026-01-01', mttr_median: 5.5 * H, mttr_n: 10, mttr_ci_low: 2 * H, mttr_ci_high: 9 * H },
      { period: '2026-02-01', mttr_median: 4 * H, mttr_n: 7, mttr_ci_low: 1 * H, mttr_ci_high: 7 * H },
      { period: '2026-03-01', mttr_median: 3 * H, mttr_n: 5, mttr_ci_low: null, mttr_ci_high: null },
      { period: '2026-04-01', mttr_median: null, mttr_n: 0, mttr_ci_low: null, mttr_ci_high: null },
      { period: '2026-05-01', mttr_median: 1 * H, mttr_n: 1, mttr_ci_low: null, mttr_ci_high: null },
    ]);
  });

  it('declares the bounds as measure columns of their metric, formatted as durations, for every duration asked', () => {
    const { request } = parseMetricRequest({ metric: 'mtta,mttr,count', grain: 'month', intervals: 'true' });
    const compiled = compileMetricRequest(request, defaultContext(new Date('2026-06-01T00:00:00Z')));
    const bounds = compiled.columns.filter((c) => c.aggregate === 'ci_low' || c.aggregate === 'ci_high');
    expect(bounds).toEqual([
      { name: 'mtta_ci_low', kind: 'measure', metric: 'mtta', aggregate: 'ci_low' },
      { name: 'mtta_ci_high', kind: 'measure', metric: 'mtta', aggregate: 'ci_high' },
      { name: 'mttr_ci_low', kind: 'measure', metric: 'mttr', aggregate: 'ci_low' },
      { name: 'mttr_ci_high', kind: 'measure', metric: 'mttr', aggregate: 'ci_high' },
    ]);
    expect(compiled.formats.mttr_ci_low).toBe('duration');
  });

  it('bounds MTTA from its own population (the open incident is acknowledged, so in MTTA\'s n)', async () => {
    const answer = await rows(db, { metric: 'mtta', from: '2026-01-01', to: '2026-02-01', intervals: 'true' });
    // January MTTA: 1..10 minutes plus OPEN's 60 minutes → n = 11; l = 2 (P(B ≤ 1) = 12/2048), u = 10.
    expect(pick(answer, ['mtta_n', 'mtta_ci_low', 'mtta_ci_high'])).toEqual([{ mtta_n: 11, mtta_ci_low: 2 * 60, mtta_ci_high: 10 * 60 }]);
  });

  it('leaves answers without intervals exactly as they were (no extra columns, nothing echoed)', async () => {
    const { request } = parseMetricRequest({ metric: 'mttr', grain: 'month' });
    expect('intervals' in request).toBe(false);
    const answer = await rows(db, { metric: 'mttr', grain: 'month', from: '2026-01-01', to: '2026-02-01' });
    expect(Object.keys(answer[0]!)).not.toContain('mttr_ci_low');
  });

  it('refuses a value that is not true or false', () => {
    expect(parseMetricRequest({ metric: 'mttr', intervals: 'yes' }).errors).toEqual(['intervals must be true or false, got "yes".']);
  });
});

describe('the rank rule is quantileCi\'s', () => {
  it(`has quantileCi's exact ranks for every n up to ${MEDIAN_CI_EXACT_MAX_N}`, () => {
    const ranks = medianLowerRanks();
    expect(ranks).toHaveLength(MEDIAN_CI_EXACT_MAX_N);
    for (let n = 1; n <= MEDIAN_CI_EXACT_MAX_N; n++) {
      const ci = quantileCi(Array.from({ length: n }, (_, i) => i + 1), 0.5);
      expect([n, ranks[n - 1], ranks[n - 1] === null ? null : n + 1 - ranks[n - 1]!]).toEqual([n, ci.lowerRank, ci.upperRank]);
    }
  });

  it('matches quantileCi in SQL on both sides of the exact table (n = 1000 exact, n = 1500 normal approximation)', async () => {
    const big = await seededDb({
      incidents: [
        ...Array.from({ length: 1000 }, (_, i) => ({ external_id: `A${i}`, opened_at: '2026-01-05T00:00:00Z', resolved_at: new Date(Date.UTC(2026, 0, 5) + (i + 1) * 1000).toISOString() })),
        ...Array.from({ length: 1500 }, (_, i) => ({ external_id: `B${i}`, opened_at: '2026-02-05T00:00:00Z', resolved_at: new Date(Date.UTC(2026, 1, 5) + (i + 1) * 1000).toISOString() })),
      ],
    });
    try {
      const answer = await rows(big, { metric: 'mttr', grain: 'month', intervals: 'true' });
      const exact = quantileCi(Array.from({ length: 1000 }, (_, i) => i + 1), 0.5);
      const normal = quantileCi(Array.from({ length: 1500 }, (_, i) => i + 1), 0.5, { method: 'normal' });
      expect(pick(answer, ['mttr_n', 'mttr_ci_low', 'mttr_ci_high'])).toEqual([
        { mttr_n: 1000, mttr_ci_low: exact.lower, mttr_ci_high: exact.upper },
        { mttr_n: 1500, mttr_ci_low: normal.lower, mttr_ci_high: normal.upper },
      ]);
      // The values are 1..n seconds, so a bound is its rank: 469..532, and for n = 1500
      // floor(750.5 − 1.96·√375) = floor(712.55) = 712, ceil(750.5 + 37.95) = 789.
      expect([exact.lower, exact.upper, normal.lower, normal.upper]).toEqual([469, 532, 712, 789]);
      // Above the table the ranks stay within one of the exact ones.
      const auto = quantileCi(Array.from({ length: 1500 }, (_, i) => i + 1), 0.5);
      expect(Math.abs(normal.lowerRank! - auto.lowerRank!)).toBeLessThanOrEqual(1);
    } finally {
      big.close();
    }
  }, 120_000); // seeds 2,500 incidents one statement at a time
});

describe('intervals follow the clock', () => {
  const CALENDAR: BusinessCalendar = { tz: 'UTC', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] };
  it('bounds business-hours durations on the business clock', async () => {
    // Seven incidents opened Monday 5 Jan 2026 09:00 UTC, resolved k working hours later (k = 1..7) the same day.
    const clocked = await seededDb({
      incidents: Array.from({ length: 7 }, (_, i) => ({
        external_id: `C${i}`, opened_at: '2026-01-05T09:00:00Z', resolved_at: new Date(Date.UTC(2026, 0, 5, 9 + i + 1)).toISOString(),
      })).concat([
        // Opened Friday 16:00, resolved Monday 10:00: 66 h on the wall, 2 working hours.
        { external_id: 'WKND', opened_at: '2026-01-09T16:00:00Z', resolved_at: '2026-01-12T10:00:00Z' },
      ]),
    });
    try {
      const context = { ...defaultContext(new Date('2026-03-01T00:00:00Z')), calendar: CALENDAR };
      const business = await rows(clocked, { metric: 'mttr', clock: 'business', intervals: 'true' }, context);
      const wall = await rows(clocked, { metric: 'mttr', intervals: 'true' }, context);
      // n = 8: l = 1 (P(B ≤ 0) = 1/256, P(B ≤ 1) = 9/256 = 3.5%); business values 1,2,2,3,4,5,6,7 h; wall 1..7 h and 66 h.
      expect(pick(business, ['mttr_n', 'mttr_ci_low', 'mttr_ci_high'])).toEqual([{ mttr_n: 8, mttr_ci_low: 1 * H, mttr_ci_high: 7 * H }]);
      expect(pick(wall, ['mttr_n', 'mttr_ci_low', 'mttr_ci_high'])).toEqual([{ mttr_n: 8, mttr_ci_low: 1 * H, mttr_ci_high: 66 * H }]);
    } finally {
      clocked.close();
    }
  });
});
