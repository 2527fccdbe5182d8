/**
 * The incident list behind any number: a metric request's cohort (and the metric's population,
 * see population.ts) as rows, sorted and searched in SQL. Only catalog/allow-list identifiers
 * are spliced; the search text and every filter value are bound.
 *
 * Columns keep their DuckDB types (TIMESTAMPTZ stays a timestamp) so queries/arrow.ts can
 * declare the Arrow schema from them. `value` (seconds or a per-incident number) and `hit`
 * (meets the rate's numerator) are present only when the metric has them.
 */
import type { CompileContext } from './compile/context.ts';
import { compilePopulation } from './population.ts';
import type { MetricRequest } from './request.ts';

/** The columns every list row has, in order (the allow-list for `sort`). */
export const LIST_COLUMNS = [
  'source', 'external_id', 'title', 'service', 'team', 'severity', 'status', 'opened_at', 'acknowledged_at',
  'resolved_at', 'is_drill', 'reopen_count', 'escalation_count', 'assignee', 'url',
] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number] | 'value' | 'hit';

export interface ListRequest {
  request: MetricRequest;
  /** The metric whose population to list; null lists the whole cohort (what `count` counts). */
  metric: string | null;
  /** Default opened_at. */
  sort?: string;
  /** Default desc (newest first). */
  dir?: 'asc' | 'desc';
  /** Case-insensitive substring of id, title, service, team or assignee; default none. */
  q?: string;
  /** At most this many rows; default none (the whole population). */
  limit?: number | null;
}

export interface CompiledList {
  sql: string;
  params: Array<string | number | boolean | null>;
  errors: string[];
  /**
   * The parts of `sql` for a query that wraps the list and formats its columns (the CSV export):
   * `select` is `sql` without its ORDER BY and LIMIT, `sort` the order (see listOrder) and
   * `limit` the LIMIT clause ('' when none), so the wrapper sorts once and binds the same params.
   */
  parts?: { select: string; sort: { column: string; dir: 'ASC' | 'DESC' }; limit: string };
}

/**
 * The list's ORDER BY keys, each column prefixed with `qualifier` (e.g. `l.`) when a wrapping
 * query selects from the list under an alias and reuses the column names for formatted values.
 * The key breaks ties so the order (and so the scroll position of a row) is stable.
 */
export function listOrder(sort: { column: string; dir: 'ASC' | 'DESC' }, qualifier = ''): string {
  return `${qualifier}${sort.column} ${sort.dir} NULLS LAST, ${qualifier}source, ${qualifier}external_id`;
}

export function compileIncidentList(list: ListRequest, context?: CompileContext): CompiledList {
  const population = compilePopulation(list.request, list.metric, context);
  const { params } = population;
  if (population.errors.length || !params) return { sql: '', params: [], errors: population.errors };
  const columns: string[] = [...LIST_COLUMNS];
  if (population.value) columns.push('__value AS value');
  if (population.hit) columns.push('__hit AS hit');
  const allowed = new Set<string>([...LIST_COLUMNS, ...(population.value ? ['value'] : []), ...(population.hit ? ['hit'] : [])]);
  const sort = list.sort ?? 'opened_at';
  if (!allowed.has(sort)) return { sql: '', params: [], errors: [`Unknown sort column "${sort}"; allowed: ${[...allowed].join(', ')}.`] };
  const dir = list.dir === 'asc' ? 'ASC' : 'DESC';
  const where: string[] = [];
  const q = list.q?.trim();
  if (q) {
    // contains() rather than ILIKE: a user's % or _ is text, not a wildcard.
    where.push(`contains(lower(concat_ws(' ', external_id, title, service, team, assignee)), lower(${params.bind(q)}))`);
  }
  const limit = list.limit ? ` LIMIT ${params.bind(list.limit)}` : '';
  const order = { column: sort, dir } as const;
  const select = `${population.ctes}
SELECT ${columns.join(', ')} FROM population${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const sql = `${select}
ORDER BY ${listOrder(order)}${limit}`;
  return { sql, params: params.values, errors: [], parts: { select, sort: order, limit } };
}
