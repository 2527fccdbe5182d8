/**
 * The request query string shared by the metric-family routes (metrics, targets, survival,
 * compare): lists comma-separated, `filter` repeatable. The validator only gathers the wire's
 * strings (so hc's typed client knows the names); queries/request.ts parses them, the same
 * parser as the CLI, and its errors (which list the allowed values) become a 400.
 */
import { InputError } from '../../queries/errors.ts';
import { parseMetricRequest, type MetricRequest, type RawMetricRequest } from '../../queries/request.ts';

export interface RequestQuery {
  metric?: string;
  by?: string;
  grain?: string;
  from?: string;
  to?: string;
  tz?: string;
  cohort?: string;
  include_drills?: string;
  clock?: string;
  exclude_on_hold?: string;
  filter?: string | string[];
}

const KEYS = ['metric', 'by', 'grain', 'from', 'to', 'tz', 'cohort', 'include_drills', 'clock', 'exclude_on_hold'] as const;

/** Hono's query record → RequestQuery (a repeated single-valued key is joined with commas). */
export function gatherQuery(query: Record<string, string | string[]>): RequestQuery {
  const out: RequestQuery = {};
  for (const key of KEYS) {
    const value = query[key];
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(',') : value;
  }
  if (query.filter !== undefined) out.filter = query.filter;
  return out;
}

/** Parses or throws InputError (→ 400 with every problem in one message). */
export function requestFrom(query: RequestQuery, defaults: Partial<RawMetricRequest> = {}): MetricRequest {
  const filter = query.filter === undefined ? [] : Array.isArray(query.filter) ? query.filter : [query.filter];
  const raw: RawMetricRequest = { ...defaults, ...dropUndefined(query), filter };
  const { request, errors } = parseMetricRequest(raw);
  if (errors.length > 0) throw new InputError(errors.join(' '));
  return request;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
