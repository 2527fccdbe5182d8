/**
 * Golden metric tests: a tiny inline dataset whose answers are worked out by hand below.
 * Medians and percentiles interpolate (quantile_cont, type 7): p90 of [a, b, c] sits 1.8 of the
 * way along, p95 1.9 of the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { defaultContext } from '../../queries/compile/context.ts';
import { parseMetricRequest, type RawMetricRequest } from '../../queries/request.ts';
import { runMetrics } from '../../queries/run.ts';
import { memoryDb, type TestIncident } from '../helpers/db.ts';

const NOW = new Date('2026-03-01T00:00:00Z');

const ROWS: TestIncident[] = [
  // January, SEV1: MTTA 240 s and 600 s (C never acknowledged); MTTR 3600, 7200, 1800 s.
  { external_id: 'A', severity: 'SEV1', opened_at: '2026-01-10T10:00:00Z', acknowledged_at: '2026-01-10T10:04:00Z', resolved_at: '2026-01-10T11:00:00Z' },
  { external_id: 'B', severity: 'SEV1', opened_at: '2026-01-20T08:00:00Z', acknowledged_at: '2026-01-20T08:10:00Z', resolved_at: '2026-01-20T10:00:00Z' },
  { external_id: 'C', severity: 'SEV1', opened_at: '2026-01-25T12:00:00Z', acknowledged_at: null, resolved_at: '2026-01-25T12:30:00Z' },
  // January, SEV2: acknowledged after 1200 s and still open.
  { external_id: 'D', severity: 'SEV2', opened_at: '2026-01-15T09:00:00Z', acknowledged_at: '2026-01-15T09:20:00Z', resolved_at: null },
  // February, SEV2: one real incident (120 s / 14400 s) and one drill (60 s / 600 s).
  { external_id: 'E', severity: 'SEV2', opened_at: '2026-02-03T09:00:00Z', acknowledged_at: '2026-02-03T09:02:00Z', resolved_at: '2026-02-03T13:00:00Z' },
  { external_id: 'F', severity: 'SEV2', opened_at: '2026-02-04T09:00:00Z', acknowledged_at: '2026-02-04T09:01:00Z', resolved_at: '2026-02-04T09:10:00Z', is_drill: true },
  // February, SEV1: resolved before it was opened (impossible): out of MTTR, still in MTTA (60 s).
  { external_id: 'G', severity: 'SEV1', opened_at: '2026-02-10T10:00:00Z', acknowledged_at: '2026-02-10T10:01:00Z', resolved_at: '2026-02-10T09:00:00Z' },
];

let db: Database;
beforeAll(async () => {
  db = await memoryDb(ROWS);
});
afterAll(() => db.close());

async function metrics(raw: RawMetricRequest, database = db) {
  const { request, errors } = parseMetricRequest(raw);
  expect(errors).toEqual([]);
  return (await runMetrics(database.connection, request, defaultContext(NOW))).rows;
}

const pick = (rows: Array<Record<string, unknown>>, keys: string[]) => rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])));

describe('MTTA, MTTR and incident count', () => {
  it('by month and severity', async () => {
    const rows = await metrics({ metric: 'mtta,mttr,count', by: 'severity', grain: 'month' });
    expect(pick(rows, ['period', 'severity', 'mtta_median', 'mtta_p90', 'mtta_mean', 'mtta_n', 'mttr_median', 'mttr_p90', 'mttr_p95', 'mttr_mean', 'mttr_n', 'count', 'count_n'])).toEqual([
      { period: '2026-01-01', severity: 'SEV1', mtta_median: 420, mtta_p90: 564, mtta_mean: 420, mtta_n: 2, mttr_median: 3600, mttr_p90: 6480, mttr_p95: 6840, mttr_mean: 4200, mttr_n: 3, count: 3, count_n: 3 },
      { period: '2026-01-01', severity: 'SEV2', mtta_median: 1200, mtta_p90: 1200, mtta_mean: 1200, mtta_n: 1, mttr_median: null, mttr_p90: null, mttr_p95: null, mttr_mean: null, mttr_n: 0, count: 1, count_n: 1 },
      { period: '2026-02-01', severity: 'SEV1', mtta_median: 60, mtta_p90: 60, mtta_mean: 60, mtta_n: 1, mttr_median: null, mttr_p90: null, mttr_p95: null, mttr_mean: null, mttr_n: 0, count: 1, count_n: 1 },
      { period: '2026-02-01', severity: 'SEV2', mtta_median: 120, mtta_p90: 120, mtta_mean: 120, mtta_n: 1, mttr_median: 14400, mttr_p90: 14400, mttr_p95: 14400, mttr_mean: 14400, mttr_n: 1, count: 1, count_n: 1 },
    ]);
    // Geometric mean of 1800, 3600, 7200 s: (1800 · 3600 · 7200)^(1/3) = 3600 s.
    expect(rows[0]!.mttr_geomean).toBe(3600);
  });

  it('over the whole range: never-acknowledged and still-open incidents are outside n', async () => {
    // MTTA over 60, 120, 240, 600, 1200 → median 240; MTTR over 1800, 3600, 7200, 14400 → 5400.
    const [row] = await metrics({ metric: 'mtta,mttr,count' });
    expect(row).toMatchObject({ mtta_median: 240, mtta_n: 5, mttr_median: 5400, mttr_n: 4, mttr_mean: 6750, count: 6, count_n: 6 });
  });

  it('includes drills only when asked', async () => {
    const rows = await metrics({ metric: 'mtta,mttr,count', by: 'severity', grain: 'month', include_drills: 'true', filter: ['severity=SEV2'] });
    expect(rows.find((row) => row.period === '2026-02-01')).toMatchObject({ mtta_median: 90, mttr_median: 7500, mttr_n: 2, count: 2, count_n: 2 });
  });

  it('filters by a dimension and a half-open date range', async () => {
    const rows = await metrics({ metric: 'count', by: 'severity', from: '2026-01-15', to: '2026-02-04', filter: ['severity=SEV2'] });
    // D (Jan 15, on the boundary: included) and E (Feb 3); F (Feb 4) is a drill and past `to`.
    expect(rows).toEqual([{ severity: 'SEV2', count: 2, count_n: 2 }]);
  });

  it('counts by the resolved cohort', async () => {
    const rows = await metrics({ metric: 'count', grain: 'month', cohort: 'resolved' });
    // Resolved in Jan: A, B, C. In Feb: E, and G (resolved_at Feb 10 09:00, impossible but resolved).
    expect(rows).toEqual([{ period: '2026-01-01', count: 3, count_n: 3 }, { period: '2026-02-01', count: 2, count_n: 2 }]);
  });
});

describe('time zones and empty buckets', () => {
  const LATE = [
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST since 29 March, UTC+1).
    { external_id: 'L1', severity: 'SEV3', opened_at: '2026-03-31T23:30:00Z', resolved_at: '2026-04-01T00:30:00Z' },
    // 23:30 UTC on 31 January is still January in London (GMT, UTC+0).
    { external_id: 'L2', severity: 'SEV3', opened_at: '2026-01-31T23:30:00Z', resolved_at: '2026-02-01T00:00:00Z' },
  ];

  it('buckets periods in the requested zone, daylight saving included, and zero-fills the gaps', async () => {
    const local = await memoryDb(LATE);
    try {
      expect(await metrics({ metric: 'count', grain: 'month', tz: 'UTC' }, local)).toEqual([
        { period: '2026-01-01', count: 1, count_n: 1 }, { period: '2026-02-01', count: 0, count_n: 0 }, { period: '2026-03-01', count: 1, count_n: 1 },
      ]);
      expect(await metrics({ metric: 'count', grain: 'month', tz: 'Europe/London' }, local)).toEqual([
        { period: '2026-01-01', count: 1, count_n: 1 }, { period: '2026-02-01', count: 0, count_n: 0 },
        { period: '2026-03-01', count: 0, count_n: 0 }, { period: '2026-04-01', count: 1, count_n: 1 },
      ]);
      // from/to are local dates too: London's 1 April starts at 23:00 UTC on 31 March.
      expect(await metrics({ metric: 'count', from: '2026-04-01', tz: 'Europe/London' }, local)).toEqual([{ count: 1, count_n: 1 }]);
      expect(await metrics({ metric: 'count', from: '2026-04-01', tz: 'UTC' }, local)).toEqual([{ count: 0, count_n: 0 }]);
    } finally {
      local.close();
    }
  });

  it('days are 23 and 25 hours long on the daylight-saving days', async () => {
    // Spring forward in London: 29 March 2026 runs 00:00 GMT (00:00Z) to 00:00 BST (23:00Z).
    const spring = await memoryDb([
      { external_id: 'S1', opened_at: '2026-03-29T00:30:00Z' }, // 00:30 GMT: 29 March
      { external_id: 'S2', opened_at: '2026-03-29T22:30:00Z' }, // 23:30 BST: still 29 March
      { external_id: 'S3', opened_at: '2026-03-29T23:30:00Z' }, // 00:30 BST: 30 March
      // Fall back: 25 October runs 00:00 BST (24 Oct 23:00Z) to 00:00 GMT (25 Oct 24:00Z).
      { external_id: 'F1', opened_at: '2026-10-24T23:30:00Z' }, // 00:30 BST: 25 October
      { external_id: 'F2', opened_at: '2026-10-25T23:30:00Z' }, // 23:30 GMT: still 25 October
    ]);
    try {
      const rows = await metrics({ metric: 'count', grain: 'day', tz: 'Europe/London', filter: [] }, spring);
      const byDay = Object.fromEntries(rows.filter((row) => row.count !== 0).map((row) => [row.period, row.count]));
      expect(byDay).toEqual({ '2026-03-29': 2, '2026-03-30': 1, '2026-10-25': 2 });
    } finally {
      spring.close();
    }
  });
});

describe('UTC buckets at every grain', () => {
  // Instants either side of midnight UTC at the turn of a year, a quarter and a month, and a
  // Sunday/Monday (ISO weeks start on Monday: 2025-12-29 and 2026-01-05 are Mondays).
  const EDGES: TestIncident[] = [
    { external_id: 'Y1', opened_at: '2025-12-31T23:59:59Z', resolved_at: '2026-01-01T00:59:59Z' }, // MTTR 3600 s
    { external_id: 'Y2', opened_at: '2026-01-01T00:00:00Z', resolved_at: '2026-01-01T00:30:00Z' }, // 1800 s
    { external_id: 'W1', opened_at: '2026-01-04T23:00:00Z' }, // Sunday: week of 2025-12-29
    { external_id: 'W2', opened_at: '2026-01-05T00:00:00Z' }, // Monday: week of 2026-01-05
    { external_id: 'Q1', opened_at: '2026-03-31T23:59:59.999999Z' },
    { external_id: 'Q2', opened_at: '2026-04-01T00:00:00Z' },
  ];
  const buckets = async (grain: string, database: Database) => {
    const rows = await metrics({ metric: 'count,mttr', grain, tz: 'UTC' }, database);
    return Object.fromEntries(rows.filter((row) => row.count !== 0).map((row) => [row.period, [row.count, row.mttr_median]]));
  };

  it('puts each instant in its calendar bucket and keeps its durations there', async () => {
    const edges = await memoryDb(EDGES);
    try {
      expect(await buckets('year', edges)).toEqual({ '2025-01-01': [1, 3600], '2026-01-01': [5, 1800] });
      expect(await buckets('quarter', edges)).toEqual({ '2025-10-01': [1, 3600], '2026-01-01': [4, 1800], '2026-04-01': [1, null] });
      expect(await buckets('month', edges)).toEqual({ '2025-12-01': [1, 3600], '2026-01-01': [3, 1800], '2026-03-01': [1, null], '2026-04-01': [1, null] });
      expect(await buckets('week', edges)).toEqual({ '2025-12-29': [3, 2700], '2026-01-05': [1, null], '2026-03-30': [2, null] });
      expect(await buckets('day', edges)).toEqual({
        '2025-12-31': [1, 3600], '2026-01-01': [1, 1800], '2026-01-04': [1, null], '2026-01-05': [1, null], '2026-03-31': [1, null], '2026-04-01': [1, null],
      });
    } finally {
      edges.close();
    }
  });
});

describe('edge cases', () => {
  it('an empty table gives one row of zeros and nulls, not an error', async () => {
    const empty = await memoryDb();
    try {
      expect(await metrics({ metric: 'mttr,count' }, empty)).toEqual([
        { mttr_median: null, mttr_p90: null, mttr_p95: null, mttr_mean: null, mttr_geomean: null, mttr_n: 0, count: 0, count_n: 0 },
      ]);
      expect(await metrics({ metric: 'mttr', grain: 'month', by: 'severity' }, empty)).toEqual([]);
    } finally {
      empty.close();
    }
  });

  it('one row: every aggregate is that row', async () => {
    const one = await memoryDb([ROWS[0]!]);
    try {
      expect(await metrics({ metric: 'mttr' }, one)).toEqual([{ mttr_median: 3600, mttr_p90: 3600, mttr_p95: 3600, mttr_mean: 3600, mttr_geomean: 3600, mttr_n: 1 }]);
    } finally {
      one.close();
    }
  });
});
