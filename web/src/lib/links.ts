// Links between pages that keep the global filters, and the link from any number to the
// incidents behind it. Pure: filters in, href out.
import type { Grain } from './api.ts';
import { isFilterDimension, narrow, writeFilters, type GlobalFilters } from './filters.ts';
import { bucketRange } from './periods.ts';
import { href } from './href.ts';

/** `path` with the current global filters (and nothing page-specific). */
export function pageHref(path: string, filters: GlobalFilters, extra: Record<string, string> = {}): string {
  const search = writeFilters(filters);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return href(path, search);
}

export interface Drill {
  /** The metric whose population to list; omit for the whole cohort. */
  metric?: string;
  /** A period start and its grain: the list is narrowed to that bucket (clipped to the range). */
  period?: string;
  grain?: Grain | null;
  /** Dimension values of the clicked bar or point. */
  dims?: Record<string, string | null | undefined>;
}

/**
 * The incident list behind one number. Null when the number cannot be listed exactly: a
 * dimension value that is missing (null) cannot be expressed as a filter, and a dimension the
 * filters do not know would be silently ignored — both would give a list that disagrees with n.
 */
export function incidentsHref(filters: GlobalFilters, drill: Drill = {}): string | null {
  let next = filters;
  if (drill.period && drill.grain) next = { ...next, ...bucketRange(drill.period, drill.grain, filters.from, filters.to) };
  for (const [dim, value] of Object.entries(drill.dims ?? {})) {
    if (value === null || value === undefined || !isFilterDimension(dim)) return null;
    next = narrow(next, dim, value);
  }
  return pageHref('/incidents', next, drill.metric && drill.metric !== 'count' ? { metric: drill.metric } : {});
}
