/**
 * Which period a scheduled run reports on, and which runs were due. A run at instant T reports on
 * the whole period before the one T falls in, read in the schedule's zone: a "0 8 1 * *" run in
 * Europe/London on 1 November reports on October (local dates), whatever the UTC offset did in
 * between. Weeks are ISO weeks (Monday to Monday); their key is the ISO week, e.g. 2026-W43.
 */
import { Cron } from 'croner';
import { addDays, addMonths } from '../../queries/compare/periods.ts';
import type { RawReportRequest } from '../../queries/report.ts';
import type { SchedulePeriod } from '../config/email.ts';

export interface EmailPeriod {
  /** The delivery key: '2026-10', '2026-Q3' or '2026-W43'. */
  key: string;
  /** Local dates [from, to) in the schedule's zone. */
  from: string;
  to: string;
  /** What the report request says: the month, the quarter, or from/to for a week. */
  request: Pick<RawReportRequest, 'period' | 'from' | 'to'>;
}

const localDates = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date 'YYYY-MM-DD' of an instant in an IANA zone. */
export function localDate(instant: Date, tz: string): string {
  let format = localDates.get(tz);
  if (!format) localDates.set(tz, (format = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(instant);
}

/** ISO weekday 1 (Monday) … 7 of a calendar date. */
function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The ISO week key of the week starting on Monday `monday`: its Thursday's year and week number. */
export function isoWeekKey(monday: string): string {
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period before the one `instant` falls in (local to `tz`). */
export function periodBefore(kind: SchedulePeriod, instant: Date, tz: string): EmailPeriod {
  const today = localDate(instant, tz);
  if (kind === 'previous-week') {
    const monday = addDays(today, 1 - weekday(today));
    const from = addDays(monday, -7);
    return { key: isoWeekKey(from), from, to: monday, request: { from, to: monday } };
  }
  const months = kind === 'previous-month' ? 1 : 3;
  const [year, month] = today.split('-').map(Number) as [number, number];
  const startMonth = kind === 'previous-month' ? month : Math.floor((month - 1) / 3) * 3 + 1;
  const to = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const from = addMonths(to, -months);
  const key = kind === 'previous-month' ? from.slice(0, 7) : `${from.slice(0, 4)}-Q${Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1}`;
  return { key, from, to, request: { period: key } };
}

/**
 * A period named by hand (`--period`): 2026-10 for monthly schedules, 2026-Q3 for quarterly,
 * 2026-W43 for weekly. Null when the text is not a period of that kind.
 */
export function namedPeriod(kind: SchedulePeriod, text: string): EmailPeriod | null {
  const value = text.trim().toUpperCase();
  if (kind === 'previous-month' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return periodBefore(kind, new Date(`${addMonths(`${value}-01`, 1)}T12:00:00Z`), 'UTC');
  if (kind === 'previous-quarter' && /^\d{4}-Q[1-4]$/.test(value)) {
    const first = `${value.slice(0, 4)}-${String((Number(value.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`;
    return periodBefore(kind, new Date(`${addMonths(first, 3)}T12:00:00Z`), 'UTC');
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(value);
  if (kind === 'previous-week' && week) {
    // Week 1 is the week with the year's first Thursday; its Monday is found from 4 January.
    const jan4 = `${week[1]}-01-04`;
    const monday = addDays(addDays(jan4, 1 - weekday(jan4)), (Number(week[2]) - 1) * 7);
    const period = periodBefore(kind, new Date(`${addDays(monday, 7)}T12:00:00Z`), 'UTC');
    return period.key === value ? period : null;
  }
  return null;
}

/** How a schedule's period is written by hand, for error messages. */
export const PERIOD_EXAMPLE: Record<SchedulePeriod, string> = { 'previous-week': '2026-W43', 'previous-month': '2026-10', 'previous-quarter': '2026-Q3' };

/** The schedule's run instants in (after, upTo], oldest first (croner, in the schedule's zone). */
export function dueRuns(cron: string, tz: string, after: Date, upTo: Date, limit = 1000): Date[] {
  const pattern = new Cron(cron, { timezone: tz, paused: true });
  const runs: Date[] = [];
  let cursor = after;
  while (runs.length < limit) {
    const next = pattern.nextRun(cursor);
    if (!next || next > upTo) break;
    runs.push(next);
    cursor = next;
  }
  return runs;
}

/** The next run after `now`, or null. */
export function nextRun(cron: string, tz: string, now: Date): Date | null {
  return new Cron(cron, { timezone: tz, paused: true }).nextRun(now);
}
