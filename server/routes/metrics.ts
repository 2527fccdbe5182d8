/**
 * GET /api/metrics?metric=mttr&by=severity&grain=month&from=&to=&tz=&cohort=&include_drills=&filter=dim=value
 *   [&clock=business][&exclude_on_hold=true][&intervals=true (each duration median's 95% interval)]
 * The validator only gathers the wire's strings (so the typed client sends exactly these
 * names); the handler parses them with the same parser as the CLI. Answers are cached per data
 * version (queries/cache.ts). An unknown metric,
 * dimension or value is a 400 whose message lists the allowed values.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { parseMetricRequest } from '../../queries/request.ts';
import { readsReviewCutoff, withSnappedReviewCutoff } from '../../queries/review-cutoff.ts';
import { metricsKey, runMetrics } from '../../queries/run.ts';
import type { AppDeps } from '../deps.ts';
import { cacheOf, requestContext } from './context.ts';

/** The query string as it travels: lists comma-separated, `filter` repeatable. */
export interface MetricsQuery {
  metric: string;
  by?: string;
  grain?: string;
  from?: string;
  to?: string;
  tz?: string;
  cohort?: string;
  include_drills?: string;
  /** wall (default) or business. */
  clock?: string;
  /** true: on-hold time left out of durations. */
  exclude_on_hold?: string;
  /** true: `<metric>_ci_low` / `<metric>_ci_high` beside each duration's median. */
  intervals?: string;
  filter?: string | string[];
}

export function metricsRoutes(deps: AppDeps) {
  return new Hono().get(
    '/metrics',
    validator('query', (query): MetricsQuery => {
      const one = (key: string) => {
        const value = query[key];
        return Array.isArray(value) ? value.join(',') : value;
      };
      return {
        metric: one('metric') ?? '',
        by: one('by'),
        grain: one('grain'),
        from: one('from'),
        to: one('to'),
        tz: one('tz'),
        cohort: one('cohort'),
        include_drills: one('include_drills'),
        clock: one('clock'),
        exclude_on_hold: one('exclude_on_hold'),
        intervals: one('intervals'),
        filter: query.filter,
      };
    }),
    async (c) => {
      const query = c.req.valid('query');
      const filter = query.filter === undefined ? [] : Array.isArray(query.filter) ? query.filter : [query.filter];
      const { request, errors } = parseMetricRequest({ ...query, filter });
      if (errors.length > 0) return c.json({ error: errors.join(' ') }, 400);
      const { connection } = deps.db;
      const clock = requestContext(deps);
      const context = readsReviewCutoff(request.metrics) ? await withSnappedReviewCutoff(connection, clock) : clock;
      return c.json(await cacheOf(deps).remember(connection, metricsKey(request, context), () => runMetrics(connection, request, context)), 200);
    },
  );
}
