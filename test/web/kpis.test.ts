// The Overview tiles from one /api/metrics answer (web/src/features/overview/kpis.ts).
import { describe, expect, it } from 'vitest';
import type { MetricsResponse } from '../../web/src/lib/api.ts';
import { EMPTY_RANGE, KPI_SPECS, kpiTiles as allTiles } from '../../web/src/features/overview/kpis.ts';

// The three core tiles (the Overview shows more; each reads the same way).
const kpiTiles = (loaded: Parameters<typeof allTiles>[0]) => allTiles(loaded, KPI_SPECS.slice(0, 3));

const duration = (id: string) => ({
  id,
  label: id.toUpperCase(),
  definition: `${id} definition`,
  unit: 'seconds' as const,
  format: 'duration' as const,
  lower_is_better: true,
  aggregates: ['median', 'p90', 'mean', 'n'],
});
const measure = (metric: string, aggregate: string) => ({ name: `${metric}_${aggregate}`, kind: 'measure' as const, metric, aggregate: aggregate as 'n' });

function response(rows: MetricsResponse['rows']): MetricsResponse {
  return {
    request: { metrics: ['mtta', 'mttr', 'count'], by: [], grain: null, from: null, to: null, tz: 'UTC', filters: {}, cohort: 'opened', include_drills: false },
    metrics: [
      duration('mtta'),
      duration('mttr'),
      { id: 'count', label: 'Incidents', definition: 'count definition', unit: 'count', format: 'integer', lower_is_better: true, aggregates: ['count', 'n'] },
    ],
    columns: [
      ...['median', 'p90', 'mean', 'n'].flatMap((a) => [measure('mtta', a), measure('mttr', a)]),
      { name: 'count', kind: 'measure' as const, metric: 'count', aggregate: 'count' as const },
      measure('count', 'n'),
    ],
    rows,
  } as MetricsResponse;
}

describe('kpiTiles', () => {
  it('reads the median, n and definition of each metric', () => {
    const tiles = kpiTiles({ state: 'ready', data: response([{ mtta_median: 300, mtta_n: 40, mttr_median: 3712.5, mttr_n: 38, count: 41, count_n: 41 }]) });
    expect(tiles.map((t) => [t.testid, t.status, t.value, t.n, t.definition])).toEqual([
      ['kpi-mtta', 'ready', 300, 40, 'mtta definition'],
      ['kpi-mttr', 'ready', 3712.5, 38, 'mttr definition'],
      ['kpi-incidents', 'ready', 41, 41, 'count definition'],
    ]);
  });

  it('says "no incidents in this range" for an empty range', () => {
    const tiles = kpiTiles({ state: 'ready', data: response([{ mtta_median: null, mtta_n: 0, mttr_median: null, mttr_n: 0, count: 0, count_n: 0 }]) });
    expect(tiles.map((t) => [t.status, t.value, t.n, t.message])).toEqual([
      ['empty', null, 0, EMPTY_RANGE],
      ['empty', null, 0, EMPTY_RANGE],
      ['empty', 0, 0, EMPTY_RANGE],
    ]);
    expect(kpiTiles({ state: 'ready', data: response([]) }).every((t) => t.status === 'empty')).toBe(true);
  });

  it('explains a duration with n = 0 when there are incidents', () => {
    const [mtta] = kpiTiles({ state: 'ready', data: response([{ mtta_median: null, mtta_n: 0, mttr_median: 60, mttr_n: 2, count: 3, count_n: 3 }]) });
    expect(mtta?.status).toBe('empty');
    expect(mtta?.message).toMatch(/3 incidents/);
  });

  it('reads a rate tile as its rate with the population as n', () => {
    const data = response([{ mtta_median: 1, mtta_n: 1, mttr_median: 1, mttr_n: 1, count: 3, count_n: 3, reopen_rate: 0.25, reopen_count: 1, reopen_n: 4 }]);
    data.metrics.push({ id: 'reopen', label: 'Reopen rate', definition: 'reopen definition', unit: 'ratio', format: 'percent', lower_is_better: true, aggregates: ['rate', 'count', 'n'] } as MetricsResponse['metrics'][number]);
    const [reopen] = allTiles({ state: 'ready', data }, KPI_SPECS.filter((s) => s.id === 'reopen'));
    expect([reopen?.status, reopen?.value, reopen?.n, reopen?.format, reopen?.testid]).toEqual(['ready', 0.25, 4, 'percent', 'kpi-reopen']);
  });

  it('passes the server sentence to every tile on error, and loads first', () => {
    const message = 'Unknown metric "x"; allowed metrics: count, mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf, reopen, resolution_success, escalation, after_hours, review_coverage, recurrence, cadence, reassignments, backlog, open_age, since_drill, action_items, action_items_overdue, action_items_on_time, action_items_open.';
    expect(kpiTiles({ state: 'error', message }).map((t) => [t.status, t.message])).toEqual(Array(3).fill(['error', message]));
    expect(kpiTiles({ state: 'loading' }).map((t) => t.status)).toEqual(['loading', 'loading', 'loading']);
  });
});
