// Which process changes apply to the filters in view, the filters of each change's before/after
// comparison, and the intervals read from an answer's declared columns. Pure: no browser.
import { describe, expect, it } from 'vitest';
import { intervalsOf } from '../../web/src/features/overview/intervals.ts';
import { readExplore, wantsIntervals } from '../../web/src/features/explore/explore-state.ts';
import { applicable, applying, scopedFilter, type Annotation } from '../../web/src/lib/annotations.ts';
import type { MetricsResponse } from '../../web/src/lib/api.ts';
import { readFilters } from '../../web/src/lib/filters.ts';

const note = (id: number, scope: Record<string, string[]> | null): Annotation => ({ id, date: '2026-03-02', label: `change ${id}`, description: null, scope, created_at: '2026-03-01T00:00:00Z' });
const ALL = [note(1, null), note(2, { severity: ['SEV1'] }), note(3, { severity: ['SEV1', 'SEV2'], team: ['payments'] })];

describe('annotations under filters', () => {
  it('keeps unscoped changes and scoped ones that share a value with every filtered dimension', () => {
    expect(applying(ALL, readFilters(new URLSearchParams())).map((a) => a.id)).toEqual([1, 2, 3]);
    expect(applying(ALL, readFilters(new URLSearchParams('severity=SEV2'))).map((a) => a.id)).toEqual([1, 3]);
    expect(applying(ALL, readFilters(new URLSearchParams('severity=SEV2&team=search'))).map((a) => a.id)).toEqual([1]);
    // A filter on a dimension the scope does not name narrows nothing.
    expect(applying(ALL, readFilters(new URLSearchParams('service=api'))).map((a) => a.id)).toEqual([1, 2, 3]);
  });

  it('labels a scoped change with its scope for the chart', () => {
    expect(applicable(ALL, readFilters(new URLSearchParams('severity=SEV1')))).toEqual([
      { date: '2026-03-02', label: 'change 1' },
      { date: '2026-03-02', label: 'change 2 (severity SEV1)' },
      { date: '2026-03-02', label: 'change 3 (severity SEV1, SEV2; team payments)' },
    ]);
  });

  it('compares a change under the filters narrowed to its scope', () => {
    const filters = readFilters(new URLSearchParams('severity=SEV1&severity=SEV3&service=api'));
    expect(scopedFilter(ALL[0]!, filters)).toEqual(['severity=SEV1', 'severity=SEV3', 'service=api']);
    expect(scopedFilter(ALL[2]!, filters)).toEqual(['severity=SEV1', 'service=api', 'team=payments']);
  });
});

describe('intervals in an answer', () => {
  const response = {
    columns: [
      { name: 'period', kind: 'period' },
      { name: 'mttr_median', kind: 'measure', metric: 'mttr', aggregate: 'median' },
      { name: 'mttr_ci_low', kind: 'measure', metric: 'mttr', aggregate: 'ci_low' },
      { name: 'mttr_ci_high', kind: 'measure', metric: 'mttr', aggregate: 'ci_high' },
    ],
    rows: [{ period: '2026-01-01', mttr_median: 10, mttr_ci_low: 5, mttr_ci_high: 20 }, { period: '2026-02-01', mttr_median: 7, mttr_ci_low: null, mttr_ci_high: null }],
  } as unknown as MetricsResponse;

  it('reads them by the declared columns, one per row, and says when there are none', () => {
    expect(intervalsOf(response, 'mttr')).toEqual([{ low: 5, high: 20 }, { low: null, high: null }]);
    expect(intervalsOf(response, 'mtta')).toBeNull();
  });

  it('asks for them over time when the median is drawn, whatever the chart type', () => {
    expect(wantsIntervals(readExplore(new URLSearchParams('metric=mttr')))).toBe(true);
    expect(wantsIntervals(readExplore(new URLSearchParams('metric=mttr&chart=bar')))).toBe(true);
    expect(wantsIntervals(readExplore(new URLSearchParams('metric=mttr&agg=p90')))).toBe(false);
    expect(wantsIntervals(readExplore(new URLSearchParams('metric=mttr&grain=none')))).toBe(false);
  });
});
