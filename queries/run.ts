/**
 * Runs a compiled metric request against the database and shapes the API/CLI response: the
 * request as understood, the declarations of the metrics used (so every number can show its
 * definition), the columns and the rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileMetricRequest, type ColumnInfo } from './compile.ts';
import { InputError } from './errors.ts';
import { findMetric } from './metrics/catalog.ts';
import type { MetricDef } from './metrics/types.ts';
import type { CompileContext } from './compile/context.ts';
import type { MetricRequest } from './request.ts';

export interface MetricInfo {
  id: string;
  label: string;
  definition: string;
  unit: MetricDef['unit'];
  format: MetricDef['format'];
  lower_is_better: boolean;
  aggregates: string[];
}

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
  const metrics = request.metrics.map((id): MetricInfo => {
    const metric = findMetric(id);
    if (!metric) throw new InputError(`Unknown metric "${id}".`);
    const { label, definition, unit, format, lower_is_better, aggregates } = metric;
    return { id, label, definition, unit, format, lower_is_better, aggregates: [...aggregates] };
  });
  return { request, metrics, columns: compiled.columns, rows };
}
