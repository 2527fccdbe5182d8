/**
 * The two windows a comparison looks at, as local dates (half-open [from, to), read in the
 * request's zone like every other range). Pure date arithmetic on calendar dates — no clock,
 * no zone: 1 March minus one month is 1 February whatever the daylight-saving rules.
 * - `period=2026-10` (month), `2026-Q4`, `2026`, `2026-10-05` (day): that period and the
 *   previous one of the same kind (September, Q3, 2025, 4 October).
 * - from/to: when both fall on the 1st of a month the previous window is the same number of
 *   months earlier (Jan–Mar → Oct–Dec), else the same number of days earlier.
 * - around=D&days=N: before [D − N days, D) and after [D, D + N days), for a process change.
 */
export interface Window {
  from: string;
  to: string;
}

export interface Windows {
  current: Window;
  previous: Window;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const parse = (text: string) => new Date(`${text}T00:00:00Z`);

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

export function addMonths(date: string, months: number): string {
  const d = parse(date);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate())));
}

function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000);
}

function monthsBetween(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

/** A named period → its window and the previous one, or null when the text is not one. */
export function periodWindows(period: string): Windows | null {
  let match = /^(\d{4})-(\d{2})$/.exec(period);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) return shiftMonths(`${period}-01`, 1);
  match = /^(\d{4})-Q([1-4])$/i.exec(period);
  if (match) return shiftMonths(`${match[1]}-${String((Number(match[2]) - 1) * 3 + 1).padStart(2, '0')}-01`, 3);
  match = /^(\d{4})$/.exec(period);
  if (match) return shiftMonths(`${period}-01-01`, 12);
  if (/^\d{4}-\d{2}-\d{2}$/.test(period) && iso(parse(period)) === period) {
    return { current: { from: period, to: addDays(period, 1) }, previous: { from: addDays(period, -1), to: period } };
  }
  return null;
}

function shiftMonths(from: string, months: number): Windows {
  return { current: { from, to: addMonths(from, months) }, previous: { from: addMonths(from, -months), to: from } };
}

export function rangeWindows(from: string, to: string): Windows {
  if (from.endsWith('-01') && to.endsWith('-01')) {
    const months = monthsBetween(from, to);
    return { current: { from, to }, previous: { from: addMonths(from, -months), to: from } };
  }
  return { current: { from, to }, previous: { from: addDays(from, -daysBetween(from, to)), to: from } };
}

export function aroundWindows(date: string, days: number): Windows {
  return { current: { from: date, to: addDays(date, days) }, previous: { from: addDays(date, -days), to: date } };
}
