/**
 * A file name that says what is in the file: scope (metric, filters, drills) and period, e.g.
 * `hindsight-incidents-mttr-SEV1-2026-10.csv`, so a folder of exports explains itself.
 */
import type { MetricRequest } from '../../queries/request.ts';

export function exportFilename(request: MetricRequest, metric: string | null, ext: string): string {
  const parts = ['hindsight', 'incidents', metric ?? 'all'];
  for (const id of Object.keys(request.filters).sort()) parts.push(...request.filters[id]!.map((value) => safe(value)));
  if (request.include_drills) parts.push('with-drills');
  parts.push(periodLabel(request.from, request.to));
  return `${parts.filter((p) => p !== '').join('-')}.${ext}`;
}

/** `2026-10` for a whole month, `2026` for a whole year, else `from_to` (to exclusive), or `all-time`. */
export function periodLabel(from: string | null, to: string | null): string {
  if (!from && !to) return 'all-time';
  if (from && to) {
    const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
    const next = fm === 12 ? `${fy + 1}-01-01` : `${fy}-${String(fm + 1).padStart(2, '0')}-01`;
    if (fd === 1 && to === next) return from.slice(0, 7);
    if (fd === 1 && fm === 1 && to === `${fy + 1}-01-01`) return String(fy);
    return `${from}_to_${to}`;
  }
  return from ? `from_${from}` : `until_${to}`;
}

function safe(value: string): string {
  return value.replace(/[^A-Za-z0-9._]+/g, '_');
}
