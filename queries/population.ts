/**
 * The incidents behind a metric's n: the same cohort rows the compiler aggregates (`base` →
 * `filtered`, built by compile/scope.ts exactly as compile.ts builds them), narrowed by the
 * metric's own population from the catalog (`populationOf`), as CTEs a caller can SELECT from.
 * Nothing about a metric is restated here: the population, the instants, the derived columns
 * and the clock (wall or business hours, on-hold excluded) all come from compile/.
 *
 * Guarantee: for a cohort metric over incidents, `SELECT count(*) FROM population` equals the
 * `<id>_n` (or `<id>` for a count) that GET /api/metrics answers for the same request
 * (test/e2e/incidents-api.test.ts checks every such metric).
 */
import { findDimension, findMetric } from './metrics/catalog.ts';
import type { MetricDef } from './metrics/types.ts';
import type { MetricRequest } from './request.ts';
import { populationOf } from './compile/aggregates.ts';
import { baseCte } from './compile/base.ts';
import { clockPlan } from './compile/clock.ts';
import { defaultContext, type CompileContext } from './compile/context.ts';
import type { Params } from './compile/params.ts';
import { cohortScope, contextParams, filteredCte } from './compile/scope.ts';

export interface Population {
  /** `WITH base AS (...), filtered AS (...), …, population AS (...)`: select from `population`. */
  ctes: string;
  /** Bind more values with it; its `values` are the statement's parameters. */
  params: Params | null;
  metric: MetricDef | null;
  /** What `population.__value` holds: a duration's seconds on the request's clock, a mean's per-row value, or none. */
  value: 'seconds' | 'number' | null;
  /** True when `population.__hit` says whether the row meets a rate's numerator. */
  hit: boolean;
  errors: string[];
}

/**
 * The incidents a request's cohort holds, narrowed to `metricId`'s population when given
 * (null: the whole cohort, i.e. the `count` metric). Errors are returned, never thrown.
 */
export function compilePopulation(request: MetricRequest, metricId: string | null, context: CompileContext = defaultContext()): Population {
  const metric = metricId === null ? null : (findMetric(metricId) ?? null);
  const failed = (...errors: string[]): Population => ({ ctes: '', params: null, metric, value: null, hit: false, errors });
  if (metricId !== null && !metric) return failed(`Unknown metric "${metricId}".`);
  if (metric && (metric.entity ?? 'incidents') !== 'incidents') {
    return failed(`${metric.id} counts action items, not incidents; its rows are on the follow-ups page.`);
  }
  if (metric?.kind === 'snapshot') {
    return failed(`${metric.id} is a state at the end of each period, not a cohort of incidents, so it has no incident list.`);
  }
  const errors = Object.keys(request.filters).flatMap((id) => {
    const dimension = findDimension(id);
    if (!dimension) return [`Unknown dimension "${id}" in filter.`];
    return dimension.entities && !dimension.entities.includes('incidents') ? [`Dimension "${id}" does not apply to incidents.`] : [];
  });
  if (errors.length) return failed(...errors);

  const params = contextParams(request, context);
  const scope = cohortScope(request, 'incidents', params);
  const ctes = [baseCte('incidents', metric ? [metric] : [], params, scope.range, scope.cohort === 'opened_at' ? scope.start : null), filteredCte(scope, null, [])];
  const select = ['*'];
  let value: Population['value'] = null;
  let from = 'filtered';
  if (metric?.kind === 'duration') {
    // The same clock plan the metric's median uses, so a row's value is the one it was counted with.
    const clock = clockPlan(request, params, [{ start: metric.start, end: metric.end }]);
    ctes.push(...clock.ctes);
    from = clock.from;
    select.push(`${clock.seconds[0]} AS __value`);
    value = 'seconds';
  } else if (metric?.kind === 'mean') {
    select.push(`CAST(${metric.value} AS DOUBLE) AS __value`);
    value = 'number';
  }
  const hit = metric?.kind === 'rate';
  if (metric?.kind === 'rate') select.push(`coalesce(${params.resolve(metric.numerator)}, false) AS __hit`);
  ctes.push(`population AS (SELECT ${select.join(', ')} FROM ${from} WHERE ${metric ? populationOf(metric, params) : 'TRUE'})`);
  return { ctes: `WITH ${ctes.join(',\n')}`, params, metric, value, hit, errors: [] };
}
