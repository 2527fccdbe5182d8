// The Overview's pure helpers: a tile's change against the previous period (change.ts) and the
// monthly series for sparklines (kpis.ts), and Explore's URL state (explore-state.ts).
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../web/src/features/overview/change.ts';
import { series } from '../../web/src/features/overview/kpis.ts';
import { readExplore, shapePoints, unsuitable } from '../../web/src/features/explore/explore-state.ts';
import { readFilters } from '../../web/src/lib/filters.ts';
import type { MetricsResponse } from '../../web/src/lib/api.ts';

const verdict = { text: 'no detectable change', sentence: 'Median 42m vs 45m: no detectable change.', improved: null };

describe('describeChange', () => {
  it('gives a relative change for durations and counts, points for rates, and passes the verdict through', () => {
    expect(describeChange(2700, { value: 3000, n: 40 }, 'duration', verdict)).toEqual({ text: '−10% vs previous period (50m, n = 40)', verdict });
    expect(describeChange(0.05, { value: 0.03, n: 100 }, 'percent')?.text).toBe('+2.0 pts vs previous period (3.0%, n = 100)');
    expect(describeChange(12, { value: 10, n: 10 }, 'integer')?.text).toBe('+20% vs previous period (10, n = 10)');
  });

  it('says when there is nothing to compare with, and nothing without a previous period', () => {
    expect(describeChange(10, { value: null, n: 0 }, 'duration')?.verdict.text).toBe('nothing to compare with');
    expect(describeChange(10, null, 'duration')).toBeNull();
  });
});

const response = {
  request: { metrics: ['mttr'], by: ['severity'], grain: 'month', from: null, to: null, tz: 'UTC', filters: {}, cohort: 'opened', include_drills: false },
  metrics: [{ id: 'mttr', label: 'MTTR', definition: 'd', unit: 'seconds', format: 'duration', lower_is_better: true, aggregates: ['median', 'p90', 'n'] }],
  columns: [
    { name: 'period', kind: 'period' }, { name: 'severity', kind: 'dimension' },
    { name: 'mttr_median', kind: 'measure', metric: 'mttr', aggregate: 'median' }, { name: 'mttr_p90', kind: 'measure', metric: 'mttr', aggregate: 'p90' },
    { name: 'mttr_n', kind: 'measure', metric: 'mttr', aggregate: 'n' },
  ],
  rows: [
    { period: '2026-01-01', severity: 'SEV1', mttr_median: 600, mttr_p90: 900, mttr_n: 3 },
    { period: '2026-02-01', severity: 'SEV1', mttr_median: null, mttr_p90: null, mttr_n: 0 },
    { period: '2026-02-01', severity: null, mttr_median: 60, mttr_p90: 60, mttr_n: 1 },
  ],
} as unknown as MetricsResponse;

describe('series and shapePoints', () => {
  it('turns n = 0 into a gap, never a zero', () => {
    expect(series(response, 'mttr').map((p) => p.value)).toEqual([600, null, 60]);
  });

  it('maps rows to points with the chosen aggregate and a link only where the list can match n', () => {
    const view = readExplore(new URLSearchParams('metric=mttr&by=severity&agg=p90'));
    const shaped = shapePoints(response, view, readFilters(new URLSearchParams()), true)!;
    expect(shaped.label).toBe('MTTR (p90)');
    expect(shaped.points.map((p) => [p.x, p.series, p.value, p.n])).toEqual([
      ['2026-01-01', 'SEV1', 900, 3], ['2026-02-01', 'SEV1', null, 0], ['2026-02-01', '(none)', 60, 1],
    ]);
    expect(shaped.points[0]!.href).toBe('/incidents?from=2026-01-01&to=2026-02-01&severity=SEV1&metric=mttr');
    expect(shaped.points[1]!.href).toBeNull(); // n = 0
    expect(shaped.points[2]!.href).toBeNull(); // severity is missing: no filter can express it
  });
});

describe('Explore URL state', () => {
  it('has defaults, drops unknown values and caps the breakdown at two dimensions', () => {
    expect(readExplore(new URLSearchParams())).toEqual({ metric: 'mttr', agg: null, by: [], grain: 'month', chart: 'line' });
    expect(readExplore(new URLSearchParams('by=team,nope,severity,service&grain=none&chart=pie'))).toEqual({ metric: 'mttr', agg: null, by: ['team', 'severity'], grain: null, chart: 'line' });
  });

  it('says why a chart type cannot show a request', () => {
    expect(unsuitable(readExplore(new URLSearchParams('grain=none')), 'duration')).toMatch(/needs a time grain/);
    expect(unsuitable(readExplore(new URLSearchParams('chart=heatmap')), 'duration')).toMatch(/needs a breakdown/);
    expect(unsuitable(readExplore(new URLSearchParams('chart=histogram&metric=count')), 'integer')).toMatch(/not a duration/);
    expect(unsuitable(readExplore(new URLSearchParams('chart=bar&by=team')), 'integer')).toBeNull();
  });
});
