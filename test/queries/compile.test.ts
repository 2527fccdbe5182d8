/** The compiler and the request parser: allow-lists, bound values, one clear error per problem. */
import { describe, expect, it } from 'vitest';
import { compileMetricRequest } from '../../queries/compile.ts';
import { parseMetricRequest } from '../../queries/request.ts';

describe('parseMetricRequest', () => {
  it('rejects unknown metrics and dimensions with the allowed names', () => {
    const { errors } = parseMetricRequest({ metric: 'mttr,uptime', by: 'severity,colour', grain: 'fortnight', tz: 'Mars/Olympus' });
    expect(errors).toEqual([
      'Unknown metric "uptime"; allowed metrics: count, mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf, reopen, resolution_success, escalation, after_hours, review_coverage, recurrence, cadence, reassignments, backlog, open_age, since_drill, action_items, action_items_overdue, action_items_on_time, action_items_open.',
      'Unknown dimension "colour" in by; allowed dimensions: severity, service, team, root_cause, source, assignee, drill, owner, custom.<key>.',
      'Unknown grain "fortnight"; allowed grains: day, week, month, quarter, year.',
      'Unknown time zone "Mars/Olympus" in tz; use an IANA name such as UTC or Europe/London.',
    ]);
  });

  it('requires a metric, at most two dimensions and real dates in order', () => {
    expect(parseMetricRequest({}).errors).toEqual(['metric is required; allowed metrics: count, mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf, reopen, resolution_success, escalation, after_hours, review_coverage, recurrence, cadence, reassignments, backlog, open_age, since_drill, action_items, action_items_overdue, action_items_on_time, action_items_open.']);
    expect(parseMetricRequest({ metric: 'mttr', by: 'severity,team,service' }).errors).toEqual(['by takes at most 2 dimensions, got 3.']);
    expect(parseMetricRequest({ metric: 'mttr', from: '2026-02-30' }).errors).toEqual(['from must be a date like 2026-10-01, got "2026-02-30".']);
    expect(parseMetricRequest({ metric: 'mttr', from: '2026-03-01', to: '2026-03-01' }).errors).toEqual([
      'from (2026-03-01) must be before to (2026-03-01); to is exclusive.',
    ]);
    expect(parseMetricRequest({ metric: 'mttr', filter: ['severity'] }).errors).toEqual([
      'Filter "severity" must look like dimension=value, e.g. severity=SEV1.',
    ]);
  });
});

describe('compileMetricRequest', () => {
  it('binds every user value and splices only catalog identifiers', () => {
    const hostile = "SEV1'); DROP TABLE incidents; --";
    const { request, errors } = parseMetricRequest({
      metric: 'mttr', by: 'severity', grain: 'month', tz: 'Europe/London', from: '2026-01-01', to: '2026-02-01', filter: [`severity=${hostile}`],
    });
    expect(errors).toEqual([]);
    const compiled = compileMetricRequest(request);
    expect(compiled.errors).toEqual([]);
    expect(compiled.sql).not.toContain(hostile);
    expect(compiled.sql).not.toContain('Europe/London');
    expect(compiled.sql).not.toContain('2026-01-01');
    expect(compiled.params).toEqual(expect.arrayContaining(['Europe/London', '2026-01-01', '2026-02-01', hostile]));
    expect(compiled.columns.map((column) => column.name)).toEqual(['period', 'severity', 'mttr_median', 'mttr_p90', 'mttr_p95', 'mttr_mean', 'mttr_geomean', 'mttr_n']);
    expect(compiled.formats).toEqual({ mttr_median: 'duration', mttr_p90: 'duration', mttr_p95: 'duration', mttr_mean: 'duration', mttr_geomean: 'duration', mttr_n: 'integer' });
  });

  it('returns errors instead of SQL for names outside the catalog', () => {
    const compiled = compileMetricRequest({
      metrics: ['nope'], by: [], grain: null, tz: 'UTC', from: null, to: null, filters: {}, cohort: 'opened', include_drills: false,
    });
    expect(compiled).toMatchObject({ sql: '', params: [], errors: ['Unknown metric "nope".'] });
  });
});
