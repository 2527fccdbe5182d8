// Explore's own URL parameters (beside the global filters) and how an answer of GET
// /api/metrics becomes chart points. Pure.
//   metric  a catalog id (default mttr)
//   agg     which aggregate to draw (default: the headline — median, rate, count, mean)
//   by      up to two dimensions, comma-separated (default none)
//   grain   day | week | month | quarter | year | none (default month)
//   chart   line | bar | heatmap | histogram | cdf | survival (default line)
import type { SeriesPoint } from '../../charts/series.ts';
import type { Dimension, Grain, MetricsResponse } from '../../lib/api.ts';
import type { GlobalFilters } from '../../lib/filters.ts';
import { incidentsHref } from '../../lib/links.ts';
import { intervalsOf } from '../overview/intervals.ts';
import { column, headlineAggregate } from '../overview/kpis.ts';

export const CHARTS = ['line', 'bar', 'heatmap', 'histogram', 'cdf', 'survival'] as const;
export type ChartType = (typeof CHARTS)[number];
export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;

export const DIMENSION_CHOICES: ReadonlyArray<{ id: Dimension; label: string }> = [
  { id: 'severity', label: 'Severity' }, { id: 'service', label: 'Service' }, { id: 'team', label: 'Team' }, { id: 'source', label: 'Source' },
  { id: 'root_cause', label: 'Root cause' }, { id: 'assignee', label: 'Assignee' }, { id: 'drill', label: 'Drill or real' },
];

export interface ExploreState {
  metric: string;
  agg: string | null;
  by: Dimension[];
  grain: Grain | null;
  chart: ChartType;
}

export function readExplore(search: URLSearchParams): ExploreState {
  const chart = search.get('chart');
  const grain = search.get('grain');
  const dims = new Set<string>(DIMENSION_CHOICES.map((d) => d.id));
  const by = [...new Set((search.get('by') ?? '').split(',').filter((d) => dims.has(d)))].slice(0, 2) as Dimension[];
  return {
    metric: search.get('metric') || 'mttr',
    agg: search.get('agg') || null,
    by,
    grain: grain === 'none' ? null : (GRAINS as readonly string[]).includes(grain ?? '') ? (grain as Grain) : 'month',
    chart: (CHARTS as readonly string[]).includes(chart ?? '') ? (chart as ChartType) : 'line',
  };
}

/**
 * Whether the request asks for each median's 95% interval: over time, when the median (the
 * headline) is drawn. Not tied to the chart type, so switching line ↔ bar ↔ heatmap reuses the
 * answer; the engine adds intervals to durations only, so other metrics are unaffected.
 */
export function wantsIntervals(state: ExploreState): boolean {
  return state.grain !== null && (state.agg === null || state.agg === 'median');
}

/** Why a chart type cannot show this request, or null when it can. */
export function unsuitable(state: ExploreState, format: string | null): string | null {
  if (state.chart === 'line' && !state.grain) return 'A line chart needs a time grain: choose one (e.g. month).';
  if (state.chart === 'heatmap' && state.by.length === 0) return 'A heatmap needs a breakdown: choose at least one dimension.';
  if (state.chart === 'heatmap' && !state.grain && state.by.length < 2) return 'Without a time grain a heatmap needs two dimensions (rows and columns).';
  if (state.chart === 'survival' && state.by.length > 1) return 'The survival curve takes one breakdown at most: remove the second dimension.';
  if ((state.chart === 'histogram' || state.chart === 'cdf' || state.chart === 'survival') && format !== null && format !== 'duration') {
    return 'The distribution is drawn for duration metrics (MTTA, MTTR, …); this metric is not a duration.';
  }
  return null;
}

export interface Shaped {
  points: SeriesPoint[];
  aggregate: string;
  format: string;
  label: string;
}

/** Rows → points: with a grain x is the period, series the first dimension, facet the second; without, x is the first dimension. */
export function shapePoints(response: MetricsResponse, state: ExploreState, filters: GlobalFilters, listable: boolean): Shaped | null {
  const info = response.metrics.find((m) => m.id === state.metric);
  if (!info) return null;
  const aggregate = state.agg && info.aggregates.includes(state.agg) ? state.agg : headlineAggregate(info);
  const valueColumn = column(response, info.id, aggregate);
  const nColumn = column(response, info.id, info.aggregates.includes('n') ? 'n' : aggregate);
  const integer = aggregate === 'n' || aggregate === 'count';
  const [d0, d1] = state.by;
  const label = (v: unknown) => (v === null || v === undefined ? '(none)' : String(v));
  // The median's 95% interval rides along when the answer has it (a line over time asks for it).
  const bounds = aggregate === 'median' && state.grain ? intervalsOf(response, info.id) : null;
  const points = response.rows.map((row, i): SeriesPoint => {
    const n = typeof row[nColumn] === 'number' ? (row[nColumn] as number) : 0;
    const raw = row[valueColumn];
    const value = typeof raw === 'number' && (n > 0 || integer) ? raw : null;
    const dims: Record<string, string | null> = {};
    if (d0) dims[d0] = row[d0] === null ? null : String(row[d0]);
    if (d1) dims[d1] = row[d1] === null ? null : String(row[d1]);
    const href = listable && n > 0 ? incidentsHref(filters, { metric: info.id, period: state.grain ? String(row.period) : undefined, grain: state.grain, dims }) : null;
    return state.grain
      ? { x: String(row.period), series: d0 ? label(row[d0]) : '', facet: d1 ? label(row[d1]) : '', value, n, href, ...(bounds?.[i] ?? {}) }
      : { x: d0 ? label(row[d0]) : 'All', series: d1 ? label(row[d1]) : '', facet: '', value, n, href };
  });
  return { points, aggregate, format: integer ? 'integer' : info.format, label: `${info.label} (${aggregate})` };
}
