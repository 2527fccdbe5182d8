// A metric's 95% median intervals, read from a GET /api/metrics?intervals=true answer by its
// declared columns (aggregate ci_low / ci_high), one per row. Pure.
import type { MetricsResponse } from '../../lib/api.ts';

export interface Interval {
  low: number | null;
  high: number | null;
}

/** One interval per row (null bounds: too few values for one), or null when the answer has no interval columns for the metric. */
export function intervalsOf(response: MetricsResponse, metricId: string): Interval[] | null {
  const find = (aggregate: string) => response.columns.find((c) => c.kind === 'measure' && c.metric === metricId && c.aggregate === aggregate)?.name;
  const low = find('ci_low');
  const high = find('ci_high');
  if (!low || !high) return null;
  const value = (cell: unknown) => (typeof cell === 'number' && Number.isFinite(cell) ? cell : null);
  return response.rows.map((row) => ({ low: value(row[low]), high: value(row[high]) }));
}
