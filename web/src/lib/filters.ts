// The global filters every page reads, and their home in the URL. Pure: URLSearchParams in,
// filters out, and back, so a copied link reproduces the view and back/forward restore it.
// Wire names match GET /api/metrics (from, to, tz, cohort) where they can; dimension filters are
// one repeatable parameter per dimension (`severity=SEV1&severity=SEV2`), which reads better in
// an address bar than the API's `filter=severity=SEV1`. Defaults are left out of the URL, so the
// plain address means "all data, UTC, opened cohort, drills excluded, wall clock".
// The clock (`clock=business`, `exclude_on_hold=1`) goes to every request, like the zone: the
// engine applies it to durations and echoes which clock each number used.
import type { Clock, Cohort, MetricsParams } from './api.ts';

/** Dimensions a filter (or a click on a chart) may narrow; ids from the server's catalog. */
export const FILTER_DIMENSIONS = ['severity', 'service', 'team', 'source', 'root_cause', 'assignee', 'drill'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

export interface GlobalFilters {
  /** Local date 'YYYY-MM-DD', inclusive; null = from the first incident. */
  from: string | null;
  /** Local date, exclusive; null = up to the last incident. */
  to: string | null;
  /** IANA zone periods and dates are read in. Default UTC (the server's default). */
  tz: string;
  /** Default 'opened'. */
  cohort: Cohort;
  /** Default false: drills stay out of production numbers. */
  includeDrills: boolean;
  /** Durations in wall-clock time (default) or business hours (the server's calendar). */
  clock: Clock;
  /** Default false: on-hold time (on_hold … resumed in the timeline) counts in durations. */
  excludeOnHold: boolean;
  /** dimension → values (OR within a dimension, AND across). */
  dims: Partial<Record<FilterDimension, string[]>>;
}

export const DEFAULT_FILTERS: GlobalFilters = { from: null, to: null, tz: 'UTC', cohort: 'opened', includeDrills: false, clock: 'wall', excludeOnHold: false, dims: {} };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(search: URLSearchParams): GlobalFilters {
  const from = search.get('from');
  const to = search.get('to');
  const dims: GlobalFilters['dims'] = {};
  for (const dim of FILTER_DIMENSIONS) {
    const values = search.getAll(dim).filter((v) => v !== '');
    if (values.length) dims[dim] = [...new Set(values)];
  }
  return {
    from: from && DATE.test(from) ? from : null,
    to: to && DATE.test(to) ? to : null,
    tz: search.get('tz') || DEFAULT_FILTERS.tz,
    cohort: search.get('cohort') === 'resolved' ? 'resolved' : 'opened',
    includeDrills: search.get('drills') === '1',
    clock: search.get('clock') === 'business' ? 'business' : 'wall',
    excludeOnHold: search.get('exclude_on_hold') === '1',
    dims,
  };
}

/** Writes the filters into `search` (replacing earlier filter params; others are kept). */
export function writeFilters(filters: GlobalFilters, search = new URLSearchParams()): URLSearchParams {
  for (const key of ['from', 'to', 'tz', 'cohort', 'drills', 'clock', 'exclude_on_hold', ...FILTER_DIMENSIONS]) search.delete(key);
  if (filters.from) search.set('from', filters.from);
  if (filters.to) search.set('to', filters.to);
  if (filters.tz !== DEFAULT_FILTERS.tz) search.set('tz', filters.tz);
  if (filters.cohort !== DEFAULT_FILTERS.cohort) search.set('cohort', filters.cohort);
  if (filters.includeDrills) search.set('drills', '1');
  if (filters.clock !== DEFAULT_FILTERS.clock) search.set('clock', filters.clock);
  if (filters.excludeOnHold) search.set('exclude_on_hold', '1');
  for (const dim of FILTER_DIMENSIONS) for (const value of filters.dims[dim] ?? []) search.append(dim, value);
  return search;
}

/** The part of a /api/metrics (or /api/incidents) request the global filters decide. */
export function requestParams(filters: GlobalFilters): Omit<MetricsParams, 'metric'> {
  const params: Omit<MetricsParams, 'metric'> = { tz: filters.tz, cohort: filters.cohort, include_drills: filters.includeDrills };
  // Sent only when not the default, so default requests (and the server's cache keys) stay as they were.
  if (filters.clock !== 'wall') params.clock = filters.clock;
  if (filters.excludeOnHold) params.exclude_on_hold = true;
  if (filters.from) params.from = filters.from;
  if (filters.to) params.to = filters.to;
  const filter = Object.entries(filters.dims).flatMap(([dim, values]) => (values ?? []).map((v) => `${dim}=${v}`));
  if (filter.length) params.filter = filter;
  return params;
}

/** 'wall clock', 'business hours', 'business hours, on-hold excluded': which clock durations use (the engine's words). */
export function clockLabel(filters: Pick<GlobalFilters, 'clock' | 'excludeOnHold'>): string {
  const clock = filters.clock === 'business' ? 'business hours' : 'wall clock';
  return filters.excludeOnHold ? `${clock}, on-hold excluded` : clock;
}

/** 'on the wall clock', 'in business hours, on-hold excluded': the clock as it reads after "durations". */
export function clockPhrase(filters: Pick<GlobalFilters, 'clock' | 'excludeOnHold'>): string {
  const clock = filters.clock === 'business' ? 'in business hours' : 'on the wall clock';
  return filters.excludeOnHold ? `${clock}, on-hold excluded` : clock;
}

/** A stable key for "the same request" (so pages refetch only when a filter really changed). */
export function filtersKey(filters: GlobalFilters): string {
  return writeFilters(filters).toString();
}

/** The filters narrowed to one value of a dimension (a click on a bar or point). */
export function narrow(filters: GlobalFilters, dim: FilterDimension, value: string): GlobalFilters {
  return { ...filters, dims: { ...filters.dims, [dim]: [value] } };
}

export function isFilterDimension(id: string): id is FilterDimension {
  return (FILTER_DIMENSIONS as readonly string[]).includes(id);
}
