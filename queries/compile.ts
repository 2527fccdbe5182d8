/**
 * Compiles a metric request into one SQL statement with bound parameters. Pure: no I/O.
 *
 * Guarantees:
 * - Identifiers (columns, aggregates, grains, catalog fragments) come only from the catalog's
 *   allow-lists; every user-supplied value (time zone, dates, filter values, custom keys) and
 *   every setting from the context (clock, calendar) is a bound parameter.
 * - Built at exactly the requested grain and dimensions: every cohort metric is aggregated over
 *   the same `filtered` rows grouped by the same keys — in agg as a FILTERed aggregate (or over
 *   a per-row value NULL outside its population), or, for a wall-clock duration in a request
 *   without keys, in a part of its own reading `filtered` WHERE its population holds — so
 *   metrics in one response can never disagree about which incidents they looked at.
 * - Every aggregate carries its n, and a time series is zero-filled: a period or dimension
 *   value without incidents is a row with n = 0, never a silent gap.
 * Errors are collected and returned, never thrown, so callers can answer 400 / exit 2.
 */
import { findDimension, findMetric } from './metrics/catalog.ts';
import type { Aggregate, DimensionDef, DurationMetric, MetricDef } from './metrics/types.ts';
import type { MetricRequest } from './request.ts';
import { aggregateSql, columnName, microseconds, populationOf, seconds, snapshotSql, wallClockSql } from './compile/aggregates.ts';
import { baseCte, readsIncidentsOnly } from './compile/base.ts';
import { clockPlan, snapshotClock } from './compile/clock.ts';
import { defaultContext, type CompileContext } from './compile/context.ts';
import { medianIntervalSql } from './compile/intervals.ts';
import type { ParamValue } from './compile/params.ts';
import { bucketOf, cohortScope, contextParams, filteredCte } from './compile/scope.ts';

export type { ParamValue };
export type ColumnKind = 'period' | 'dimension' | 'measure';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  metric?: string;
  /** A catalog aggregate, or a bound of the median's 95% interval (requests with `intervals`). */
  aggregate?: Aggregate | 'ci_low' | 'ci_high';
}

export type Format = 'duration' | 'integer' | 'percent' | 'decimal';

export interface CompiledQuery {
  sql: string;
  params: ParamValue[];
  columns: ColumnInfo[];
  /** column name → display format from the metric declaration. */
  formats: Record<string, Format>;
  errors: string[];
}

/** Interval literals for each grain (from the GRAINS allow-list, never from a request). */
const STEP: Record<string, string> = { day: '1 day', week: '7 days', month: '1 month', quarter: '3 months', year: '1 year' };

const fail = (errors: string[]): CompiledQuery => ({ sql: '', params: [], columns: [], formats: {}, errors });

export function compileMetricRequest(request: MetricRequest, context: CompileContext = defaultContext()): CompiledQuery {
  const errors: string[] = [];
  const metrics = request.metrics.map((id) => findMetric(id) ?? (errors.push(`Unknown metric "${id}".`), undefined))
    .filter((metric): metric is MetricDef => metric !== undefined);
  const dimensions = request.by.map((id) => findDimension(id) ?? (errors.push(`Unknown dimension "${id}".`), undefined))
    .filter((dimension): dimension is DimensionDef => dimension !== undefined);
  if (errors.length || metrics.length === 0) return fail(errors.length ? errors : ['No metric requested.']);

  const entities = [...new Set(metrics.map((metric) => metric.entity ?? 'incidents'))];
  if (entities.length > 1) {
    return fail([`${metrics.map((m) => m.id).join(', ')} count different things (incidents and action items); request them separately.`]);
  }
  const entity = entities[0]!;
  for (const dimension of [...dimensions, ...Object.keys(request.filters).map((id) => findDimension(id))]) {
    if (dimension && dimension.entities && !dimension.entities.includes(entity)) errors.push(`Dimension "${dimension.id}" does not apply to ${entity.replace('_', ' ')}.`);
  }
  const snapshots = metrics.filter((metric) => metric.kind === 'snapshot');
  const cohortMetrics = metrics.filter((metric) => metric.kind !== 'snapshot');
  for (const [dimensionId] of Object.entries(request.filters)) if (!findDimension(dimensionId)) errors.push(`Unknown dimension "${dimensionId}" in filter.`);
  if (errors.length) return fail(errors);

  const params = contextParams(request, context);
  const scope = cohortScope(request, entity, params);
  const { cohort, filters: filterConditions } = scope;
  const drillFilter = request.include_drills ? 'TRUE' : 'NOT is_drill';

  // Keys: the period (local start of the bucket) and up to two dimension values.
  const dimExprs = dimensions.map((dimension) => params.resolve(dimension.expr));
  const keyNames = [...(request.grain ? ['period'] : []), ...dimensions.map((dimension) => dimension.id)];
  const columns: ColumnInfo[] = keyNames.map((name, i) => ({ name, kind: request.grain && i === 0 ? 'period' : 'dimension' }));

  const dimKeys = dimExprs.map((_, i) => `__d${i}`);
  const bucket = bucketOf(request.grain, cohort, params);
  // Snapshots read incidents outside the cohort range (open at each period end), so no narrowing then.
  const ctes = [baseCte(entity, metrics, params, snapshots.length ? [] : scope.range, snapshots.length || cohort !== 'opened_at' ? null : scope.start), filteredCte(scope, bucket?.key ?? null, dimExprs)];
  // Durations on the request's clock (business hours, on-hold excluded) come from `timed`.
  const durations = metrics.filter((metric): metric is DurationMetric => metric.kind === 'duration');
  const clock = clockPlan(request, params, durations.map((metric) => ({ start: metric.start, end: metric.end })));
  ctes.push(...clock.ctes);
  const valueOf = (metric: MetricDef) => (metric.kind === 'duration' && clock.from !== 'filtered' ? clock.seconds[durations.indexOf(metric)] : undefined);
  // A request without keys (the tiles) gives each wall-clock duration over the incidents table
  // a statement part of its own (`dur<k>`) that reads only its population: WHERE instead of
  // FILTER, because DuckDB's quantile_cont over a FILTER is 2–2.5× slower than over pre-filtered
  // rows (the MTTA/MTTR tiles at 1,000,000 incidents: 0.22 s → 0.08 s). An ungrouped aggregate
  // always answers one row, so its n can be counted there. Grouped requests keep FILTER:
  // a part's groups would miss keys with incidents but no duration (n = 0 rows), and measured
  // no faster. Each part reads `filtered` again, so base and filtered are inlined (NOT
  // MATERIALIZED; a materialised copy would hold every column, raw JSON included); with derived
  // columns (joins, windows) in base, re-reading would recompute them, so those stay in agg.
  const ownPart = clock.from === 'filtered' && readsIncidentsOnly(entity, metrics) && !request.grain && dimensions.length === 0;
  const partOf = (metric: MetricDef) => (ownPart && metric.kind === 'duration' ? `dur${durations.indexOf(metric)}` : 'agg');
  // The other wall-clock durations are aggregated in agg over `__v<k>`: their microseconds
  // computed once a row in filtered, NULL outside the metric's population, so agg's aggregates
  // need no FILTER (a monthly trend by severity at 1,000,000 incidents: ~10% less CPU).
  const valueColumn = (metric: DurationMetric) => `__v${durations.indexOf(metric)}`;
  const inAgg = clock.from === 'filtered' ? durations.filter((metric) => partOf(metric) === 'agg') : [];
  if (inAgg.length) {
    ctes[1] = filteredCte(scope, bucket?.key ?? null, dimExprs,
      inAgg.map((metric) => `CASE WHEN ${populationOf(metric, params)} THEN ${microseconds(metric)} END AS ${valueColumn(metric)}`));
  }
  // Ages of open incidents on the request's clock (snapshots read `periods p, base b` instead).
  const ages = snapshots.some((metric) => metric.measure === 'median_age') ? snapshotClock(request, params) : null;

  /** `from`: the CTE that computes the measure — agg, dur<k> or snap. */
  const measures: Array<{ name: string; sql: string; zero: boolean; from: string }> = [];
  const formats: CompiledQuery['formats'] = {};
  for (const metric of metrics) {
    for (const aggregate of metric.aggregates) {
      const name = columnName(metric, aggregate);
      // since_latest reports seconds under its `count` key: a duration, and never zero-filled
      // (a team that never drilled has no "time since", not 0 s).
      const seconds = metric.kind === 'snapshot' && metric.measure === 'since_latest' && aggregate === 'count';
      const integer = aggregate === 'n' || (aggregate === 'count' && !seconds);
      formats[name] = integer ? 'integer' : metric.format;
      columns.push({ name, kind: 'measure', metric: metric.id, aggregate });
      if (metric.kind === 'snapshot') {
        measures.push({ name, sql: snapshotSql(metric, aggregate, params, '__at', drillFilter, ages?.age), zero: integer, from: 'snap' });
      } else if (metric.kind === 'duration' && partOf(metric) !== 'agg') {
        measures.push({ name, sql: wallClockSql(metric, aggregate, microseconds(metric)), zero: integer, from: partOf(metric) });
      } else if (metric.kind === 'duration' && inAgg.includes(metric)) {
        measures.push({ name, sql: wallClockSql(metric, aggregate, valueColumn(metric)), zero: integer, from: 'agg' });
      } else {
        measures.push({ name, sql: aggregateSql(metric, aggregate, params, valueOf(metric)), zero: integer, from: 'agg' });
      }
    }
    if (request.intervals && metric.kind === 'duration' && metric.aggregates.includes('median')) {
      // Beside the median: its 95% order-statistic interval (compile/intervals.ts), NULL when n is too small.
      const bounds = medianIntervalSql(valueOf(metric) ?? seconds(metric), populationOf(metric, params), params);
      for (const [aggregate, sql] of [['ci_low', bounds.low], ['ci_high', bounds.high]] as const) {
        const name = `${metric.id}_${aggregate}`;
        formats[name] = 'duration';
        columns.push({ name, kind: 'measure', metric: metric.id, aggregate });
        measures.push({ name, sql, zero: false, from: 'agg' });
      }
    }
  }

  // Output keys (joined to `keys`), what each part selects for them, and what it groups by.
  const groupKeys = [...(bucket ? ['__start'] : []), ...dimKeys];
  const keyColumns = [...(bucket ? [`${bucket.start('__bucket')} AS __start`] : []), ...dimKeys];
  const groupBy = groupKeys.length ? ` GROUP BY ${[...(bucket ? ['__bucket'] : []), ...dimKeys].join(', ')}` : '';
  // agg holds the cohort measures not computed in a part of their own; a request without keys
  // whose measures all have parts (only durations) needs none.
  const aggMeasures = measures.filter((m) => m.from === 'agg');
  const hasAgg = cohortMetrics.length > 0 && (aggMeasures.length > 0 || groupKeys.length > 0);
  if (hasAgg) {
    ctes.push(`agg AS (SELECT ${[...keyColumns, ...aggMeasures.map((m) => `${m.sql} AS ${m.name}`)].join(', ')} FROM ${clock.from}${groupBy})`);
  }
  const parts = durations.map((metric, k) => ({ metric, name: `dur${k}` })).filter(({ name }) => measures.some((m) => m.from === name));
  for (const { metric, name } of parts) {
    const own = measures.filter((m) => m.from === name).map((m) => `${m.sql} AS ${m.name}`);
    ctes.push(`${name} AS (SELECT ${[...keyColumns, ...own].join(', ')} FROM filtered WHERE ${populationOf(metric, params)}${groupBy})`);
  }
  if (parts.length) {
    ctes[0] = notMaterialized(ctes[0]!, 'base');
    ctes[1] = notMaterialized(ctes[1]!, 'filtered');
  }

  if (request.grain) {
    const from = request.from ? `CAST(${params.bind(request.from)} AS TIMESTAMP)` : null;
    const to = request.to ? `CAST(${params.bind(request.to)} AS TIMESTAMP) - INTERVAL 1 microsecond` : null;
    // The range: the request's from/to, else the data's own first and last bucket (and now,
    // when a snapshot is asked for, so the backlog runs up to today).
    // The local time of the first (last) instant, not the first (last) local time: one zone
    // conversion instead of one per row, and the same bucket — local times only repeat within
    // the fall-back night, and the finest grain is a day. Incidents are read from their table,
    // whose rows base keeps one for one: a second reference to base would make DuckDB
    // materialise it with every column (raw JSON included), which doubled a monthly trend.
    const rows = entity === 'incidents' ? 'incidents' : 'base';
    const data = (fn: 'min' | 'max') => `timezone(${params.ref('tz')}, (SELECT ${fn}(${cohort}) FROM ${rows} WHERE ${cohort} IS NOT NULL AND ${drillFilter}))`;
    const hi = to ?? (snapshots.length ? `greatest(${data('max')}, timezone(${params.ref('tz')}, CAST(${params.ref('now')} AS TIMESTAMPTZ)))` : data('max'));
    ctes.push(`bounds AS (SELECT ${from ?? data('min')} AS lo, ${hi} AS hi)`);
    // A period's end instant (`__at`, capped at now) is read by snapshots alone. Without them
    // the statement must not mention now: the answer cache keys on the bound parameters, and a
    // trend bound to now would be recomputed every minute for an answer that never changes.
    const at = snapshots.length ? `, least(timezone(${params.ref('tz')}, p + INTERVAL '${STEP[request.grain]}'), CAST(${params.ref('now')} AS TIMESTAMPTZ)) AS __at` : '';
    ctes.push(`periods AS (
  SELECT p AS __start${at}
  FROM bounds, unnest(generate_series(date_trunc('${request.grain}', lo), date_trunc('${request.grain}', hi), INTERVAL '${STEP[request.grain]}')) AS t(p)
  WHERE lo IS NOT NULL)`);
  } else if (snapshots.length) {
    const at = request.to ? `timezone(${params.ref('tz')}, CAST(${params.bind(request.to)} AS TIMESTAMP))` : `CAST(${params.ref('now')} AS TIMESTAMPTZ)`;
    ctes.push(`periods AS (SELECT NULL AS __start, least(${at}, CAST(${params.ref('now')} AS TIMESTAMPTZ)) AS __at)`);
  }

  if (snapshots.length) {
    if (ages) ctes.push(...ages.ctes);
    const snapDims = dimExprs.map((expr, i) => `${expr} AS __d${i}`);
    const snapWhere = [...filterConditions, ...(entity === 'incidents' ? ["NOT list_contains(b.quality_flags, 'maintenance')"] : [])];
    ctes.push(`snap AS (SELECT ${[...(request.grain ? ['p.__start'] : []), ...snapDims, ...measures.filter((m) => m.from === 'snap').map((m) => `${m.sql} AS ${m.name}`)].join(', ')}
  FROM ${ages ? `${ages.periods} p, ${ages.base} b` : 'periods p, base b'}${snapWhere.length ? ` WHERE ${snapWhere.join(' AND ')}` : ''}${groupKeys.length ? ` GROUP BY ${[...(request.grain ? ['p.__start'] : []), ...dimExprs].join(', ')}` : ''})`);
  }

  // Every key combination to report: periods × the dimension values seen, so empty buckets
  // come back as n = 0 rows. The values are read from agg (the same values, grouped): reading
  // filtered a second time would make DuckDB materialise it with every column.
  const seen = [cohortMetrics.length ? `SELECT DISTINCT ${dimKeys.join(', ') || '1 AS __one'} FROM agg` : null, snapshots.length ? `SELECT DISTINCT ${dimKeys.join(', ') || '1 AS __one'} FROM snap` : null]
    .filter(Boolean).join(' UNION ');
  const keySources = [request.grain ? 'periods' : null, dimKeys.length ? `(${seen}) d` : null].filter(Boolean);
  ctes.push(`keys AS (SELECT ${[...(request.grain ? ['periods.__start'] : []), ...dimKeys.map((k) => `d.${k}`)].join(', ') || '1 AS __one'}${keySources.length ? ` FROM ${keySources.join(', ')}` : ''})`);

  const joinOn = (alias: string) => groupKeys.map((key) => `${alias}.${key} IS NOT DISTINCT FROM keys.${key}`).join(' AND ') || 'TRUE';
  const select = [
    ...(request.grain ? [`strftime(keys.__start, '%Y-%m-%d') AS period`] : []),
    ...dimKeys.map((key, i) => `keys.${key} AS "${dimensions[i]!.id}"`),
    ...measures.map((m) => `${m.zero ? `coalesce(${m.from}.${m.name}, 0)` : `${m.from}.${m.name}`} AS ${m.name}`),
  ];
  const sql = `WITH ${ctes.join(',\n')}
SELECT ${select.join(',\n       ')}
FROM keys
${[...(hasAgg ? ['agg'] : []), ...parts.map(({ name }) => name)].map((name) => `LEFT JOIN ${name} ON ${joinOn(name)}`).join('\n')}
${snapshots.length ? `LEFT JOIN snap ON ${joinOn('snap')}` : ''}
${groupKeys.length ? `ORDER BY ${groupKeys.map((key) => `keys.${key} NULLS LAST`).join(', ')}` : ''}`;

  return { sql, params: params.values, columns, formats, errors: [] };
}

/** `name AS (…)` → `name AS NOT MATERIALIZED (…)`: DuckDB inlines it at every reference. */
function notMaterialized(cte: string, name: string): string {
  const head = `${name} AS (`;
  if (!cte.startsWith(head)) throw new Error(`Expected the ${name} CTE first, found: ${cte.slice(0, 40)}`);
  return `${name} AS NOT MATERIALIZED (${cte.slice(head.length)}`;
}
