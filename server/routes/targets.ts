/**
 * GET /api/targets?grain=month&from=&to=&tz=&cohort=&include_drills=&filter=dim=value
 * Attainment of the targets in hindsight.yaml, per period: status (met | missed | not enough
 * data | undecided), value with its 95% interval, n, hits, misses, pending, and one sentence.
 * A dedicated query (not a catalog metric) because targets come from the configuration and are
 * judged per incident with intervals, which a SQL aggregate cannot give.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { targetAttainment } from '../../queries/targets/attainment.ts';
import type { AppDeps } from '../deps.ts';
import { answerKey, cacheOf, configOf, requestContext } from './context.ts';
import { gatherQuery, requestFrom, type RequestQuery } from './request-query.ts';

export function targetsRoutes(deps: AppDeps) {
  return new Hono().get(
    '/targets',
    validator('query', (query): Omit<RequestQuery, 'metric' | 'by'> => gatherQuery(query)),
    async (c) => {
      const request = requestFrom({ ...c.req.valid('query'), metric: 'count' });
      const context = requestContext(deps);
      const { targets } = configOf(deps);
      const { connection } = deps.db;
      const result = await cacheOf(deps).remember(connection, answerKey('targets', request, targets, context), () => targetAttainment(connection, request, targets, context));
      return c.json(result, 200);
    },
  );
}
