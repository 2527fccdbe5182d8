/**
 * GET /api/metrics?metric=mttr&by=severity&grain=month&from=&to=&tz=&cohort=&include_drills=&filter=dim=value
 * Parses the request with the same parser as the CLI; an unknown metric, dimension or value is a
 * 400 whose message lists the allowed values.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { parseMetricRequest } from '../../queries/request.ts';
import { runMetrics } from '../../queries/run.ts';
import type { AppDeps } from '../deps.ts';

export function metricsRoutes(deps: AppDeps) {
  return new Hono().get(
    '/metrics',
    validator('query', (query, c) => {
      const one = (key: string) => {
        const value = query[key];
        return Array.isArray(value) ? value.join(',') : value;
      };
      const filter = query.filter;
      const { request, errors } = parseMetricRequest({
        metric: one('metric'),
        by: one('by'),
        grain: one('grain'),
        tz: one('tz'),
        from: one('from'),
        to: one('to'),
        cohort: one('cohort'),
        include_drills: one('include_drills'),
        filter: filter === undefined ? [] : Array.isArray(filter) ? filter : [filter],
      });
      if (errors.length > 0) return c.json({ error: errors.join(' ') }, 400);
      return request;
    }),
    async (c) => c.json(await runMetrics(deps.db.connection, c.req.valid('query'))),
  );
}
