/**
 * GET /api/compare?metric=mttr[,mtta]&by=team&period=2026-10           (vs the previous period)
 * GET /api/compare?metric=mttr&from=2026-01-01&to=2026-04-01           (vs the same length before)
 * GET /api/compare?metric=mttr&around=2026-03-02&days=90               (before/after a change)
 * plus tz, cohort, include_drills, filter, clock, exclude_on_hold. Answers per metric the rows
 * (medians, n, ratio and interval, p-value, verdict, minimum detectable change, sentence), the
 * severity-mix split and, for `around`, each severity and the stratified test.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { parseCompareRequest } from '../../queries/compare/request.ts';
import { runCompare } from '../../queries/compare/run.ts';
import { InputError } from '../../queries/errors.ts';
import type { AppDeps } from '../deps.ts';
import { answerKey, cacheOf, requestContext } from './context.ts';
import { gatherQuery, type RequestQuery } from './request-query.ts';

export interface CompareQuery extends RequestQuery {
  period?: string;
  around?: string;
  days?: string;
}

export function compareRoutes(deps: AppDeps) {
  return new Hono().get(
    '/compare',
    validator('query', (query): CompareQuery => {
      const one = (key: string) => (Array.isArray(query[key]) ? (query[key] as string[]).join(',') : (query[key] as string | undefined));
      return { ...gatherQuery(query), period: one('period'), around: one('around'), days: one('days') };
    }),
    async (c) => {
      const query = c.req.valid('query');
      const filter = query.filter === undefined ? [] : Array.isArray(query.filter) ? query.filter : [query.filter];
      const { compare, errors } = parseCompareRequest({ ...query, filter });
      if (!compare) throw new InputError(errors.join(' '));
      const context = requestContext(deps);
      const { connection } = deps.db;
      return c.json(await cacheOf(deps).remember(connection, answerKey('compare', compare, context), () => runCompare(connection, compare, context)), 200);
    },
  );
}
