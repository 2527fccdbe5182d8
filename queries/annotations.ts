/**
 * Process-change annotations: add, remove, list, and each one's before/after result, which is
 * the existing compare (`around` = the annotation's date, its scope as filters) — never a
 * second computation of the same verdict.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseCompareRequest } from './compare/request.ts';
import { runCompare } from './compare/run.ts';
import type { CompileContext } from './compile/context.ts';
import { InputError } from './errors.ts';
import { parseMetricRequest } from './request.ts';

export interface Annotation {
  id: number;
  date: string;
  label: string;
  description: string | null;
  scope: Record<string, string[]> | null;
  created_at: string;
}

export interface AnnotationResult {
  metric: string;
  verdict: string;
  sentence: string;
}

/** `dim=value` filters → scope, checked by the request parser (unknown dimensions are refused). */
export function scopeFromFilters(filters: string[]): Record<string, string[]> | null {
  if (filters.length === 0) return null;
  const { request, errors } = parseMetricRequest({ metric: 'count', filter: filters });
  const own = errors.filter((e) => !/metric/.test(e));
  if (own.length) throw new InputError(own.join(' '));
  return request.filters;
}

export async function addAnnotation(connection: DuckDBConnection, input: { date: string; label: string; description?: string | null; filters?: string[] }): Promise<number> {
  // Round-tripped through Date so 2026-02-30 is refused here (Date.parse would roll it over).
  const parsed = new Date(`${input.date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== input.date) throw new InputError(`date must be a date like 2026-03-02, got "${input.date}".`);
  if (!input.label.trim()) throw new InputError('label must not be empty.');
  const scope = scopeFromFilters(input.filters ?? []);
  const reader = await connection.runAndReadAll(
    'INSERT INTO annotations (date, label, description, scope) VALUES (CAST($1 AS DATE), $2, $3, CAST($4 AS JSON)) RETURNING id',
    [input.date, input.label, input.description ?? null, scope ? JSON.stringify(scope) : null],
  );
  return Number(reader.getRows()[0]![0]);
}

/** True when an annotation was removed. */
export async function removeAnnotation(connection: DuckDBConnection, id: number): Promise<boolean> {
  const reader = await connection.runAndReadAll('DELETE FROM annotations WHERE id = $1 RETURNING id', [id]);
  return reader.getRows().length > 0;
}

export async function listAnnotations(connection: DuckDBConnection): Promise<Annotation[]> {
  const reader = await connection.runAndReadAll(
    `SELECT id, strftime(date, '%Y-%m-%d') AS date, label, description, CAST(scope AS VARCHAR) AS scope, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at FROM annotations ORDER BY date, id`,
  );
  return reader.getRowObjectsJson().map((row) => ({
    id: Number(row.id), date: String(row.date), label: String(row.label), description: row.description === null ? null : String(row.description),
    scope: row.scope === null ? null : (JSON.parse(String(row.scope)) as Record<string, string[]>), created_at: String(row.created_at),
  }));
}

/** MTTA and MTTR `days` before vs from the annotation's date, in its scope: compare's verdicts. */
export async function annotationResults(connection: DuckDBConnection, annotation: Annotation, context: CompileContext, days = 90): Promise<AnnotationResult[]> {
  const filter = Object.entries(annotation.scope ?? {}).flatMap(([dim, values]) => values.map((value) => `${dim}=${value}`));
  const { compare, errors } = parseCompareRequest({ metric: 'mtta,mttr', around: annotation.date, days, filter });
  if (!compare) throw new InputError(errors.join(' '));
  const result = await runCompare(connection, compare, context);
  return result.comparisons.map((c) => ({ metric: c.metric.id, verdict: c.rows[0]?.verdict ?? 'not enough data', sentence: c.rows[0]?.sentence ?? '' }));
}
