// The Overview's requests for a set of filters, as one value: the page starts them when its
// filters change, and the entry (main.ts) starts them for the first page before the app's code
// (Svelte, Plot) has even been evaluated, so the server answers while the browser is busy with
// that. No Svelte and no chart code here: this module is part of the small entry chunk.
// Guarantee: each answer is a promise that resolves with the server's JSON or rejects with an
// ApiError (or an AbortError once `abort()` ran), exactly as the fetch functions do.
// Hazard: a prefetched set is handed out once (`takeOverviewRequests`), and only for the same
// filters; every later visit of the Overview asks the server again, as before.
import { fetchMetrics, type MetricsResponse } from '../../lib/api.ts';
import { fetchCompare, fetchTargets, type CompareResult, type TargetsResult } from '../../lib/api-more.ts';
import { filtersKey, readFilters, requestParams, type GlobalFilters } from '../../lib/filters.ts';
import type { Loaded } from '../../lib/load.ts';
import { addDays, addMonths, previousRange } from '../../lib/periods.ts';
import { KPI_METRICS } from './kpis.ts';

/** Trends and sparklines show the 12 months that end with the range (all data when the range is open at the end). */
export function trendWindowOf(filters: Pick<GlobalFilters, 'from' | 'to'>): { from: string | null; to: string | null } {
  return filters.to ? { from: addMonths(`${addDays(filters.to, -1).slice(0, 7)}-01`, -11), to: filters.to } : { from: filters.from, to: null };
}

export interface OverviewRequests {
  /** filtersKey of the filters asked about. */
  readonly key: string;
  readonly signal: AbortSignal;
  abort(): void;
  /** The tiles' values for the range. */
  readonly summary: Promise<MetricsResponse>;
  /** The same for the previous period, and the engine's verdicts; null without a closed range. */
  readonly before: Promise<MetricsResponse> | null;
  readonly verdicts: Promise<CompareResult> | null;
  /** Monthly values of every tile (sparklines, MTTA/MTTR trend), with intervals. */
  readonly monthly: Promise<MetricsResponse>;
  /** Monthly MTTR by severity, with intervals. */
  readonly trend: Promise<MetricsResponse>;
  /** Monthly count by severity. */
  readonly mix: Promise<MetricsResponse>;
  readonly targets: Promise<TargetsResult>;
}

/** The answers that have arrived, as the page shows them; the same object every time it is asked. */
const arrived = new WeakMap<Promise<unknown>, Loaded<unknown>>();

function tracked<T>(answer: Promise<T>): Promise<T> {
  answer.then((data) => arrived.set(answer, { state: 'ready', data }), () => {});
  return answer;
}

/**
 * `answer` as a ready Loaded once it has arrived, else null (still on its way, or failed: a
 * failure is read through load(), which words it). Lets the page's first render show answers
 * that are already in instead of "Loading…" and then the same page again a moment later.
 */
export function arrivedOf<T>(answer: Promise<T> | null): Loaded<T> | null {
  return answer ? ((arrived.get(answer) as Loaded<T> | undefined) ?? null) : null;
}

export function startOverviewRequests(filters: GlobalFilters): OverviewRequests {
  const params = requestParams(filters);
  const prev = previousRange(filters.from, filters.to);
  const window = trendWindowOf(filters);
  const trendParams = { ...params, ...(window.from ? { from: window.from } : {}), ...(window.to ? { to: window.to } : {}) };
  const controller = new AbortController();
  const { signal } = controller;
  const metric = [...KPI_METRICS];
  return {
    key: filtersKey(filters),
    signal,
    abort: () => controller.abort(),
    summary: tracked(fetchMetrics({ ...params, metric }, { signal })),
    before: prev ? tracked(fetchMetrics({ ...params, ...prev, metric }, { signal })) : null,
    // GET /api/compare tests every tile's kind (durations, counts, rates): one verdict per tile.
    verdicts: prev ? tracked(fetchCompare({ ...params, metric }, { signal })) : null,
    monthly: tracked(fetchMetrics({ ...trendParams, metric, grain: 'month', intervals: true }, { signal })),
    trend: tracked(fetchMetrics({ ...trendParams, metric: ['mttr'], by: ['severity'], grain: 'month', intervals: true }, { signal })),
    mix: tracked(fetchMetrics({ ...trendParams, metric: ['count'], by: ['severity'], grain: 'month' }, { signal })),
    targets: tracked(fetchTargets(params, { signal })),
  };
}

export function answersOf(requests: OverviewRequests): Array<Promise<unknown>> {
  return [requests.summary, requests.before, requests.verdicts, requests.monthly, requests.trend, requests.mix, requests.targets].filter((p) => p !== null);
}

let early: OverviewRequests | null = null;

/** Starts the Overview's requests for the address bar's query string (the entry calls it when the first page is the Overview). */
export function prefetchOverview(search: string): OverviewRequests {
  early?.abort();
  early = startOverviewRequests(readFilters(new URLSearchParams(search)));
  // Read by the page later, which receives and shows any failure (the promises themselves stay
  // rejected); until then Promise.allSettled marks them handled, so none counts as unhandled.
  void Promise.allSettled(answersOf(early));
  return early;
}

/** The prefetched requests when they are for these filters (once), else new ones. */
export function takeOverviewRequests(filters: GlobalFilters): OverviewRequests {
  const key = filtersKey(filters);
  const found = early;
  early = null;
  if (found && found.key === key && !found.signal.aborted) return found;
  found?.abort();
  return startOverviewRequests(filters);
}
