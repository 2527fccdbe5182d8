/**
 * GET /api/report?period=2026-10[&format=json|html|pdf|md|xlsx][&filter=severity=SEV1 ...]
 * GET /api/report?from=2026-10-01&to=2026-10-15&format=html
 * plus tz, cohort, include_drills, clock, exclude_on_hold: the continuous-improvement report for
 * the period and scope (queries/report.ts), as JSON (default, what the Report page renders) or a
 * file download named for its scope and period. Bad parameters: 400 with one sentence each.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { InputError } from '../../queries/errors.ts';
import { parseReportRequest, type Report } from '../../queries/report.ts';
import type { AppDeps } from '../deps.ts';
import { chromiumPath } from '../report/pdf.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/render.ts';
import { answerKey, cacheOf, configOf, requestContext } from './context.ts';
import { gatherQuery, type RequestQuery } from './request-query.ts';

export interface ReportQuery extends Omit<RequestQuery, 'metric' | 'by' | 'grain'> {
  period?: string;
  format?: string;
}

export function reportRoutes(deps: AppDeps) {
  return new Hono().get(
    '/report',
    validator('query', (query): ReportQuery => {
      const one = (key: string) => (Array.isArray(query[key]) ? (query[key] as string[]).join(',') : (query[key] as string | undefined));
      const { metric: _metric, by: _by, grain: _grain, ...rest } = gatherQuery(query);
      return { ...rest, period: one('period'), format: one('format') };
    }),
    async (c) => {
      const query = c.req.valid('query');
      const filter = query.filter === undefined ? [] : Array.isArray(query.filter) ? query.filter : [query.filter];
      const format = (query.format ?? 'json') as ReportFormat;
      const { report, errors } = parseReportRequest({ ...query, filter });
      if (!REPORT_FORMATS.includes(format)) errors.push(`Unknown format "${query.format}"; allowed formats: ${REPORT_FORMATS.join(', ')}.`);
      if (!report || errors.length) throw new InputError(errors.join(' '));
      const context = requestContext(deps);
      const config = configOf(deps);
      const { connection } = deps.db;
      if (format === 'json') {
        const model = await cacheOf(deps).remember(connection, answerKey('report', report, config.targets, context), async () =>
          (await renderReport(connection, report, 'json', config.targets, context, { chromium: chromiumPath(config.chromium) })).report);
        return c.json(model as Report, 200);
      }
      const rendered = await renderReport(connection, report, format, config.targets, context, { chromium: chromiumPath(config.chromium) });
      return c.body(new Uint8Array(rendered.body), 200, {
        'Content-Type': rendered.contentType,
        'Content-Disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${rendered.filename}"`,
        'Cache-Control': 'no-store',
      });
    },
  );
}
