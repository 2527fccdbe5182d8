/**
 * Runs a compiled metric request against the database and shapes the API/CLI response: the
 * request as understood, the declarations of the metrics used (so every number can show its
 * definition), the columns and the rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileMetricRequest, type ColumnInfo } from './compile.ts';
import { metricInfo, type MetricInfo } from './catalog-info.ts';
import { InputError } from './errors.ts';
import type { CompileContext } from './compile/context.ts';
import type { MetricRequest } from './request.ts';

export type { MetricInfo };

export type MetricRow = Record<string, string | number | null>;

export interface MetricsResult {
  request: MetricRequest;
  metrics: MetricInfo[];
  columns: ColumnInfo[];
  rows: MetricRow[];
}

export async function runMetrics(connection: DuckDBConnection, request: MetricRequest, context?: CompileContext): Promise<MetricsResult> {
  const compiled = compileMetricRequest(request, context);
  if (compiled.errors.length > 0) throw new InputError(compiled.errors.join(' '));
  const reader = await connection.runAndReadAll(compiled.sql, compiled.params);
  // getRowObjectsJson keeps the result JSON-safe (no bigint); the SQL casts counts to INTEGER
  // and durations are DOUBLE, so numbers arrive as numbers.
  const rows = reader.getRowObjectsJson() as MetricRow[];
  const metrics = request.metrics.map((id) => metricInfo(id, request));
  return { request, metrics, columns: compiled.columns, rows };
}

/**
 * The cache key of a metrics answer: the parsed request (echoed in the answer) and the SQL with
 * its bound values (which include "now" only when the answer depends on it).
 */
export function metricsKey(request: MetricRequest, context?: CompileContext): string {
  const compiled = compileMetricRequest(request, context);
  return JSON.stringify(['metrics', request, compiled.sql, compiled.params]);
}
