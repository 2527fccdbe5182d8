/**
 * Compiles a metric request into one SQL statement with bound parameters. Pure: no I/O.
 *
 * Guarantees:
 * - Identifiers (columns, aggregates, grains) come only from the catalog's allow-lists; every
 *   user-supplied value (time zone, dates, filter values) is a bound parameter. No user string
 *   is ever spliced into SQL.
 * - Built at exactly the requested grain and dimensions: one GROUP BY over the keys, every
 *   metric as a FILTERed aggregate over the same cohort, so metrics in one response can never
 *   disagree about which incidents they looked at.
 * - Every aggregate carries its n. A duration counts only incidents that have both timestamps
 *   in order; impossible ones (end before start) are excluded here and flagged at import.
 * Errors are collected and returned, never thrown, so callers can answer 400 / exit 2.
 */
import { findDimension, findMetric } from './metrics/catalog.ts';
import type { Aggregate, DurationMetric, MetricDef } from './metrics/types.ts';
import type { MetricRequest } from './request.ts';

export type ColumnKind = 'period' | 'dimension' | 'measure';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  metric?: string;
  aggregate?: Aggregate;
}

export type ParamValue = string | number | boolean;

export interface CompiledQuery {
  sql: string;
  params: ParamValue[];
  columns: ColumnInfo[];
  /** column name → display format from the metric declaration. */
  formats: Record<string, 'duration' | 'integer'>;
  errors: string[];
}

const COHORT_COLUMN = { opened: 'opened_at', resolved: 'resolved_at' } as const;

export function compileMetricRequest(request: MetricRequest): CompiledQuery {
  const errors: string[] = [];
  const metrics = request.metrics.map((id) => {
    const metric = findMetric(id);
    if (!metric) errors.push(`Unknown metric "${id}".`);
    return metric;
  }).filter((metric): metric is MetricDef => metric !== undefined);
  const dimensions = request.by.map((id) => {
    const dimension = findDimension(id);
    if (!dimension) errors.push(`Unknown dimension "${id}".`);
    return dimension;
  });
  if (errors.length > 0 || metrics.length === 0) {
    return { sql: '', params: [], columns: [], formats: {}, errors: errors.length ? errors : ['No metric requested.'] };
  }

  const params: ParamValue[] = [];
  const bind = (value: ParamValue) => {
    params.push(value);
    return `$${params.length}`;
  };

  const columns: ColumnInfo[] = [];
  const formats: CompiledQuery['formats'] = {};
  const select: string[] = [];
  const cohortColumn = COHORT_COLUMN[request.cohort];
  // Bound on first use only: DuckDB rejects a parameter that the statement never references.
  let tzParam: string | undefined;
  const tz = () => (tzParam ??= bind(request.tz));

  if (request.grain) {
    // The grain is one of GRAINS (checked by the parser; re-checked by the type), so it is a
    // literal from our allow-list, not user text.
    select.push(`strftime(date_trunc('${request.grain}', timezone(${tz()}, ${cohortColumn})), '%Y-%m-%d') AS period`);
    columns.push({ name: 'period', kind: 'period' });
  }
  for (const dimension of dimensions) {
    if (!dimension) continue;
    select.push(`${dimension.column} AS ${dimension.id}`);
    columns.push({ name: dimension.id, kind: 'dimension' });
  }
  const keyCount = columns.length;

  for (const metric of metrics) {
    for (const aggregate of metric.aggregates) {
      // Row keys: `<id>_<aggregate>` (mttr_median, mttr_n), and the bare `<id>` for a count.
      const name = aggregate === 'count' ? metric.id : `${metric.id}_${aggregate}`;
      select.push(`${aggregateSql(metric, aggregate)} AS ${name}`);
      columns.push({ name, kind: 'measure', metric: metric.id, aggregate });
      formats[name] = aggregate === 'n' || aggregate === 'count' ? 'integer' : metric.format;
    }
  }

  const where = [`${cohortColumn} IS NOT NULL`];
  if (!request.include_drills) where.push('NOT is_drill');
  if (request.from) where.push(`${cohortColumn} >= timezone(${tz()}, CAST(${bind(request.from)} AS TIMESTAMP))`);
  if (request.to) where.push(`${cohortColumn} < timezone(${tz()}, CAST(${bind(request.to)} AS TIMESTAMP))`);
  for (const [dimensionId, values] of Object.entries(request.filters)) {
    const dimension = findDimension(dimensionId);
    if (!dimension) {
      errors.push(`Unknown dimension "${dimensionId}" in filter.`);
      continue;
    }
    where.push(`${dimension.column} IN (${values.map((value) => bind(value)).join(', ')})`);
  }
  if (errors.length > 0) return { sql: '', params: [], columns: [], formats: {}, errors };

  const keys = Array.from({ length: keyCount }, (_, i) => String(i + 1));
  const sql = [
    `SELECT ${select.join(',\n       ')}`,
    'FROM incidents',
    `WHERE ${where.join('\n  AND ')}`,
    keys.length ? `GROUP BY ${keys.join(', ')}` : '',
    keys.length ? `ORDER BY ${keys.map((key) => `${key} NULLS LAST`).join(', ')}` : '',
  ].filter(Boolean).join('\n');

  return { sql, params, columns, formats, errors };
}

function aggregateSql(metric: MetricDef, aggregate: Aggregate): string {
  if (metric.kind === 'count') return 'CAST(count(*) AS INTEGER)'; // count and n are the same number
  const seconds = durationSeconds(metric);
  const population = durationPopulation(metric);
  switch (aggregate) {
    // quantile_cont interpolates (the median of 10 and 20 is 15), like PostgreSQL's
    // percentile_cont, so numbers match what an analyst computes by hand or in a spreadsheet.
    case 'median':
      return `quantile_cont(${seconds}, 0.5) FILTER (WHERE ${population})`;
    case 'p90':
      return `quantile_cont(${seconds}, 0.9) FILTER (WHERE ${population})`;
    case 'mean':
      return `avg(${seconds}) FILTER (WHERE ${population})`;
    case 'n':
      return `CAST(count(*) FILTER (WHERE ${population}) AS INTEGER)`;
    case 'count':
      throw new Error(`Aggregate "count" is not declared for the duration metric ${metric.id}.`);
  }
}

function durationSeconds(metric: DurationMetric): string {
  return `(epoch(${metric.end}) - epoch(${metric.start}))`;
}

function durationPopulation(metric: DurationMetric): string {
  return `${metric.start} IS NOT NULL AND ${metric.end} IS NOT NULL AND ${metric.end} >= ${metric.start}`;
}
