// The dashboard's only door to the server: typed by the server's own `AppType` (Hono's `hc`
// client), wrapped in plain functions so components never see request plumbing.
// Guarantees: a non-2xx answer becomes an ApiError carrying the server's one-sentence
// `error` (shown to the user as is); a network failure or a non-JSON answer (e.g. the Vite dev
// proxy when the API server is down) becomes an ApiError that says so. Nothing is swallowed.
// Side effects are injectable: pass `fetch` and `baseUrl` in tests.
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../server/app.ts';

export type Dimension = 'severity' | 'service' | 'team' | 'source' | 'root_cause' | 'assignee' | 'drill' | 'owner';
export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type Cohort = 'opened' | 'resolved';
export type Clock = 'wall' | 'business';

// The response types are the ones Hono infers from the server's routes (AppType), so a field
// the server renames or drops breaks this type-check instead of a chart at run time.
type Client = ReturnType<typeof hc<AppType>>;
type MetricsGet = Client['api']['metrics']['$get'];

/** 200 answer of GET /api/metrics: the request as understood, metric declarations, columns, rows. */
export type MetricsResponse = InferResponseType<MetricsGet, 200>;
/** One metric's declaration, as the catalog states it (shown next to every number). */
export type MetricInfo = MetricsResponse['metrics'][number];
export type ColumnInfo = MetricsResponse['columns'][number];
/** e.g. { period: '2026-01-01', severity: 'SEV1', mttr_median: 3712.5, mttr_n: 12 } */
export type MetricsRow = MetricsResponse['rows'][number];

export interface MetricsParams {
  metric: string[];
  /** 0–2 dimensions; default none (one row for the whole range). */
  by?: Dimension[];
  /** Default: no time bucket. */
  grain?: Grain;
  /** Local dates 'YYYY-MM-DD', half-open [from, to); default: all data. */
  from?: string;
  to?: string;
  /** IANA zone; default: the server's (UTC unless configured). */
  tz?: string;
  /** Default 'opened'. */
  cohort?: Cohort;
  /** Default false: drills stay out of production metrics. */
  include_drills?: boolean;
  /** `dimension=value` strings; values of one dimension are OR-ed. Default none. */
  filter?: string[];
  /** Durations on the wall clock (the server's default) or in business hours. */
  clock?: Clock;
  /** Default false: on-hold time counts in durations. */
  exclude_on_hold?: boolean;
  /** Default false: true adds each duration median's 95% interval (`<id>_ci_low`, `<id>_ci_high`). GET /api/metrics only. */
  intervals?: boolean;
}

export interface ApiOptions {
  /** Default: the page's origin (the Hono server, or Vite's dev server which proxies /api). */
  baseUrl?: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** A failed API call; `message` is one sentence fit to show the user. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
  ) {
    super(message);
  }
}

/** The query string GET /api/metrics reads, as the server's route declares it. */
export type MetricsQuery = Parameters<MetricsGet>[0]['query'];

/** The query string the server expects: lists comma-separated, unset options left out. */
export function metricsQuery(params: MetricsParams): MetricsQuery {
  const query: MetricsQuery = { metric: params.metric.join(',') };
  if (params.by && params.by.length > 0) query.by = params.by.join(',');
  if (params.grain) query.grain = params.grain;
  if (params.from) query.from = params.from;
  if (params.to) query.to = params.to;
  if (params.tz) query.tz = params.tz;
  if (params.cohort) query.cohort = params.cohort;
  if (params.include_drills !== undefined) query.include_drills = String(params.include_drills);
  if (params.filter && params.filter.length > 0) query.filter = params.filter;
  if (params.clock) query.clock = params.clock;
  if (params.exclude_on_hold !== undefined) query.exclude_on_hold = String(params.exclude_on_hold);
  if (params.intervals) query.intervals = 'true';
  return query;
}

export function client(options: ApiOptions) {
  const base = options.baseUrl ?? globalThis.location.origin;
  return hc<AppType>(base, options.fetch ? { fetch: options.fetch } : {});
}

/** GET /api/metrics. Resolves with the server's JSON; rejects with an ApiError. */
export async function fetchMetrics(params: MetricsParams, options: ApiOptions = {}): Promise<MetricsResponse> {
  const query = metricsQuery(params);
  const response = await send(() => client(options).api.metrics.$get({ query }, { init: { signal: options.signal ?? null } }));
  return (await readJson(response)) as MetricsResponse;
}

/** What we read of an answer (hc's ClientResponse and fetch's Response both have it). */
export type Answer = Pick<Response, 'ok' | 'status' | 'statusText' | 'text'>;

export async function send(call: () => Promise<Answer>): Promise<Answer> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(`Could not reach the Hindsight API (${(error as Error).message}).`, 0);
  }
}

export async function readJson(response: Answer): Promise<unknown> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Named case: not JSON at all (proxy error page, server down behind Vite's proxy).
    const down = response.status === 502 || response.status === 503 || response.status === 504;
    throw new ApiError(
      down
        ? `The API server did not answer (${response.status} ${response.statusText}); is \`hindsight serve\` running?`
        : `The API answered ${response.status} ${response.statusText} without JSON.`,
      response.status,
    );
  }
  if (!response.ok) {
    const message = (body as { error?: unknown }).error;
    throw new ApiError(
      typeof message === 'string' ? message : `The API answered ${response.status} ${response.statusText}.`,
      response.status,
    );
  }
  return body;
}
