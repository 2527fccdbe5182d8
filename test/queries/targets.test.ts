/**
 * Targets: parsing both forms, judging one period (met / missed / undecided / not enough data,
 * with the Wilson and order-statistic intervals worked out beside each case), and attainment per
 * month over a real DuckDB. Wilson's lower bound for n of n hits is n / (n + z²), z² = 3.8415:
 * 40 of 40 → 0.912 (≥ 90%: met), 20 of 20 → 0.839 (straddles: undecided).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import type { Sample } from '../../queries/samples.ts';
import { targetAttainment } from '../../queries/targets/attainment.ts';
import { judgeTarget } from '../../queries/targets/judge.ts';
import { parseTargetText } from '../../queries/targets/parse.ts';
import { describeTarget, type Target } from '../../queries/targets/target.ts';
import { seededDb, type Row } from './golden/seed.ts';

const sample = (seconds: number, reached = true, open = false): Sample => ({ period: null, keys: {}, seconds, reached, open });
const many = (count: number, seconds: number, reached = true, open = false) => Array.from({ length: count }, () => sample(seconds, reached, open));
const target = (text: string, severity: string | null = 'SEV1'): Target => {
  const parsed = parseTargetText(text, severity);
  if (!parsed.target) throw new Error(parsed.problems.map((problem) => problem.message).join(' '));
  return parsed.target;
};

describe('parseTargetText', () => {
  it('reads both forms, verbs and metric ids', () => {
    expect(target('90% acknowledged within 5m')).toEqual({ kind: 'share', severity: 'SEV1', metric: 'mtta', share: 0.9, threshold: 300 });
    expect(target('95% of incidents resolved within 1h30m', null)).toEqual({ kind: 'share', severity: null, metric: 'mttr', share: 0.95, threshold: 5400 });
    expect(target('p90(mtta) <= 5m')).toEqual({ kind: 'aggregate', severity: 'SEV1', metric: 'mtta', aggregate: 'p90', operator: '<=', threshold: 300 });
    expect(target('median(mtbf) >= 7d', null)).toMatchObject({ aggregate: 'median', operator: '>=', threshold: 7 * 86_400 });
    expect(describeTarget(target('90% mtta within 300s'))).toBe('SEV1: 90% acknowledged within 5m');
  });

  it('explains what is wrong', () => {
    expect(parseTargetText('p99(mtta) <= 5m').problems).toEqual([
      { field: 'aggregate', message: '"p99" is not an aggregate; allowed: median, p90, p95, mean, geomean (or give a share such as 90%).' },
    ]);
    expect(parseTargetText('90% fixed within soon').problems.map((problem) => problem.field)).toEqual(['metric', 'threshold']);
  });
});

describe('judgeTarget, share form', () => {
  const t = target('90% acknowledged within 5m');
  it('met, undecided, missed by where the Wilson interval lies', () => {
    expect(judgeTarget(t, many(40, 120))).toMatchObject({ status: 'met', n: 40, hits: 40, misses: 0, value: 1 });
    const twenty = judgeTarget(t, many(20, 120));
    expect(twenty).toMatchObject({ status: 'undecided', n: 20, value: 1 });
    expect(twenty.lower).toBeCloseTo(20 / (20 + 3.8415), 3);
    expect(judgeTarget(t, [...many(10, 120), ...many(10, 600)])).toMatchObject({ status: 'missed', hits: 10, misses: 10, value: 0.5 });
    expect(judgeTarget(t, many(20, 120)).sentence).toBe('SEV1: 90% acknowledged within 5m: 20 of 20 (100%) in time; 95% interval 83.9%–100% includes 90%: undecided.');
  });

  it('open incidents: past the limit a miss, under it pending; closed without reaching it a miss', () => {
    const judged = judgeTarget(t, [...many(36, 60), sample(400, false, true), sample(200, false, true), sample(100, false, false)]);
    // 36 hits; misses: open 400 s (past 5 min) and the one closed unacknowledged; 1 pending.
    expect(judged).toMatchObject({ hits: 36, misses: 2, pending: 1, n: 38, status: 'undecided' });
  });

  it('fewer than 10 judgeable incidents is not enough data, whatever they show', () => {
    expect(judgeTarget(t, many(9, 60))).toMatchObject({ status: 'not enough data', n: 9, reason: 'fewer than 10 incidents to judge' });
    expect(judgeTarget(t, [])).toMatchObject({ status: 'not enough data', n: 0, value: null });
  });
});

describe('judgeTarget, aggregate form', () => {
  it('median: the order-statistic interval decides', () => {
    // n = 20 → interval x(6)..x(15). Values 60·1 … 60·20: x(6) = 360, x(15) = 900.
    const values = Array.from({ length: 20 }, (_, i) => sample(60 * (i + 1)));
    expect(judgeTarget(target('median(mtta) <= 16m'), values)).toMatchObject({ status: 'met', value: 630, lower: 360, upper: 900 });
    expect(judgeTarget(target('median(mtta) <= 5m'), values)).toMatchObject({ status: 'missed' });
    expect(judgeTarget(target('median(mtta) <= 10m'), values)).toMatchObject({ status: 'undecided' });
  });

  it('p90 at n = 20 has no upper bound: met cannot be shown, missed still can', () => {
    expect(judgeTarget(target('p90(mtta) <= 1h'), many(20, 60))).toMatchObject({ status: 'not enough data', reason: expect.stringContaining('an upper bound needs n ≥ 36') });
    expect(judgeTarget(target('p90(mtta) <= 1m'), many(20, 600))).toMatchObject({ status: 'missed' });
  });

  it('still-open incidents are not in n and are reported as pending', () => {
    const judged = judgeTarget(target('mean(mttr) <= 2h'), [...many(12, 3600), sample(99_999, false, true)]);
    expect(judged).toMatchObject({ status: 'met', n: 12, pending: 1, value: 3600, lower: 3600, upper: 3600 });
  });
});

describe('targetAttainment per month (DuckDB)', () => {
  let db: Database;
  beforeAll(async () => {
    const incidents: Row[] = [];
    const add = (month: string, count: number, ackSeconds: number | null, severity = 'SEV1', extra: Row = {}) => {
      for (let i = 0; i < count; i++) {
        const opened = new Date(`2026-${month}-01T00:00:00Z`).getTime() + i * 3_600_000;
        incidents.push({
          external_id: `${month}-${severity}-${ackSeconds}-${i}`, severity, opened_at: new Date(opened).toISOString(),
          acknowledged_at: ackSeconds === null ? null : new Date(opened + ackSeconds * 1000).toISOString(), resolved_at: new Date(opened + 7_200_000).toISOString(), ...extra,
        });
      }
    };
    add('01', 40, 120); // 40 of 40 within 5 min: met
    add('01', 5, 3600, 'SEV2'); // another severity: not this target's business
    add('02', 10, 120); // 10 of 20: missed
    add('02', 10, 900);
    add('03', 5, 60); // 5 incidents: not enough data …
    incidents.push({ external_id: 'open-young', severity: 'SEV1', opened_at: '2026-03-31T23:58:00Z' }); // … and one open 2 min: pending
    db = await seededDb({ incidents });
  });
  afterAll(() => db.close());

  it('judges each month, empty months included', async () => {
    const { request } = parseMetricRequest({ metric: 'count', grain: 'month', from: '2026-01-01', to: '2026-05-01' });
    const result = await targetAttainment(db.connection, request, [target('90% acknowledged within 5m')], defaultContext(new Date('2026-04-01T00:00:00Z')));
    expect(result.targets).toHaveLength(1);
    const [report] = result.targets;
    expect(report).toMatchObject({ text: 'SEV1: 90% acknowledged within 5m', label: 'MTTA', metric: 'mtta', kind: 'share' });
    expect(report!.periods.map(({ period, status, n, hits, misses, pending }) => ({ period, status, n, hits, misses, pending }))).toEqual([
      { period: '2026-01-01', status: 'met', n: 40, hits: 40, misses: 0, pending: 0 },
      { period: '2026-02-01', status: 'missed', n: 20, hits: 10, misses: 10, pending: 0 },
      { period: '2026-03-01', status: 'not enough data', n: 5, hits: 5, misses: 0, pending: 1 },
      { period: '2026-04-01', status: 'not enough data', n: 0, hits: 0, misses: 0, pending: 0 },
    ]);
  });
});
