/**
 * GET /api/incidents — the incidents behind a number, as an Arrow IPC stream whose schema is
 * declared from the DuckDB column types (timestamps stay timestamps). Same request parameters
 * as GET /api/metrics (from, to, tz, cohort, include_drills, clock, exclude_on_hold, filter=dim=value), plus:
 *   metric  the metric whose population to list (default: the whole cohort, what `count` counts)
 *   sort    a list column (default opened_at), dir asc|desc (default desc)
 *   q       case-insensitive search in id, title, service, team, assignee
 *   limit   at most this many rows (default: all)
 * The row count is also sent up front in the `Hindsight-Row-Count` header.
 *
 * GET /api/incidents/:source/:id — one incident with its timeline and action items (JSON).
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { ARROW_STREAM_TYPE, queryArrow } from '../../queries/arrow.ts';
import { incidentDetail } from '../../queries/incident-detail.ts';
import { compileIncidentList } from '../../queries/incidents-list.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import type { AppDeps } from '../deps.ts';
import { requestContext } from './context.ts';

/** The query string as it travels; `filter` repeatable. */
export interface IncidentsQuery {
  metric?: string;
  from?: string;
  to?: string;
  tz?: string;
  cohort?: string;
  include_drills?: string;
  clock?: string;
  exclude_on_hold?: string;
  filter?: string | string[];
  sort?: string;
  dir?: string;
  q?: string;
  limit?: string;
}

export const ROW_COUNT_HEADER = 'Hindsight-Row-Count';

export function incidentsRoutes(deps: AppDeps) {
  return new Hono()
    .get(
      '/incidents',
      validator('query', (query): IncidentsQuery => {
        const one = (key: string) => {
          const value = query[key];
          return Array.isArray(value) ? value.join(',') : value;
        };
        return {
          metric: one('metric'), from: one('from'), to: one('to'), tz: one('tz'), cohort: one('cohort'),
          include_drills: one('include_drills'), clock: one('clock'), exclude_on_hold: one('exclude_on_hold'), filter: query.filter, sort: one('sort'), dir: one('dir'), q: one('q'), limit: one('limit'),
        };
      }),
      async (c) => {
        const query = c.req.valid('query');
        const filter = query.filter === undefined ? [] : Array.isArray(query.filter) ? query.filter : [query.filter];
        const metric = query.metric && query.metric !== '' ? query.metric : null;
        const { request, errors } = parseMetricRequest({ ...query, metric: metric ?? 'count', filter });
        if (metric?.includes(',')) errors.push('metric takes one metric here: the list is the population of one number.');
        if (query.dir !== undefined && query.dir !== 'asc' && query.dir !== 'desc') errors.push(`dir must be asc or desc, got "${query.dir}".`);
        const limit = query.limit === undefined || query.limit === '' ? null : Number(query.limit);
        if (limit !== null && !(Number.isInteger(limit) && limit > 0)) errors.push(`limit must be a positive whole number, got "${query.limit}".`);
        if (errors.length > 0) return c.json({ error: errors.join(' ') }, 400);
        const list = compileIncidentList({
          request, metric, limit, ...(query.sort ? { sort: query.sort } : {}), ...(query.q ? { q: query.q } : {}),
          ...(query.dir === 'asc' || query.dir === 'desc' ? { dir: query.dir } : {}),
        }, requestContext(deps));
        if (list.errors.length > 0) return c.json({ error: list.errors.join(' ') }, 400);
        const { rowCount, stream } = await queryArrow(deps.db.connection, list.sql, list.params);
        return c.body(stream(), 200, { 'Content-Type': ARROW_STREAM_TYPE, [ROW_COUNT_HEADER]: String(rowCount), 'Cache-Control': 'no-store' });
      },
    )
    .get('/incidents/:source/:id', async (c) => {
      const { source, id } = c.req.param();
      const detail = await incidentDetail(deps.db.connection, source, id);
      if (!detail) return c.json({ error: `No incident ${id} from source ${source}.` }, 404);
      return c.json(detail, 200);
    });
}
