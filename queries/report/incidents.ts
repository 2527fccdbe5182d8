/**
 * The incidents a review talks about by name: recurring service + root-cause pairs, and the
 * notable ones (highest severity, longest to resolve, over a target's threshold). Every query
 * reads the compiled population (population.ts) — the same rows the metric counts, on the
 * report's clock — and adds only a selection on top, with every value bound.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import { compilePopulation } from '../population.ts';
import type { MetricRequest } from '../request.ts';
import { describeTarget, type Target } from '../targets/target.ts';
import type { IncidentRef, NotableIncident, RecurringGroup } from './types.ts';

const REF = `source, external_id, title, severity, service, strftime(opened_at, '%Y-%m-%dT%H:%M:%SZ') AS opened_at, url`;

/** How many recurring groups and longest incidents a report names; the rest are counted. */
export const REPORT_LIST_LIMIT = 10;

async function select(connection: DuckDBConnection, request: MetricRequest, metric: string | null, context: CompileContext, tail: (bind: (value: string | number) => string) => string) {
  const population = compilePopulation(request, metric, context);
  if (population.errors.length || !population.params) throw new Error(`Report population for ${metric ?? 'count'}: ${population.errors.join(' ')}`);
  const params = population.params;
  // `tail` may add CTEs after the population's (it starts with a comma) or be the final SELECT.
  const rest = tail((value) => params.bind(value));
  const sql = `${population.ctes}${rest.startsWith(',') ? '' : '\n'}${rest}`;
  return (await connection.runAndReadAll(sql, params.values)).getRowObjectsJson();
}

const ref = (row: Record<string, unknown>, seconds: number | null = null): IncidentRef => ({
  source: String(row.source), external_id: String(row.external_id), title: row.title === null ? null : String(row.title),
  severity: row.severity === null ? null : String(row.severity), service: row.service === null ? null : String(row.service),
  opened_at: row.opened_at === null ? null : String(row.opened_at), time_to_resolve: seconds, url: row.url === null ? null : String(row.url),
});

/** Service and root-cause pairs seen more than once in the period, most frequent first. */
export async function recurringGroups(connection: DuckDBConnection, request: MetricRequest, context: CompileContext): Promise<RecurringGroup[]> {
  // The top pairs first, then the incidents of those pairs only (at most REPORT_LIST_LIMIT each):
  // listing every pair's incidents before the LIMIT would build lists for the whole month.
  const rows = await select(connection, request, null, context, (bind) => `,
top AS (
  SELECT service, root_cause, count(*)::INTEGER AS n FROM population WHERE service IS NOT NULL AND root_cause IS NOT NULL
  GROUP BY service, root_cause HAVING count(*) >= 2 ORDER BY n DESC, service, root_cause LIMIT ${bind(REPORT_LIST_LIMIT)}
)
SELECT t.service, t.root_cause, t.n,
       to_json(list({'source': p.source, 'external_id': p.external_id, 'title': p.title, 'severity': p.severity, 'service': p.service,
                     'opened_at': strftime(p.opened_at, '%Y-%m-%dT%H:%M:%SZ'), 'url': p.url} ORDER BY p.opened_at, p.external_id)[1:${bind(REPORT_LIST_LIMIT)}])::VARCHAR AS refs
FROM top t JOIN population p ON p.service = t.service AND p.root_cause = t.root_cause
GROUP BY t.service, t.root_cause, t.n ORDER BY t.n DESC, t.service, t.root_cause`);
  return rows.map((row) => ({
    service: String(row.service), root_cause: String(row.root_cause), count: Number(row.n),
    incidents: (JSON.parse(String(row.refs)) as Array<Record<string, unknown>>).map((item) => ref(item)),
  }));
}

/**
 * Notable incidents: every one of the highest severity rank (1), the longest to resolve, and
 * those over a per-severity target's threshold. An incident listed for several reasons appears
 * once with all of them. Time to resolve is the MTTR population's own value (report clock).
 */
export async function notableIncidents(connection: DuckDBConnection, request: MetricRequest, targets: readonly Target[], context: CompileContext): Promise<NotableIncident[]> {
  const found = new Map<string, NotableIncident>();
  const add = (row: Record<string, unknown>, reason: string, seconds: number | null) => {
    const key = JSON.stringify([row.source, row.external_id]);
    const item = found.get(key) ?? { ...ref(row), reasons: [] };
    if (seconds !== null && item.time_to_resolve === null) item.time_to_resolve = seconds;
    if (!item.reasons.includes(reason)) item.reasons.push(reason);
    found.set(key, item);
  };
  // The lists are read together and merged in this order (the order decides which reason and
  // time to resolve an incident listed twice keeps).
  // Capped: a month with hundreds of top-severity incidents is told by the severity mix, not a list.
  const overTargets = targets
    // A severity filter the user already narrowed away from leaves nothing to list.
    .filter((target) => !(target.severity && request.filters.severity && !request.filters.severity.some((value) => value.toLowerCase() === target.severity!.toLowerCase())))
    .map((target) => {
      const scoped = target.severity ? { ...request, filters: { ...request.filters, severity: [target.severity] } } : request;
      return { target, rows: select(connection, scoped, target.metric, context, (bind) =>
        `SELECT ${REF}, __value FROM population WHERE __value > ${bind(target.threshold)} ORDER BY __value DESC, external_id LIMIT ${bind(REPORT_LIST_LIMIT)}`) };
    });
  const [top, longest, ...over] = await Promise.all([
    select(connection, request, null, context, (bind) => `SELECT ${REF} FROM population WHERE severity_rank = 1 ORDER BY opened_at, external_id LIMIT ${bind(5 * REPORT_LIST_LIMIT)}`),
    select(connection, request, 'mttr', context, (bind) => `SELECT ${REF}, __value FROM population ORDER BY __value DESC, external_id LIMIT ${bind(5)}`),
    ...overTargets.map(({ rows }) => rows),
  ]);
  for (const row of top!) add(row, 'highest severity', null);
  for (const row of longest!) add(row, 'longest to resolve', Number(row.__value));
  overTargets.forEach(({ target }, i) => {
    for (const row of over[i]!) add(row, `over target: ${describeTarget(target)}`, target.metric === 'mttr' ? Number(row.__value) : null);
  });
  // Fill in time to resolve for the listed incidents that have one (resolved on the report's clock).
  const missing = [...found.values()].filter((item) => item.time_to_resolve === null);
  if (missing.length) {
    const rows = await select(connection, request, 'mttr', context, (bind) =>
      `SELECT source, external_id, __value FROM population WHERE (source, external_id) IN (${missing.map((item) => `(${bind(item.source)}, ${bind(item.external_id)})`).join(', ')})`);
    for (const row of rows) {
      const item = found.get(JSON.stringify([row.source, row.external_id]));
      if (item) item.time_to_resolve = Number(row.__value);
    }
  }
  const rank = (item: NotableIncident) => (item.reasons.includes('highest severity') ? 0 : 1);
  return [...found.values()].sort((a, b) => rank(a) - rank(b) || (b.time_to_resolve ?? Infinity) - (a.time_to_resolve ?? Infinity) || a.external_id.localeCompare(b.external_id));
}
