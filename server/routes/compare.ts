/**
 * GET /api/compare?metric=mttr[,count,reopen]&by=team&period=2026-10   (vs the previous period)
 * GET /api/compare?metric=mttr&from=2026-01-01&to=2026-04-01           (vs the same length before)
 * GET /api/compare?metric=mttr&around=2026-03-02&days=90               (before/after a change)
 * plus tz, cohort, include_drills, filter, clock, exclude_on_hold. Durations, counts and rates
 * (queries/compare/run.ts). Answers per metric its `kind` and rows (values, n, the change with
 * its interval, p-value, verdict, sentence); durations add the severity-mix split; for `around`,
 * each severity and the stratified test. The cache key holds the context, whose clock is
 * truncated to the minute, so a count over a window that contains now is recomputed each minute.
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
