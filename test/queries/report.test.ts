// The report model on a small inline data set whose every number is worked out by hand in the
// comments: October 2026 against September 2026, one target, one process change, one drill,
// one flagged record and action items. The model is what the page, the files and the emails
// render, so its numbers are checked here once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { buildReport, parseReportRequest, type Report } from '../../queries/report.ts';
import { reportIncidentRows } from '../../queries/report/rows.ts';
import { H, M, NOW, TARGETS, reportFixture } from './golden/report-fixture.ts';
import { rows as metricRows } from './golden/seed.ts';

describe('report model, October 2026 vs September 2026', () => {
  let db: Database;
  let report: Report;
  const context = defaultContext(NOW);

  beforeAll(async () => {
    db = await reportFixture();
    const { report: request, errors } = parseReportRequest({ period: '2026-10' });
    expect(errors).toEqual([]);
    report = await buildReport(db.connection, request!, TARGETS, context);
  });
  afterAll(() => db.close());

  const headline = (metric: string, aggregate?: string) => report.headline.data.metrics.find((m) => m.metric === metric && (!aggregate || m.aggregate === aggregate))!;

  it('names the period and the one before it', () => {
    expect(report.title).toBe('Incident review, October 2026');
    expect(report.period).toMatchObject({ from: '2026-10-01', to: '2026-11-01', previous: { from: '2026-09-01', to: '2026-10-01', label: 'September 2026' } });
    expect(report.generated_at).toBe(NOW.toISOString());
  });

  it('headline: count, MTTA and MTTR medians with n, against September', () => {
    // October without the drill: A1 A2 A3 A4 Z1 = 5; September: B1 B2 = 2.
    expect(headline('count')).toMatchObject({ value: 5, previous: 2, n: 5, previous_n: 2, relative_change: 1.5 });
    // MTTA: 1m 5m 10m 20m 30m → 10m; September 15m, 40m → 27.5m.
    expect(headline('mtta')).toMatchObject({ value: 10 * M, previous: 27.5 * M, n: 5, previous_n: 2, verdict: 'not enough data' });
    // MTTR over the resolved four: 10m 1h 2h 4h → (1h + 2h) / 2; September (3h + 6h) / 2.
    expect(headline('mttr', 'median')).toMatchObject({ value: 1.5 * H, previous: 4.5 * H, n: 4, previous_n: 2 });
    // Reopened: A3 of the four resolved.
    expect(headline('reopen')).toMatchObject({ value: 0.25, previous: 0, n: 4, previous_n: 2 });
    // Open at the end of October: A4.
    expect(headline('backlog')).toMatchObject({ value: 1, previous: 0 });
  });

  it('headline numbers equal GET /api/metrics for the same window', async () => {
    const [row] = await metricRows(db, { metric: 'count,mtta,mttr', from: '2026-10-01', to: '2026-11-01' }, context);
    expect([headline('count').value, headline('mtta').value, headline('mttr', 'median').value]).toEqual([row!.count, row!.mtta_median, row!.mttr_median]);
  });

  it('judges the SEV1 target in both periods', () => {
    // A1 acknowledged after 5m > 3m: 0 of 1 in time, too few to judge; September has no SEV1.
    expect(report.headline.data.targets).toEqual([
      expect.objectContaining({ text: 'SEV1: 90% acknowledged within 3m', status: 'not enough data', previous_status: 'not enough data', n: 1, observed: 0 }),
    ]);
  });

  it('trends: twelve months ending with October, zero-filled', () => {
    const points = report.trends.data.points;
    expect(points.map((p) => p.period)).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01']);
    expect(points.at(-2)).toEqual({ period: '2026-09-01', count: 2, mtta: 27.5 * M, mtta_n: 2, mttr: 4.5 * H, mttr_n: 2 });
    expect(points.at(-1)).toEqual({ period: '2026-10-01', count: 5, mtta: 10 * M, mtta_n: 5, mttr: 1.5 * H, mttr_n: 4 });
    expect(points[0]).toEqual({ period: '2025-11-01', count: 0, mtta: null, mtta_n: 0, mttr: null, mttr_n: 0 });
  });

  it('severity mix and Pareto lists', () => {
    const mix = Object.fromEntries(report.severity_mix.data.rows.map((r) => [r.value, [r.count, r.previous]]));
    expect(mix).toEqual({ SEV1: [1, 0], SEV2: [1, 1], SEV3: [2, 1], P9: [1, 0] });
    // api 2 and web 2 make 80% of 5: the list stops there, db is "others".
    expect(report.top_services.data.rows.map((r) => [r.value, r.count, r.cumulative])).toEqual([['api', 2, 0.4], ['web', 2, 0.8]]);
    expect(report.top_services.data.others).toBe(1);
    // deploy 2, then the ones: disk (1 before) ahead of config and (none), which tie on both counts.
    expect(report.top_root_causes.data.rows.map((r) => [r.value, r.count])).toEqual([['deploy', 2], ['disk', 1], ['config', 1]]);
    expect(report.top_root_causes.data.others).toBe(1);
  });

  it('recurring pairs and notable incidents', () => {
    expect(report.recurring.data.groups.map((g) => [g.service, g.root_cause, g.count, g.incidents.map((i) => i.external_id)])).toEqual([['api', 'deploy', 2, ['A1', 'A2']]]);
    const notable = report.notable.data.incidents;
    expect(notable.map((i) => i.external_id)).toEqual(['A1', 'A3', 'A2', 'Z1']);
    expect(notable[0]).toMatchObject({ reasons: ['highest severity', 'longest to resolve', 'over target: SEV1: 90% acknowledged within 3m'], time_to_resolve: 2 * H });
    expect(notable[1]).toMatchObject({ reasons: ['longest to resolve'], time_to_resolve: 4 * H });
  });

  it('drills side by side with real incidents', () => {
    expect(report.drills.data.drill_count).toBe(1);
    const mtta = report.drills.data.rows.find((r) => r.metric === 'mtta')!;
    const mttr = report.drills.data.rows.find((r) => r.metric === 'mttr')!;
    expect([mtta.real, mtta.real_n, mtta.drill, mtta.drill_n]).toEqual([10 * M, 5, 2 * M, 1]);
    expect([mttr.real, mttr.real_n, mttr.drill, mttr.drill_n]).toEqual([1.5 * H, 4, 30 * M, 1]);
  });

  it('reviews and action items by owner', () => {
    const coverage = report.reviews.data.metrics.find((m) => m.metric === 'review_coverage')!;
    // SEV1–2 resolved in October: A1 (review done in 3 days) and A2 (none).
    expect([coverage.value, coverage.n]).toEqual([0.5, 2]);
    // ana: AI1 and AI2 created in October, AI1 overdue now, AI2 done; bo: AI3 still open at October's end.
    expect(report.reviews.data.owners).toEqual([
      { owner: 'ana', opened: 2, overdue: 1, completed: 1, open_at_end: 1 },
      { owner: 'bo', opened: 0, overdue: 0, completed: 0, open_at_end: 1 },
    ]);
  });

  it('process changes in or shortly before the period, with their before/after result', () => {
    expect(report.annotations.data.notes.map((n) => [n.date, n.label, n.placement, n.results.map((r) => r.metric)])).toEqual([['2026-10-01', 'New paging policy', 'in period', ['mtta', 'mttr']]]);
  });

  it('data-quality footnote', () => {
    expect(report.quality.data).toEqual({ incidents: 5, drills_excluded: 1, outside_mttr: 1, flags: [{ flag: 'unknown_severity', description: expect.any(String), count: 1 }] });
  });

  it('every section states definitions', () => {
    for (const key of ['headline', 'trends', 'severity_mix', 'top_services', 'top_root_causes', 'recurring', 'notable', 'escalations', 'drills', 'communication', 'reviews', 'annotations', 'quality'] as const) {
      expect(report[key].definitions.length, key).toBeGreaterThan(0);
    }
  });

  it('a filter narrows every section', async () => {
    const { report: request } = parseReportRequest({ period: '2026-10', filter: ['service=api'] });
    const scoped = await buildReport(db.connection, request!, TARGETS, context);
    expect(headline('count').value).toBe(5);
    expect(scoped.headline.data.metrics[0]).toMatchObject({ metric: 'count', value: 2, previous: 1 });
    expect(scoped.quality.data).toMatchObject({ incidents: 2, drills_excluded: 1 });
    expect(scoped.scope.description).toContain('service = api');
  });

  it('the incident rows are the headline count, with their durations', async () => {
    const { report: request } = parseReportRequest({ period: '2026-10' });
    const rows = await reportIncidentRows(db.connection, request!.scope, context);
    expect(rows.map((r) => [r.external_id, r.time_to_acknowledge, r.time_to_resolve])).toEqual([
      ['A1', 5 * M, 2 * H], ['A2', 10 * M, 1 * H], ['A3', 30 * M, 4 * H], ['A4', 20 * M, null], ['Z1', 1 * M, 10 * M],
    ]);
    expect(rows[0]!.opened_at).toBe(Date.parse('2026-10-02T10:00:00Z'));
  });
});

describe('report request', () => {
  it('accepts a month, a quarter, a year and a range', () => {
    expect(parseReportRequest({ period: '2026-q4' }).report).toMatchObject({ kind: 'quarter', label: 'Q4 2026', windows: { previous: { from: '2026-07-01', to: '2026-10-01' } } });
    expect(parseReportRequest({ period: '2026' }).report).toMatchObject({ kind: 'year', label: '2026' });
    expect(parseReportRequest({ from: '2026-10-01', to: '2026-10-15' }).report).toMatchObject({ kind: 'range', label: '1 Oct 2026 – 14 Oct 2026', windows: { previous: { from: '2026-09-17', to: '2026-10-01' } } });
  });

  it('refuses what is not a period, with one sentence each', () => {
    expect(parseReportRequest({ period: '2026-13' }).errors).toEqual(['period must look like 2026-10 (a month), 2026-Q4 (a quarter) or 2026 (a year), got "2026-13".']);
    expect(parseReportRequest({}).errors).toEqual(['Give either period (e.g. 2026-10, 2026-Q4 or 2026) or from and to; got neither.']);
    expect(parseReportRequest({ period: '2026-10', from: '2026-10-01', to: '2026-11-01' }).errors[0]).toMatch(/got both/);
    expect(parseReportRequest({ period: '2026-10', tz: 'Mars/Base' }).errors[0]).toMatch(/Unknown time zone "Mars\/Base"/);
  });
});
