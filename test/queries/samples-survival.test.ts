/**
 * Per-incident samples and the Kaplan–Meier curve built from them. Still-open incidents are
 * censored at their age now; never-acknowledged ones at their resolution; impossible orders are
 * left out. Clock pinned at 2026-03-01T00:00Z.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest, type RawMetricRequest } from '../../queries/request.ts';
import { runSamples } from '../../queries/samples.ts';
import { runSurvival, thinSteps } from '../../queries/survival-curve.ts';
import { kaplanMeier } from '../../queries/stats/index.ts';
import { seededDb } from './golden/seed.ts';

const CONTEXT = defaultContext(new Date('2026-03-01T00:00:00Z'));
const request = (raw: Omit<RawMetricRequest, 'metric'> & { metric?: string }) => parseMetricRequest({ metric: 'mttr', ...raw }).request;

let db: Database;
beforeAll(async () => {
  db = await seededDb({
    incidents: [
      { external_id: 'S1', severity: 'SEV1', opened_at: '2026-02-01T00:00:00Z', acknowledged_at: '2026-02-01T00:05:00Z', resolved_at: '2026-02-01T01:00:00Z' },
      { external_id: 'S2', severity: 'SEV1', opened_at: '2026-02-02T00:00:00Z', acknowledged_at: '2026-02-02T00:10:00Z', resolved_at: '2026-02-02T02:00:00Z' },
      { external_id: 'S3', severity: 'SEV2', opened_at: '2026-02-03T00:00:00Z', resolved_at: '2026-02-03T04:00:00Z' }, // never acknowledged
      { external_id: 'S4', severity: 'SEV2', opened_at: '2026-02-28T00:00:00Z' }, // open for one day now
      { external_id: 'S5', severity: 'SEV2', opened_at: '2026-02-27T00:00:00Z', resolved_at: '2026-02-26T00:00:00Z' }, // impossible
    ],
  });
});
afterAll(() => db.close());

describe('runSamples', () => {
  it('time to resolve: resolved ones reached, open ones censored now, impossible ones out', async () => {
    const samples = await runSamples(db.connection, request({ by: 'severity' }), 'mttr', CONTEXT);
    expect(samples).toEqual([
      { period: null, keys: { severity: 'SEV1' }, seconds: 3600, reached: true, open: false },
      { period: null, keys: { severity: 'SEV1' }, seconds: 7200, reached: true, open: false },
      { period: null, keys: { severity: 'SEV2' }, seconds: 14_400, reached: true, open: false },
      { period: null, keys: { severity: 'SEV2' }, seconds: 86_400, reached: false, open: true },
    ]);
  });

  it('time to acknowledge: a never-acknowledged incident is censored at its resolution', async () => {
    const samples = await runSamples(db.connection, request({ grain: 'month' }), 'mtta', CONTEXT);
    expect(samples.map(({ period, seconds, reached, open }) => [period, seconds, reached, open])).toEqual([
      ['2026-02-01', 300, true, false], ['2026-02-01', 600, true, false], ['2026-02-01', 14_400, false, false], ['2026-02-01', 86_400, false, true],
    ]);
  });

  it('only duration metrics have samples', async () => {
    await expect(runSamples(db.connection, request({}), 'count', CONTEXT)).rejects.toThrow('"count" has no per-incident durations; allowed metrics: mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf.');
  });
});

describe('runSurvival', () => {
  it('the open incident keeps the median honest', async () => {
    // Times 3600, 7200, 14400 (events) and 86400 (censored): S = 0.75, 0.5, 0.25.
    // S is exactly 0.5 from 7200 to the next drop at 14400 → median 10800, where MTTR says 7200.
    const result = await runSurvival(db.connection, request({}), CONTEXT);
    expect(result.metric).toMatchObject({ id: 'mttr', label: 'MTTR', clock: 'wall', clock_label: 'wall clock' });
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]).toMatchObject({ key: {}, n: 4, events: 3, censored: 1, median: 10_800, reason: null });
    expect(result.groups[0]!.steps.map((step) => [step.time, step.survival])).toEqual([[3600, 0.75], [7200, 0.5], [14_400, 0.25], [86_400, 0.25]]);
  });

  it('one curve per severity; a curve that never reaches one half says so', async () => {
    const result = await runSurvival(db.connection, request({ by: 'severity' }), CONTEXT);
    expect(result.groups.map(({ key, n, median, reason }) => ({ key, n, median, reason }))).toEqual([
      { key: { severity: 'SEV1' }, n: 2, median: 5400, reason: null },
      // SEV2: S = 0.5 from 14400 to the last observed time 86400 (censored) → midpoint 50400.
      { key: { severity: 'SEV2' }, n: 2, median: 50_400, reason: null },
    ]);
    const open = await runSurvival(db.connection, request({ filter: ['severity=SEV2'], from: '2026-02-10' }), CONTEXT);
    expect(open.groups[0]).toMatchObject({ n: 1, median: null, reason: 'median not reached: S(t) stays above 0.5 (1 of 1 still open)' });
  });

  it('rejects more than one dimension or a grain', async () => {
    await expect(runSurvival(db.connection, request({ by: 'severity,team' }), CONTEXT)).rejects.toThrow('survival takes at most one dimension in by, got 2.');
    await expect(runSurvival(db.connection, request({ grain: 'month' }), CONTEXT)).rejects.toThrow(/survival has no grain/);
  });
});

describe('thinSteps', () => {
  it('keeps first, last and every drop of at least 1/maxPoints', () => {
    const curve = kaplanMeier(Array.from({ length: 1000 }, (_, i) => ({ time: i + 1, event: true })));
    const thin = thinSteps(curve.steps, 100);
    expect(thin.length).toBeLessThanOrEqual(102);
    expect(thin[0]).toBe(curve.steps[0]);
    expect(thin.at(-1)).toBe(curve.steps.at(-1));
    expect(thinSteps(curve.steps.slice(0, 50), 100)).toHaveLength(50);
  });
});
