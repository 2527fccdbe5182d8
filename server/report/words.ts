/**
 * The report's numbers in words, shared by every render (HTML, Markdown, XLSX headers, emails)
 * so a figure reads the same everywhere: values in their declared format (web/src/lib/format.ts,
 * the dashboard's own), changes as signed percentages, and verdicts with their n.
 */
import type { MetricChange } from '../../queries/report/types.ts';
import { MISSING, formatDateTime, formatValue } from '../../web/src/lib/format.ts';

export { MISSING, formatDateTime, formatValue };

export function formatChange(change: MetricChange): string {
  if (change.value === null || change.previous === null) return MISSING;
  if (change.format === 'percent') {
    const points = (change.value - change.previous) * 100;
    return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(Math.abs(points) < 10 ? 1 : 0)} pts`;
  }
  if (change.relative_change === null) return MISSING;
  const pct = Math.round(change.relative_change * 100);
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct)}%`;
}

/** "no detectable change (n = 117 vs 112)", or "not tested (n = …)" when the engine has no verdict for it. */
export function verdictText(change: MetricChange): string {
  return `${change.verdict ?? 'not tested'} (n = ${change.n} vs ${change.previous_n})`;
}

/** "MTTR (median)", "Incidents", "Reopen rate". */
export function changeLabel(change: MetricChange): string {
  return ['median', 'count', 'rate', 'mean'].includes(change.aggregate) ? change.label : `${change.label} (${change.aggregate})`;
}

export function shareText(value: number | null): string {
  return formatValue(value, 'percent');
}

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
