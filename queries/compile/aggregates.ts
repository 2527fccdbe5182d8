/**
 * The SQL aggregate for each (metric, aggregate) pair over the `filtered` rows, and the row key
 * it is reported under. Every aggregate carries its n: durations count the rows with both
 * instants in order; rates count their population; counts are their own n.
 */
import type { Aggregate, DurationMetric, MetricDef } from '../metrics/types.ts';
import type { Params } from './params.ts';

export function columnName(metric: MetricDef, aggregate: Aggregate): string {
  if (metric.kind === 'count' && aggregate === 'count') return metric.id;
  if (metric.kind === 'snapshot' && aggregate === 'count') return metric.id;
  return `${metric.id}_${aggregate}`;
}

export function seconds(metric: DurationMetric): string {
  return `(epoch(${metric.end}) - epoch(${metric.start}))`;
}

/**
 * A wall-clock duration in whole microseconds (BIGINT). Aggregates over it are divided into
 * seconds once, at the end: DuckDB sorts and sums integers much faster than DOUBLE seconds (the
 * percentiles of 1M durations about 2.5× faster), and the difference is exact. Hazard: two
 * finite instants further apart than ±292,000 years overflow BIGINT and fail the query; infinite
 * instants give NULL, as epoch() does.
 */
export function microseconds(metric: DurationMetric): string {
  return `(epoch_us(${metric.end}) - epoch_us(${metric.start}))`;
}

/** The rows a metric counts, as a condition over `filtered`. */
export function populationOf(metric: MetricDef, params: Params): string {
  const parts: string[] = [];
  if (metric.population) parts.push(`(${params.resolve(metric.population)})`);
  // A mean's n is the rows it averages: avg skips an unknown (NULL) value, so n must too.
  if (metric.kind === 'mean') parts.push(`${metric.value} IS NOT NULL`);
  if (metric.kind === 'duration') {
    // Impossible durations (end before start) are out, and counted in the data-quality view.
    parts.push(`${metric.start} IS NOT NULL AND ${metric.end} IS NOT NULL AND ${metric.end} >= ${metric.start}`);
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** `value`: a duration's seconds on a clock other than the wall (compile/clock.ts); wall-clock durations go through wallClockSql. */
export function aggregateSql(metric: MetricDef, aggregate: Aggregate, params: Params, value?: string): string {
  const where = populationOf(metric, params);
  const count = `CAST(count(*) FILTER (WHERE ${where}) AS INTEGER)`;
  switch (metric.kind) {
    case 'count':
      return count;
    case 'rate': {
      const hit = `count(*) FILTER (WHERE ${where} AND (${params.resolve(metric.numerator)}))`;
      if (aggregate === 'count') return `CAST(${hit} AS INTEGER)`;
      if (aggregate === 'n') return count;
      return `CAST(${hit} AS DOUBLE) / NULLIF(count(*) FILTER (WHERE ${where}), 0)`;
    }
    case 'mean':
      return aggregate === 'n' ? count : `avg(CAST(${metric.value} AS DOUBLE)) FILTER (WHERE ${where})`;
    case 'duration': {
      if (aggregate === 'n') return count;
      // Durations are reported to the millisecond: finer digits are floating-point noise
      // (exp(ln(x)) is not exactly x) that would make equal numbers compare unequal.
      if (value === undefined) throw new Error(`Wall-clock duration ${metric.id} is compiled by wallClockSql, not with a FILTER.`);
      return `round(${durationAggregate(aggregate, value, where, quantileLevels(metric))}, 3)`;
    }
    case 'snapshot':
      throw new Error(`Snapshot metric ${metric.id} is compiled by snapshotSql, not as a cohort aggregate.`);
  }
}

/**
 * A wall-clock duration aggregate over `value`, the duration in microseconds, already NULL
 * outside the metric's population or read only where it holds (compile.ts: a statement part
 * with the population in WHERE, or a per-row column). No FILTER: DuckDB's quantile_cont runs
 * 2–2.5× slower under one. Reported in seconds; n counts the durations that have a value.
 */
export function wallClockSql(metric: DurationMetric, aggregate: Aggregate, value: string): string {
  if (aggregate === 'n') return `CAST(count(${value}) AS INTEGER)`;
  return `round(${durationAggregate(aggregate, value, null, quantileLevels(metric))} / 1e6, 3)`;
}

/** The quantile each percentile aggregate reads (catalog constants, never from a request). */
const QUANTILE_OF: Partial<Record<Aggregate, number>> = { median: 0.5, p90: 0.9, p95: 0.95 };

function quantileLevels(metric: DurationMetric): number[] {
  return metric.aggregates.map((aggregate) => QUANTILE_OF[aggregate]).filter((level): level is number => level !== undefined);
}

function durationAggregate(aggregate: Aggregate, x: string, where: string | null, levels: readonly number[]): string {
  const filter = where === null ? '' : ` FILTER (WHERE ${where})`;
  const level = QUANTILE_OF[aggregate];
  if (level !== undefined) {
    // quantile_cont interpolates (the median of 10 and 20 is 15), like PostgreSQL's
    // percentile_cont, so numbers match what an analyst computes by hand. Every percentile of a
    // metric is one element of the same list-valued call: DuckDB computes identical aggregates
    // of a SELECT once, so the median, p90 and p95 share one pass over the bucket's values
    // instead of three (about 2.5× faster; the overview benchmark depends on it). Hazard: the
    // three calls must stay character-for-character identical, or each is computed on its own.
    return `(quantile_cont(${x}, [${levels.join(', ')}])${filter})[${levels.indexOf(level) + 1}]`;
  }
  switch (aggregate) {
    case 'mean': return `avg(${x})${filter}`;
    // The geometric mean needs positive values: zero-second durations are left out of it.
    // (The CASE, not the FILTER, guards ln: DuckDB evaluates arguments before filtering.)
    case 'geomean': return `exp(avg(ln(CASE WHEN ${x} > 0 THEN ${x} END))${filter})`;
    default: throw new Error(`No duration aggregate "${aggregate}".`);
  }
}

/**
 * A snapshot aggregate over `periods p JOIN base b`, evaluated at instant `at`. `age`: the SQL of
 * an open incident's age in seconds when not the wall-clock difference (compile/clock.ts).
 */
export function snapshotSql(metric: MetricDef, aggregate: Aggregate, params: Params, at: string, drillFilter: string, age?: string): string {
  if (metric.kind !== 'snapshot') throw new Error(`${metric.id} is not a snapshot metric.`);
  const population = [params.resolve(metric.at, { at }), metric.drills ? 'TRUE' : drillFilter];
  if (metric.population) population.push(params.resolve(metric.population, { at }));
  const where = population.map((part) => `(${part})`).join(' AND ');
  if (aggregate === 'n') return `CAST(count(*) FILTER (WHERE ${where}) AS INTEGER)`;
  switch (metric.measure) {
    case 'count': return `CAST(count(*) FILTER (WHERE ${where}) AS INTEGER)`;
    case 'median_age': return `quantile_cont(${age ?? `epoch(${at}) - epoch(b.opened_at)`}, 0.5) FILTER (WHERE ${where})`;
    // at − latest = the smallest at − opened_at; written as one aggregate because `at` is not a
    // grouping key (an expression of it outside an aggregate fails to bind).
    case 'since_latest': return `min(epoch(${at}) - epoch(b.opened_at)) FILTER (WHERE ${where})`;
  }
}
