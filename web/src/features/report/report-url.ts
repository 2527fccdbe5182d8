// The Report page's state and its links: the period (in the page URL as `period=2026-10`,
// `2026-Q4` or `2026`) and the global filters' scope become GET /api/report URLs, one per
// format. Pure, so the links are tested without a browser. The report reads its own period,
// so the filters' from/to are not sent.
import type { GlobalFilters } from '../../lib/filters.ts';
import { requestParams } from '../../lib/filters.ts';

export type PeriodKind = 'month' | 'quarter' | 'year';
export const REPORT_FILE_FORMATS = [
  { format: 'html', label: 'HTML' },
  { format: 'pdf', label: 'PDF' },
  { format: 'md', label: 'Markdown' },
  { format: 'xlsx', label: 'Excel (XLSX)' },
] as const;

/** The kind of a period text, or null when it is not one the report takes. */
export function periodKind(period: string): PeriodKind | null {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}$/.test(period)) return 'year';
  return null;
}

/** The last whole period of a kind before `today` (a local date 'YYYY-MM-DD'): what a review usually covers. */
export function previousPeriod(kind: PeriodKind, today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  if (kind === 'year') return String(year - 1);
  if (kind === 'quarter') {
    const q = Math.floor((month - 1) / 3); // 0-based current quarter
    return q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`;
  }
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** GET /api/report for the period and scope, in `format` (json when left out). */
export function reportUrl(period: string, filters: GlobalFilters, format?: string): string {
  const { from: _from, to: _to, filter, ...rest } = requestParams(filters);
  const search = new URLSearchParams({ period });
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) search.set(key, String(value));
  for (const item of filter ?? []) search.append('filter', item);
  if (format) search.set('format', format);
  return `/api/report?${search.toString()}`;
}
