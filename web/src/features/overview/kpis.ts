// The Overview's headline numbers, read from GET /api/metrics answers. Pure, so it is tested
// without a browser. Values are looked up through `columns` (metric + aggregate), not guessed
// from names; the `${metric}_${aggregate}` convention (a count's value is the bare `${metric}`)
// is only the fallback. The headline aggregate is the median when the metric has one (DESIGN:
// "the median is the headline"), else its first (a rate's rate, a count's count).
import type { MetricInfo, MetricsResponse } from '../../lib/api.ts';
import type { ValueFormat } from '../../lib/format.ts';
import type { Loaded } from '../../lib/load.ts';

export type TileState = 'loading' | 'ready' | 'empty' | 'error';

/** Fewer values than this and a number is marked "small n" (the verdict threshold in queries/stats). */
export const SMALL_N = 10;

export interface KpiSpec {
  id: string;
  /** Test hook: kpi-mtta | kpi-mttr | kpi-incidents | kpi-<id>. */
  testid: string;
  label: string;
  format: ValueFormat;
}

export interface Kpi extends KpiSpec {
  status: TileState;
  /** Raw API value: seconds for durations, a count for counts, a ratio for rates; null when there is none. */
  value: number | null;
  n: number | null;
  definition: string;
  lowerIsBetter: boolean;
  /** Why there is no number (empty / error). */
  message: string;
}

export const KPI_SPECS: readonly KpiSpec[] = [
  { id: 'mtta', testid: 'kpi-mtta', label: 'MTTA (median)', format: 'duration' },
  { id: 'mttr', testid: 'kpi-mttr', label: 'MTTR (median)', format: 'duration' },
  { id: 'count', testid: 'kpi-incidents', label: 'Incidents', format: 'integer' },
  { id: 'reopen', testid: 'kpi-reopen', label: 'Reopen rate', format: 'percent' },
  { id: 'review_coverage', testid: 'kpi-review_coverage', label: 'Review coverage', format: 'percent' },
  { id: 'escalation', testid: 'kpi-escalation', label: 'Escalation rate', format: 'percent' },
];

export const KPI_METRICS = KPI_SPECS.map((spec) => spec.id);

export const EMPTY_RANGE = 'no incidents in this range';

export function kpiTiles(loaded: Loaded<MetricsResponse>, specs: readonly KpiSpec[] = KPI_SPECS): Kpi[] {
  return specs.map((spec) => {
    const base: Kpi = { ...spec, status: 'loading', value: null, n: null, definition: '', lowerIsBetter: true, message: '' };
    if (loaded.state === 'loading') return base;
    if (loaded.state === 'error') return { ...base, status: 'error', message: loaded.message };
    const response = loaded.data;
    const info = response.metrics.find((m) => m.id === spec.id);
    if (!info) return { ...base, status: 'error', message: `The server's answer has no metric "${spec.id}".` };
    const row = response.rows[0];
    const incidents = row ? numberOrNull(row[column(response, 'count', 'count')]) : null;
    const { value, n } = headline(response, info, row);
    const tile = { ...base, format: info.format, definition: info.definition, lowerIsBetter: info.lower_is_better, value, n };
    if (row === undefined || n === null || n === 0) {
      // Incidents exist but none can be measured (never acknowledged, still open, or a count their
      // source does not record): say so.
      const message = incidents ? `none of the ${incidents} incidents in this range can be measured (not yet, or not recorded by their source)` : EMPTY_RANGE;
      return { ...tile, value: info.format === 'integer' ? (value ?? 0) : null, n: 0, status: 'empty', message };
    }
    if (value === null) return { ...tile, status: 'error', message: `The server sent n = ${n} but no ${headlineAggregate(info)} for ${spec.id}.` };
    return { ...tile, status: 'ready' };
  });
}

export function headlineAggregate(info: Pick<MetricInfo, 'aggregates'>): string {
  return info.aggregates.includes('median') ? 'median' : (info.aggregates[0] ?? 'count');
}

/** A row's headline value and its n for one metric. */
export function headline(response: MetricsResponse, info: MetricInfo, row: MetricsResponse['rows'][number] | undefined) {
  if (!row) return { value: null, n: null };
  const aggregate = headlineAggregate(info);
  const value = numberOrNull(row[column(response, info.id, aggregate)]);
  const n = numberOrNull(row[column(response, info.id, info.aggregates.includes('n') ? 'n' : aggregate)]);
  return { value, n };
}

/** One point per period of a metric's headline value (null where n = 0: a gap, not a zero). */
export function series(response: MetricsResponse, metricId: string): Array<{ period: string; value: number | null; n: number }> {
  const info = response.metrics.find((m) => m.id === metricId);
  if (!info) return [];
  return response.rows.map((row) => {
    const { value, n } = headline(response, info, row);
    return { period: String(row.period), value: n ? value : info.format === 'integer' ? (value ?? 0) : null, n: n ?? 0 };
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
