/**
 * Per-incident durations for one duration metric over a request's population: what survival
 * curves, period comparisons and target attainment need and an aggregate cannot give. Built on
 * the compiler's own pieces (compile/scope.ts: context, cohort WHERE, buckets; compile/base.ts:
 * derived instants), so a sample set holds exactly the incidents GET /api/metrics counts.
 *
 * Each sample runs from the metric's start to its end when the incident reached it
 * (`reached`), else to the incident's resolution, else to now — the censoring time: a still-open
 * incident has been waiting at least that long. Impossible orders (end or resolution before
 * start) are left out, as in the metric; they are counted in the data-quality view.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { findDimension, findMetric } from './metrics/catalog.ts';
import type { DurationMetric } from './metrics/types.ts';
import type { MetricRequest } from './request.ts';
import { baseCte } from './compile/base.ts';
import { clockPlan } from './compile/clock.ts';
import { defaultContext, type CompileContext } from './compile/context.ts';
import type { ParamValue } from './compile/params.ts';
import { bucketOf, cohortScope, contextParams, filteredCte } from './compile/scope.ts';
import { InputError } from './errors.ts';

export interface Sample {
  /** Local start of the bucket (YYYY-MM-DD) when the request has a grain, else null. */
  period: string | null;
  /** Dimension id → value, for each of the request's `by`. */
  keys: Record<string, string | null>;
  seconds: number;
  /** True when the incident reached the metric's end instant; false = censored at `seconds`. */
  reached: boolean;
  /** True while the incident is unresolved. */
  open: boolean;
}

export interface CompiledSamples {
  sql: string;
  params: ParamValue[];
  metric: DurationMetric | null;
  errors: string[];
}

export const DURATION_METRIC_IDS: readonly string[] = ['mtta', 'mttr', 'ttfr', 'mttd', 'mttm', 'tte', 'ttfu', 'mtbf'];

export function compileSamples(request: MetricRequest, metricId: string, context: CompileContext = defaultContext()): CompiledSamples {
  const found = findMetric(metricId);
  if (!found || found.kind !== 'duration') {
    return { sql: '', params: [], metric: null, errors: [`"${metricId}" has no per-incident durations; allowed metrics: ${DURATION_METRIC_IDS.join(', ')}.`] };
  }
  const dimensions = request.by.map((id) => findDimension(id));
  const filtersOk = Object.keys(request.filters).every((id) => findDimension(id));
  if (dimensions.some((dimension) => !dimension) || !filtersOk) return { sql: '', params: [], metric: found, errors: ['Unknown dimension in by or filter.'] };
  const params = contextParams(request, context);
  const scope = cohortScope(request, 'incidents', params);
  const dimExprs = dimensions.map((dimension) => params.resolve(dimension!.expr));
  const now = `CAST(${params.ref('now')} AS TIMESTAMPTZ)`;
  const { start, end } = found;
  const until = end === 'resolved_at' ? `coalesce(resolved_at, ${now})` : `coalesce(${end}, resolved_at, ${now})`;
  const clocked = clockPlan(request, params, [{ start, end: until }]);
  const bucket = bucketOf(request.grain, scope.cohort, params);
  const select = [
    bucket ? `strftime(${bucket.start('__bucket')}, '%Y-%m-%d') AS period` : 'NULL AS period',
    ...dimensions.map((dimension, i) => `__d${i} AS "${dimension!.id}"`),
    `${clocked.seconds[0]} AS seconds`,
    `${end} IS NOT NULL AS reached`,
    'resolved_at IS NULL AS open',
  ];
  const sql = `WITH ${[baseCte('incidents', [found], params, scope.range, scope.cohort === 'opened_at' ? scope.start : null), filteredCte(scope, bucket?.key ?? null, dimExprs), ...clocked.ctes].join(',\n')}
SELECT ${select.join(', ')}
FROM ${clocked.from}
WHERE ${start} IS NOT NULL AND ${until} >= ${start}
ORDER BY ALL`;
  return { sql, params: params.values, metric: found, errors: [] };
}

export async function runSamples(connection: DuckDBConnection, request: MetricRequest, metricId: string, context?: CompileContext): Promise<Sample[]> {
  const compiled = compileSamples(request, metricId, context);
  if (compiled.errors.length) throw new InputError(compiled.errors.join(' '));
  const reader = await connection.runAndReadAll(compiled.sql, compiled.params);
  return reader.getRowObjectsJson().map((row) => ({
    period: row.period === null ? null : String(row.period),
    keys: Object.fromEntries(request.by.map((id) => [id, row[id] === null || row[id] === undefined ? null : String(row[id])])),
    seconds: Number(row.seconds),
    reached: row.reached === true,
    open: row.open === true,
  }));
}
