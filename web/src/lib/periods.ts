// Calendar arithmetic on local dates 'YYYY-MM-DD' (no time zone involved: the server reads
// them in the request's zone). Pure; dates are handled as UTC midnights only to count days, so
// the machine's zone can never shift a day.
import type { Grain } from './api.ts';

const DAY = 86_400_000;

export function parseDate(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY);
}

export function addMonths(date: string, months: number): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return formatDate(Date.UTC(y, m - 1 + months, d));
}

/** The end (exclusive) of the bucket starting at `period`. */
export function periodEnd(period: string, grain: Grain): string {
  switch (grain) {
    case 'day': return addDays(period, 1);
    case 'week': return addDays(period, 7);
    case 'month': return addMonths(period, 1);
    case 'quarter': return addMonths(period, 3);
    case 'year': return addMonths(period, 12);
  }
}

/** [from, to) of one bucket, clipped to the range the filters already ask for. */
export function bucketRange(period: string, grain: Grain, from: string | null, to: string | null): { from: string; to: string } {
  const end = periodEnd(period, grain);
  return { from: from && from > period ? from : period, to: to && to < end ? to : end };
}

const isMonthStart = (date: string) => date.endsWith('-01');

/**
 * The period just before [from, to) of the same length: whole calendar months when the range is
 * whole months (October vs September, not 31 vs 30 days), else the same number of days.
 * Null when the range is open at either end (there is nothing to compare with).
 */
export function previousRange(from: string | null, to: string | null): { from: string; to: string } | null {
  if (!from || !to) return null;
  if (isMonthStart(from) && isMonthStart(to)) {
    const months = monthsBetween(from, to);
    return { from: addMonths(from, -months), to: from };
  }
  const days = Math.round((parseDate(to) - parseDate(from)) / DAY);
  return { from: addDays(from, -days), to: from };
}

function monthsBetween(from: string, to: string): number {
  const [fy = 0, fm = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

export interface RangePreset {
  id: string;
  label: string;
  from: string | null;
  to: string | null;
}

/** Range presets relative to `today` (a local date): whole months, so comparisons are fair. */
export function rangePresets(today: string): RangePreset[] {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const next = addMonths(thisMonth, 1);
  return [
    { id: 'all', label: 'All data', from: null, to: null },
    { id: 'this-month', label: 'This month', from: thisMonth, to: next },
    { id: 'last-month', label: 'Last month', from: addMonths(thisMonth, -1), to: thisMonth },
    { id: 'last-3', label: 'Last 3 months', from: addMonths(thisMonth, -3), to: thisMonth },
    { id: 'last-12', label: 'Last 12 months', from: addMonths(thisMonth, -12), to: thisMonth },
  ];
}

/** "1 Oct 2026 – 31 Oct 2026" for a half-open range; "All data" when open. */
export function rangeLabel(from: string | null, to: string | null): string {
  if (!from && !to) return 'All data';
  const show = (date: string) => new Date(parseDate(date)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${from ? show(from) : 'start'} – ${to ? show(addDays(to, -1)) : 'now'}`;
}
