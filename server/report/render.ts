/**
 * A report in the format asked for: the model (queries/report.ts) rendered as JSON, HTML,
 * PDF (the HTML printed by Chromium), Markdown or XLSX, with its content type and a file name
 * that states the scope and period. The web page, `hindsight report` and GET /api/report all
 * come through here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../../queries/compile/context.ts';
import { buildReport, type Report, type ReportRequest } from '../../queries/report.ts';
import { reportIncidentRows } from '../../queries/report/rows.ts';
import type { Target } from '../../queries/targets/target.ts';
import { XLSX_TYPE } from '../export/xlsx.ts';
import { renderReportHtml } from './html.ts';
import { renderReportMarkdown } from './markdown.ts';
import { htmlToPdf } from './pdf.ts';
import { renderReportXlsx } from './xlsx.ts';

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'xlsx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  xlsx: XLSX_TYPE,
  json: 'application/json; charset=utf-8',
};

export interface RenderedReport {
  report: Report;
  body: Buffer;
  contentType: string;
  filename: string;
}

export interface RenderOptions {
  /** Chromium executable for PDF (server/report/pdf.ts chromiumPath). */
  chromium: string;
}

export async function renderReport(connection: DuckDBConnection, request: ReportRequest, format: ReportFormat, targets: readonly Target[], context: CompileContext, options: RenderOptions): Promise<RenderedReport> {
  const report = await buildReport(connection, request, targets, context);
  let body: Buffer;
  if (format === 'json') body = Buffer.from(JSON.stringify(report));
  else if (format === 'html') body = Buffer.from(renderReportHtml(report));
  else if (format === 'md') body = Buffer.from(renderReportMarkdown(report));
  else if (format === 'pdf') body = await htmlToPdf(renderReportHtml(report), options.chromium);
  else body = await renderReportXlsx(report, await reportIncidentRows(connection, request.scope, context));
  return { report, body, contentType: TYPES[format], filename: reportFilename(request, format) };
}

/** `hindsight-report-2026-10.html`, `hindsight-report-2026-Q4-SEV1-with-drills.pdf`. */
export function reportFilename(request: ReportRequest, format: ReportFormat): string {
  const parts = ['hindsight', 'report', request.period.replace('..', '_to_')];
  for (const id of Object.keys(request.scope.filters).sort()) parts.push(...request.scope.filters[id]!.map((value) => value.replace(/[^A-Za-z0-9._]+/g, '_')));
  if (request.scope.include_drills) parts.push('with-drills');
  if (request.scope.clock === 'business') parts.push('business-hours');
  return `${parts.join('-')}.${format}`;
}
