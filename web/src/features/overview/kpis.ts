// The Overview's three headline numbers, read from one GET /api/metrics answer (no grain, no
// breakdown: one row for the whole range). Pure, so it is tested without a browser.
// Values are looked up through `columns` (metric + aggregate), not guessed from names; the
// `${metric}_${aggregate}` convention (a count's value is the bare `${metric}`) is only the fallback. The headline aggregate is the
// median when the metric has one (DESIGN: "the median is the headline"), else its first.
import type { MetricInfo, MetricsResponse } from '../../lib/api.ts';
import type { Loaded } from '../../lib/load.ts';

export type TileState = 'loading' | 'ready' | 'empty' | 'error';

export interface Kpi {
  /** Test hook: kpi-mtta | kpi-mttr | kpi-incidents. */
  testid: string;
  label: string;
  status: TileState;
  /** Raw API value: seconds for durations, a count for counts; null when there is none. */
  value: number | null;
  n: number | null;
  format: MetricInfo['format'];
  definition: string;
  /** Why there is no number (empty / error). */
  message: string;
}

export const KPI_METRICS = ['mtta', 'mttr', 'count'] as const;

const SPECS: ReadonlyArray<{ id: (typeof KPI_METRICS)[number]; testid: string; label: string; format: MetricInfo['format'] }> = [
  { id: 'mtta', testid: 'kpi-mtta', label: 'MTTA (median)', format: 'duration' },
  { id: 'mttr', testid: 'kpi-mttr', label: 'MTTR (median)', format: 'duration' },
  { id: 'count', testid: 'kpi-incidents', label: 'Incidents', format: 'integer' },
];

export const EMPTY_RANGE = 'no incidents in this range';

export function kpiTiles(loaded: Loaded<MetricsResponse>): Kpi[] {
  return SPECS.map((spec) => {
    const base: Kpi = { testid: spec.testid, label: spec.label, status: 'loading', value: null, n: null, format: spec.format, definition: '', message: '' };
    if (loaded.state === 'loading') return base;
    if (loaded.state === 'error') return { ...base, status: 'error', message: loaded.message };
    const response = loaded.data;
    const info = response.metrics.find((m) => m.id === spec.id);
    if (!info) return { ...base, status: 'error', message: `The server's answer has no metric "${spec.id}".` };
    const row = response.rows[0];
    const incidents = row ? numberOrNull(row[column(response, 'count', 'count')]) : null;
    const headline = info.aggregates.includes('median') ? 'median' : (info.aggregates[0] ?? 'count');
    const value = row ? numberOrNull(row[column(response, spec.id, headline)]) : null;
    const n = row ? numberOrNull(row[column(response, spec.id, info.aggregates.includes('n') ? 'n' : headline)]) : null;
    const tile = { ...base, format: info.format, definition: info.definition, value, n };
    if (row === undefined || n === null || n === 0) {
      // Incidents exist but none can be measured (never acknowledged, still open): say so.
      const message = incidents ? `none of the ${incidents} incidents in this range can be measured yet` : EMPTY_RANGE;
      return { ...tile, value: info.format === 'integer' ? (value ?? 0) : null, n: 0, status: 'empty', message };
    }
    if (value === null) return { ...tile, status: 'error', message: `The server sent n = ${n} but no ${headline} for ${spec.id}.` };
    return { ...tile, status: 'ready' };
  });
}

/** The column holding `aggregate` of `metric`, by the response's own column list. */
export function column(response: MetricsResponse, metric: string, aggregate: string): string {
  const found = response.columns.find((c) => c.kind === 'measure' && c.metric === metric && c.aggregate === aggregate);
  return found?.name ?? (aggregate === 'count' ? metric : `${metric}_${aggregate}`);
}

function numberOrNull(cell: unknown): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}
