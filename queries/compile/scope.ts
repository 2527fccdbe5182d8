/**
 * What every statement built from a request shares: the bound context values and the cohort's
 * WHERE (cohort instant set, drills, maintenance, local from/to, filters). Metrics (compile.ts),
 * per-incident samples (samples.ts) and anything else that must count the same incidents build
 * on these two functions, so they can never disagree about which incidents a request means.
 */
import { findDimension } from '../metrics/catalog.ts';
import { customDimensionPath, customParamName } from '../metrics/dimensions.ts';
import type { Entity } from '../metrics/types.ts';
import type { MetricRequest } from '../request.ts';
import { minutesOf, reviewCutoffAt, updateIntervalList, type CompileContext } from './context.ts';
import { Params } from './params.ts';

export const COHORT_COLUMN: Record<Entity, Record<'opened' | 'resolved', string>> = {
  incidents: { opened: 'opened_at', resolved: 'resolved_at' },
  action_items: { opened: 'created_at', resolved: 'completed_at' },
};

/** The context's named values (`:now`, `:calendar_tz`, …), each bound on first use. */
export function contextParams(request: Pick<MetricRequest, 'tz' | 'by' | 'filters'>, context: CompileContext): Params {
  return new Params({
    now: context.now.toISOString(),
    review_seconds: context.reviewWindowSeconds,
    review_cutoff_us: () => context.reviewCutoffUs ?? reviewCutoffAt(context.now, context.reviewWindowSeconds),
    recurrence_seconds: context.recurrenceWindowSeconds,
    calendar_tz: context.calendar.tz,
    workdays: JSON.stringify(context.calendar.workdays),
    work_start: context.calendar.start,
    work_end: context.calendar.end,
    work_start_min: minutesOf(context.calendar.start),
    work_end_min: minutesOf(context.calendar.end),
    holidays: JSON.stringify(context.calendar.holidays),
    update_intervals: JSON.stringify(updateIntervalList(context.updateIntervals)),
    tz: request.tz,
    ...Object.fromEntries([...request.by, ...Object.keys(request.filters)].filter((id) => customDimensionPath(id))
      .map((id) => [customParamName(id), customDimensionPath(id)])),
  });
}

export interface CohortScope {
  /** The column the cohort is read from (opened_at, resolved_at, created_at, completed_at). */
  cohort: string;
  /** Every condition over `base`, filters included. */
  where: string[];
  /** The filter conditions alone (snapshots apply these but not the cohort range). */
  filters: string[];
  /** The cohort range alone (`from`/`to` on the cohort column), also valid over the incidents table. */
  range: string[];
  /** The instant the range starts at (SQL), or null without `from`. */
  start: string | null;
}

/** Filters must name known dimensions (the request parser checks; this is the compiler's guard). */
export function cohortScope(request: MetricRequest, entity: Entity, params: Params): CohortScope {
  const cohort = COHORT_COLUMN[entity][request.cohort];
  const where = [`${cohort} IS NOT NULL`];
  if (!request.include_drills) where.push('NOT is_drill');
  // Scheduled maintenance (status pages) is announced work, not an incident: never counted.
  if (entity === 'incidents') where.push("NOT list_contains(quality_flags, 'maintenance')");
  const range: string[] = [];
  const start = request.from ? `timezone(${params.ref('tz')}, CAST(${params.bind(request.from)} AS TIMESTAMP))` : null;
  if (start) range.push(`${cohort} >= ${start}`);
  if (request.to) range.push(`${cohort} < timezone(${params.ref('tz')}, CAST(${params.bind(request.to)} AS TIMESTAMP))`);
  where.push(...range);
  const filters = Object.entries(request.filters).map(([id, values]) => {
    const dimension = findDimension(id);
    if (!dimension) throw new Error(`Unknown dimension "${id}" in filter reached the compiler.`);
    return `${params.resolve(dimension.expr)} IN (${values.map((value) => params.bind(value)).join(', ')})`;
  });
  return { cohort, where: [...where, ...filters], filters, range, start };
}

/**
 * `filtered`: the cohort's rows with their bucket's key (`__bucket`, see bucketOf) when a grain
 * is given, their dimension values (`__d0`, `__d1`) and `extra` columns (`SQL AS name`).
 */
export function filteredCte(scope: CohortScope, bucketKey: string | null, dimExprs: readonly string[], extra: readonly string[] = []): string {
  const dims = dimExprs.map((expr, i) => `, ${expr} AS __d${i}`).join('');
  const more = extra.map((column) => `, ${column}`).join('');
  return `filtered AS (SELECT *${bucketKey ? `, ${bucketKey} AS __bucket` : ''}${dims}${more} FROM base WHERE ${scope.where.join(' AND ')})`;
}

/**
 * The bucket an instant falls in (grain from the GRAINS allow-list): `key`, computed per row and
 * grouped by, and `start(key)`, the bucket's local start as a TIMESTAMP, computed once per group.
 * In UTC the local time is the stored instant itself, read as a plain TIMESTAMP from its
 * microseconds instead of through the time-zone library (timezone() costs ~150 ns a row), and
 * the key is the cheapest exact one: a month is year × 12 + month − 1, a year the year, a day
 * the DATE — date_trunc costs about twice as much a row (a twelve-month trend of 1,000,000
 * incidents: ~30% of its CPU). Week and quarter keep date_trunc (no cheaper exact key measured).
 * ±infinity (which epoch_us cannot express) has a NULL key in UTC and no bucket in any zone: no
 * period starts at infinity, so such a row is in no period either way.
 */
export interface Bucket {
  key: string;
  start(key: string): string;
}

export function bucketOf(grain: string | null, column: string, params: Params): Bucket | null {
  if (!grain) return null;
  const same = (key: string) => key;
  if (params.peek('tz') !== 'UTC') return { key: `date_trunc('${grain}', timezone(${params.ref('tz')}, ${column}))`, start: same };
  const t = `make_timestamp(epoch_us(${column}))`;
  switch (grain) {
    case 'day': return { key: `CAST(${t} AS DATE)`, start: (key) => `CAST(${key} AS TIMESTAMP)` };
    case 'month': return { key: `year(${t}) * 12 + month(${t}) - 1`, start: (key) => `make_timestamp(${key} // 12, ${key} % 12 + 1, 1, 0, 0, 0)` };
    case 'year': return { key: `year(${t})`, start: (key) => `make_timestamp(${key}, 1, 1, 0, 0, 0)` };
    default: return { key: `date_trunc('${grain}', ${t})`, start: same };
  }
}
