/** GET /api/metrics/catalog, /api/survival and /api/compare through app.request, with their 400s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import { seededDb, type Row } from '../queries/golden/seed.ts';

let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const month = (m: string, first: number, step: number): Row[] => Array.from({ length: 12 }, (_, i) => ({
    external_id: `${m}-${i}`, severity: i % 2 ? 'SEV1' : 'SEV2', opened_at: `2026-${m}-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
    resolved_at: new Date(Date.parse(`2026-${m}-${String(i + 1).padStart(2, '0')}T10:00:00Z`) + (first + i * step) * 1000).toISOString(),
  }));
  db = await seededDb({ incidents: [...month('01', 7200, 60), ...month('02', 1800, 60), { external_id: 'open', severity: 'SEV1', opened_at: '2026-02-27T00:00:00Z' }] });
  app = createApp({ db, webRoot: null, log: { info() {}, error() {} }, now: () => new Date('2026-03-01T00:00:00Z') });
});
afterAll(() => db.close());

describe('GET /api/metrics/catalog', () => {
  it('declares metrics, dimensions, grains, cohorts and clocks', async () => {
    const res = await app.request('/api/metrics/catalog');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.metrics.find((m: { id: string }) => m.id === 'mttr')).toEqual({
      id: 'mttr', label: 'MTTR', kind: 'duration', entity: 'incidents', unit: 'seconds', format: 'duration', lower_is_better: true,
      definition: expect.stringContaining('resolved_at'), aggregates: ['median', 'p90', 'p95', 'mean', 'geomean', 'n'],
      start: 'opened_at', end: 'resolved_at', follows_clock: true,
      columns: ['mttr_median', 'mttr_p90', 'mttr_p95', 'mttr_mean', 'mttr_geomean', 'mttr_n'],
    });
    expect(body.metrics.find((m: { id: string }) => m.id === 'backlog').columns).toEqual(['backlog']);
    expect(body.dimensions.map((d: { id: string }) => d.id)).toEqual(['severity', 'service', 'team', 'root_cause', 'source', 'assignee', 'drill', 'owner']);
    expect(body).toMatchObject({ grains: ['day', 'week', 'month', 'quarter', 'year'], cohorts: ['opened', 'resolved'], clocks: ['wall', 'business'], custom_dimension: 'custom.<key>' });
  });
});

describe('GET /api/survival', () => {
  it('defaults to time to resolve, censoring the open incident at now', async () => {
    const res = await app.request('/api/survival?from=2026-02-01&to=2026-03-01');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.metric).toMatchObject({ id: 'mttr', clock: 'wall' });
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ n: 13, events: 12, censored: 1 });
  });

  it('one curve per value of one dimension; 400 for two', async () => {
    const body = await (await app.request('/api/survival?metric=mttr&by=severity')).json();
    expect(body.groups.map((g: { key: Record<string, string> }) => g.key.severity)).toEqual(['SEV1', 'SEV2']);
    const bad = await app.request('/api/survival?by=severity,team');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'survival takes at most one dimension in by, got 2.' });
    const count = await app.request('/api/survival?metric=count');
    expect(count.status).toBe(400);
  });
});

describe('GET /api/compare', () => {
  it('period over period with verdict, detectable change, sentence and mix', async () => {
    const res = await app.request('/api/compare?metric=mttr&period=2026-02');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.mode).toBe('period');
    expect(body.request).toMatchObject({ metrics: ['mttr'], from: '2026-02-01', to: '2026-03-01', clock: 'wall' });
    const [comparison] = body.comparisons;
    expect(comparison.metric).toMatchObject({ id: 'mttr', label: 'MTTR' });
    expect(comparison.rows[0]).toMatchObject({ key: {}, current: { n: 12, median: 2130 }, previous: { n: 12, median: 7530 }, verdict: 'faster' });
    expect(comparison.rows[0].minimumDetectableChange).toBeGreaterThan(0);
    expect(comparison.rows[0].sentence).toMatch(/^MTTR 35m30s vs 2h5m30s/);
    expect(comparison.mix.strata.map((s: { stratum: string }) => s.stratum)).toEqual(['SEV1', 'SEV2']);
    expect(comparison.strata).toBeNull();
  });

  it('before/after a date, stratified by severity', async () => {
    const body = await (await app.request('/api/compare?metric=mttr&around=2026-02-01&days=31')).json();
    expect(body.mode).toBe('around');
    expect(body.windows).toEqual({ current: { from: '2026-02-01', to: '2026-03-04' }, previous: { from: '2026-01-01', to: '2026-02-01' } });
    expect(body.comparisons[0].strata.map((s: { key: { severity: string }; verdict: string }) => [s.key.severity, s.verdict])).toEqual([
      ['SEV1', 'not enough data'], ['SEV2', 'not enough data'],
    ]);
    expect(body.comparisons[0].stratified).toMatchObject({ used: ['SEV1', 'SEV2'], verdict: 'faster' });
  });

  it('counts and rates: a verdict each, with their own numbers', async () => {
    const body = await (await app.request('/api/compare?metric=count,reopen&period=2026-02')).json();
    const [count, reopen] = body.comparisons;
    // 13 opened in February's 28 days (the open one too) vs 12 in January's 31.
    expect(count).toMatchObject({ kind: 'count', metric: { id: 'count' }, exposure: { current: 28, previous: 31, unit: 'days' } });
    expect(count.rows[0]).toMatchObject({ current: { n: 13 }, previous: { n: 12 }, verdict: 'no detectable change', test: 'exact conditional binomial' });
    expect(count.rows[0].ratio).toBeCloseTo((13 / 28) / (12 / 31), 12);
    // Reopen rate over resolved incidents only: the open one is not in n.
    expect(reopen).toMatchObject({ kind: 'rate', metric: { id: 'reopen' } });
    expect(reopen.rows[0]).toMatchObject({ current: { n: 12, hits: 0 }, previous: { n: 12, hits: 0 }, difference: 0, verdict: 'no detectable change' });
  });

  it('answers 400 with the allowed values', async () => {
    const res = await app.request('/api/compare?metric=backlog&period=2026-02');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'compare works on durations, counts and rates; "backlog" is a snapshot metric. Allowed metrics: count, mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf, reopen, resolution_success, escalation, after_hours, review_coverage, recurrence, cadence, action_items, action_items_overdue, action_items_on_time.',
    });
    expect((await app.request('/api/compare?metric=mttr')).status).toBe(400);
  });
});
