/**
 * Per-incident durations of several duration metrics in one statement, for incidents that
 * reached each metric's end: what period comparisons read (compare/durations.ts). The same
 * population and seconds as samples.ts's reached samples — built on the same compiler pieces
 * (compile/scope.ts, compile/base.ts, compile/clock.ts) — but one scan per window for all the
 * metrics instead of one per metric, and no censored rows to send and drop.
 * A metric's value is NULL on rows where it was not reached (or ends before it starts); rows
 * reaching none of them are left out.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { baseCte } from './compile/base.ts';
import { clockPlan } from './compile/clock.ts';
import { defaultContext, type CompileContext } from './compile/context.ts';
import type { ParamValue } from './compile/params.ts';
import { cohortScope, contextParams, filteredCte } from './compile/scope.ts';
import { InputError } from './errors.ts';
import { findDimension, findMetric } from './metrics/catalog.ts';
import type { DurationMetric } from './metrics/types.ts';
import type { MetricRequest } from './request.ts';

export interface ReachedDuration {
  /** Dimension id → value, for each of the request's `by`. */
  keys: Record<string, string | null>;
  seconds: number;
}

export function compileReachedDurations(request: MetricRequest, metricIds: readonly string[], context: CompileContext = defaultContext()): { sql: string; params: ParamValue[]; errors: string[] } {
  const metrics = metricIds.map((id) => findMetric(id));
  const wrong = metricIds.filter((_, i) => metrics[i]?.kind !== 'duration');
  if (wrong.length || metrics.length === 0) return { sql: '', params: [], errors: [`No per-incident durations for ${wrong.join(', ') || 'no metric'}.`] };
  const durations = metrics as DurationMetric[];
  const dimensions = request.by.map((id) => findDimension(id));
  if (dimensions.some((dimension) => !dimension) || !Object.keys(request.filters).every((id) => findDimension(id))) {
    return { sql: '', params: [], errors: ['Unknown dimension in by or filter.'] };
  }
  const params = contextParams(request, context);
  const scope = cohortScope(request, 'incidents', params);
  const dimExprs = dimensions.map((dimension) => params.resolve(dimension!.expr));
  const clocked = clockPlan(request, params, durations.map(({ start, end }) => ({ start, end })));
  const reached = durations.map(({ start, end }) => `(${start} IS NOT NULL AND ${end} IS NOT NULL AND ${end} >= ${start})`);
  const select = [
    ...dimensions.map((dimension, i) => `__d${i} AS "${dimension!.id}"`),
    ...durations.map((metric, k) => `CASE WHEN ${reached[k]} THEN ${clocked.seconds[k]} END AS "${metric.id}"`),
  ];
  const sql = `WITH ${[baseCte('incidents', durations, params, scope.range, scope.cohort === 'opened_at' ? scope.start : null), filteredCte(scope, null, dimExprs), ...clocked.ctes].join(',\n')}
SELECT ${select.join(', ')}
FROM ${clocked.from}
WHERE ${reached.join(' OR ')}`;
  return { sql, params: params.values, errors: [] };
}

/** Metric id → the reached durations of the request's population. */
export async function runReachedDurations(connection: DuckDBConnection, request: MetricRequest, metricIds: readonly string[], context?: CompileContext): Promise<Map<string, ReachedDuration[]>> {
  const compiled = compileReachedDurations(request, metricIds, context);
  if (compiled.errors.length) throw new InputError(compiled.errors.join(' '));
  // Read by column, not as row objects: a month at 1M incidents is ~60,000 rows, and building an
  // object per row cost more than the query. Keys are shared per distinct combination.
  const columns = (await connection.runAndReadAll(compiled.sql, compiled.params)).getColumnsObjectJS();
  const out = new Map<string, ReachedDuration[]>(metricIds.map((id) => [id, []]));
  const keyColumns = request.by.map((id) => columns[id] ?? []);
  const rowCount = (columns[metricIds[0]!] ?? []).length;
  const shared = new Map<string, Record<string, string | null>>();
  // Looked up once, not per row and metric.
  const valueColumns = metricIds.map((id) => columns[id]!);
  const targets = metricIds.map((id) => out.get(id)!);
  const single = keyColumns.length === 1 ? keyColumns[0]! : null;
  for (let r = 0; r < rowCount; r++) {
    // The shared key's id, unambiguous without a JSON.stringify per row: one dimension's value
    // itself ('~' can be no value then: values get a ':' prefix), or length-prefixed values.
    let id = '';
    if (single) {
      const value = single[r];
      id = value === null || value === undefined ? '~' : `:${String(value)}`;
    } else {
      for (const column of keyColumns) {
        const value = column[r];
        if (value === null || value === undefined) id += '~';
        else { const text = String(value); id += `${text.length}:${text}`; }
      }
    }
    let keys = shared.get(id);
    if (!keys) {
      const values = keyColumns.map((column) => (column[r] === null || column[r] === undefined ? null : String(column[r])));
      shared.set(id, (keys = Object.fromEntries(request.by.map((dim, i) => [dim, values[i]!]))));
    }
    for (let m = 0; m < valueColumns.length; m++) {
      const value = valueColumns[m]![r];
      if (value !== null && value !== undefined) targets[m]!.push({ keys, seconds: Number(value) });
    }
  }
  return out;
}
