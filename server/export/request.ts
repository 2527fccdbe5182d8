/**
 * An export request: the incident-list request (the same parameters as GET /api/incidents, so
 * an export holds exactly the rows behind the number on screen) plus the file format. Parsed
 * the same way for the HTTP query and the CLI flags; every problem is one sentence.
 */
import { findMetric } from '../../queries/metrics/catalog.ts';
import { compileIncidentList, type CompiledList } from '../../queries/incidents-list.ts';
import type { CompileContext } from '../../queries/compile/context.ts';
import { parseMetricRequest, type MetricRequest, type RawMetricRequest } from '../../queries/request.ts';
import { exportFilename } from './filename.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'parquet', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RawExportRequest extends RawMetricRequest {
  format?: string | undefined;
  bom?: string | boolean | undefined;
  sort?: string | undefined;
  dir?: string | undefined;
  q?: string | undefined;
}

export interface ExportPlan {
  format: ExportFormat;
  /** CSV only: a UTF-8 byte-order mark, so Excel reads the file as UTF-8. */
  bom: boolean;
  filename: string;
  list: CompiledList;
  request: MetricRequest;
  /** The metric whose population is exported; null: the whole cohort. */
  metric: string | null;
  /** True when the `value` column is a duration in seconds (a duration metric's population). */
  valueIsSeconds: boolean;
}

const TRUE = new Set(['1', 'true', 'yes']);

/** Returns the plan, or throws nothing: errors are collected for a 400 / exit 2. */
export function planExport(raw: RawExportRequest, context: CompileContext): { plan: ExportPlan | null; errors: string[] } {
  const metric = raw.metric && raw.metric !== '' ? raw.metric : null;
  const { request, errors } = parseMetricRequest({ ...raw, metric: metric ?? 'count' });
  if (metric?.includes(',')) errors.push('metric takes one metric here: an export holds the population of one number.');
  if (raw.grain) errors.push('export has no grain: it lists incidents, not periods; use from and to for the period.');
  const format = raw.format ?? '';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) errors.push(`format must be one of ${EXPORT_FORMATS.join(', ')}, got "${format}".`);
  if (raw.dir !== undefined && raw.dir !== 'asc' && raw.dir !== 'desc') errors.push(`dir must be asc or desc, got "${raw.dir}".`);
  if (errors.length) return { plan: null, errors };
  const list = compileIncidentList({
    request, metric, ...(raw.sort ? { sort: raw.sort } : {}), ...(raw.q ? { q: raw.q } : {}),
    // Oldest first by default: a file is read top to bottom, unlike the newest-first screen list.
    dir: raw.dir === 'desc' ? 'desc' : 'asc',
  }, context);
  if (list.errors.length) return { plan: null, errors: list.errors };
  const bom = raw.bom === true || (typeof raw.bom === 'string' && TRUE.has(raw.bom.toLowerCase()));
  const typed = format as ExportFormat;
  return { plan: { format: typed, bom, filename: exportFilename(request, metric, typed), list, request, metric, valueIsSeconds: metric !== null && findMetric(metric)?.kind === 'duration' }, errors: [] };
}
