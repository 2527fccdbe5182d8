/**
 * GET /api/survival?metric=mttr&by=severity&from=&to=&tz=&cohort=&include_drills=&filter=&clock=&exclude_on_hold=
 * Kaplan–Meier curve of a duration metric (default mttr) with still-open incidents censored at
 * now: per group (at most one dimension) n, events, censored, the median and its interval, and
 * the steps (thinned to about 500 points; see queries/survival-curve.ts).
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { runSurvival } from '../../queries/survival-curve.ts';
import type { AppDeps } from '../deps.ts';
import { answerKey, cacheOf, requestContext } from './context.ts';
import { gatherQuery, requestFrom, type RequestQuery } from './request-query.ts';

export function survivalRoutes(deps: AppDeps) {
  return new Hono().get(
    '/survival',
    validator('query', (query): RequestQuery => gatherQuery(query)),
    async (c) => {
      const request = requestFrom(c.req.valid('query'), { metric: 'mttr' });
      const context = requestContext(deps);
      const { connection } = deps.db;
      return c.json(await cacheOf(deps).remember(connection, answerKey('survival', request, context), () => runSurvival(connection, request, context)), 200);
    },
  );
}
