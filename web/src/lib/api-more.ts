// The dashboard's other API calls: one incident, data quality, sources, and the metrics
// engine's catalog, compare, survival and targets. Typed by the server's AppType like api.ts,
// with the same guarantees (server sentences become ApiError, nothing is swallowed).
import type { InferResponseType } from 'hono/client';
import { client, metricsQuery, readJson, send, type ApiOptions, type MetricsParams } from './api.ts';

type Client = ReturnType<typeof client>;
export type IncidentDetail = InferResponseType<Client['api']['incidents'][':source'][':id']['$get'], 200>;
export type QualityReport = InferResponseType<Client['api']['quality']['$get'], 200>;
export type SourcesReport = InferResponseType<Client['api']['sources']['$get'], 200>;
export type Catalog = InferResponseType<Client['api']['metrics']['catalog']['$get'], 200>;
export type CompareResult = InferResponseType<Client['api']['compare']['$get'], 200>;
export type SurvivalResult = InferResponseType<Client['api']['survival']['$get'], 200>;
export type TargetsResult = InferResponseType<Client['api']['targets']['$get'], 200>;
export type AnnotationsResult = InferResponseType<Client['api']['annotations']['$get'], 200>;

const init = (options: ApiOptions) => ({ init: { signal: options.signal ?? null } });

export async function fetchCatalog(options: ApiOptions = {}): Promise<Catalog> {
  return (await readJson(await send(() => client(options).api.metrics.catalog.$get(undefined, init(options))))) as Catalog;
}

/** GET /api/compare for the range in `params` (from and to required) against the period before it. */
export async function fetchCompare(params: MetricsParams, options: ApiOptions = {}): Promise<CompareResult> {
  const query = { ...metricsQuery(params), metric: params.metric.join(',') };
  return (await readJson(await send(() => client(options).api.compare.$get({ query }, init(options))))) as CompareResult;
}

/** GET /api/survival: Kaplan–Meier per group (at most one dimension), open incidents censored. */
export async function fetchSurvival(params: MetricsParams, options: ApiOptions = {}): Promise<SurvivalResult> {
  const query = { ...metricsQuery(params), metric: params.metric.join(',') };
  return (await readJson(await send(() => client(options).api.survival.$get({ query }, init(options))))) as SurvivalResult;
}

/** GET /api/targets: attainment of the configured targets over the range (or per period with a grain). */
export async function fetchTargets(params: Omit<MetricsParams, 'metric' | 'by'>, options: ApiOptions = {}): Promise<TargetsResult> {
  const { metric: _metric, ...query } = metricsQuery({ ...params, metric: [] });
  return (await readJson(await send(() => client(options).api.targets.$get({ query }, init(options))))) as TargetsResult;
}

/** GET /api/annotations: the process changes, oldest first (without their results). */
export async function fetchAnnotations(options: ApiOptions = {}): Promise<AnnotationsResult> {
  return (await readJson(await send(() => client(options).api.annotations.$get(undefined, init(options))))) as AnnotationsResult;
}

/** GET /api/compare?around=DATE&days=N: the `days` before a process change against the `days` from it. */
export async function fetchAround(params: Omit<MetricsParams, 'from' | 'to' | 'grain' | 'by' | 'intervals'>, around: string, days = 90, options: ApiOptions = {}): Promise<CompareResult> {
  const { from: _from, to: _to, ...rest } = metricsQuery(params);
  const query = { ...rest, metric: params.metric.join(','), around, days: String(days) };
  return (await readJson(await send(() => client(options).api.compare.$get({ query }, init(options))))) as CompareResult;
}

export async function fetchIncident(source: string, id: string, options: ApiOptions = {}): Promise<IncidentDetail> {
  const call = () => client(options).api.incidents[':source'][':id'].$get({ param: { source, id } }, { init: { signal: options.signal ?? null } });
  return (await readJson(await send(call))) as IncidentDetail;
}

export async function fetchQuality(options: ApiOptions = {}): Promise<QualityReport> {
  return (await readJson(await send(() => client(options).api.quality.$get(undefined, { init: { signal: options.signal ?? null } })))) as QualityReport;
}

export async function fetchSources(options: ApiOptions = {}): Promise<SourcesReport> {
  return (await readJson(await send(() => client(options).api.sources.$get(undefined, { init: { signal: options.signal ?? null } })))) as SourcesReport;
}
