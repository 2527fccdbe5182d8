/** The HTTP API through app.request (no port): health, metrics, and 400s that list allowed values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import type { Logger } from '../../server/deps.ts';
import { memoryDb } from '../helpers/db.ts';

const logged: string[] = [];
const log: Logger = { info: (m) => logged.push(m), error: (m) => logged.push(m) };
let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await memoryDb([
    { external_id: 'A', severity: 'SEV1', opened_at: '2026-01-10T10:00:00Z', acknowledged_at: '2026-01-10T10:04:00Z', resolved_at: '2026-01-10T11:00:00Z' },
    { external_id: 'B', severity: 'SEV1', opened_at: '2026-02-10T10:00:00Z', acknowledged_at: '2026-02-10T10:10:00Z', resolved_at: '2026-02-10T12:00:00Z' },
    { external_id: 'C', severity: 'SEV2', opened_at: '2026-02-11T10:00:00Z', acknowledged_at: null, resolved_at: null },
  ]);
  app = createApp({ db, webRoot: null, log });
});
afterAll(() => db.close());

describe('GET /api/health', () => {
  it('reports the incident count', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, incidents: 3, db: ':memory:' });
  });
});

describe('GET /api/metrics', () => {
  it('answers MTTR by severity and month with the metric declaration', async () => {
    const res = await app.request('/api/metrics?metric=mttr&by=severity&grain=month&from=2026-01-01&to=2026-03-01');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.metrics).toEqual([expect.objectContaining({ id: 'mttr', label: 'MTTR', unit: 'seconds', format: 'duration', aggregates: ['median', 'p90', 'p95', 'mean', 'geomean', 'n'] })]);
    expect(body.metrics[0].definition).toMatch(/resolved_at .* minus opened_at/);
    const short = (row: Record<string, unknown>) => ({ period: row.period, severity: row.severity, median: row.mttr_median, n: row.mttr_n });
    // January has only SEV1 incidents; the SEV2 row is zero-filled (n = 0), not missing.
    expect(body.rows.map(short)).toEqual([
      { period: '2026-01-01', severity: 'SEV1', median: 3600, n: 1 },
      { period: '2026-01-01', severity: 'SEV2', median: null, n: 0 },
      { period: '2026-02-01', severity: 'SEV1', median: 7200, n: 1 },
      { period: '2026-02-01', severity: 'SEV2', median: null, n: 0 },
    ]);
  });

  it('accepts repeated filters', async () => {
    const res = await app.request('/api/metrics?metric=count&filter=severity=SEV2&filter=severity=SEV3');
    expect(await res.json()).toMatchObject({ rows: [{ count: 1 }] });
  });

  it('answers 400 listing the allowed metrics and dimensions', async () => {
    const unknownMetric = await app.request('/api/metrics?metric=uptime');
    expect(unknownMetric.status).toBe(400);
    expect(await unknownMetric.json()).toEqual({ error: 'Unknown metric "uptime"; allowed metrics: count, mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf, reopen, resolution_success, escalation, after_hours, review_coverage, recurrence, cadence, reassignments, backlog, open_age, since_drill, action_items, action_items_overdue, action_items_on_time, action_items_open.' });
    const unknownDim = await app.request('/api/metrics?metric=mttr&by=region');
    expect(unknownDim.status).toBe(400);
    expect(await unknownDim.json()).toEqual({ error: 'Unknown dimension "region" in by; allowed dimensions: severity, service, team, root_cause, source, assignee, drill, owner, custom.<key>.' });
  });

  it('answers an unknown API path with a JSON 404, and a missing web build with a hint', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'No API route GET /api/nope.' });
    const page = await app.request('/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');
    expect(logged).toEqual([]);
  });
});
