// Number formatting for every figure the dashboard shows, driven by the metric's declared
// `format` (the catalog says 'duration' or 'integer'; the UI never guesses from the name).
// Pure and locale-pinned ('en-US' unless told otherwise) so charts rendered on the server
// for emails read exactly like the dashboard, and tests don't depend on the machine's locale.
// Hazard avoided: rounding each unit separately ("59m 60s", "1h 60m"); we round the total
// to the smallest unit shown first, then split it.
import type { Grain } from './api.ts';

export type ValueFormat = 'duration' | 'integer' | 'percent' | 'decimal';

/** Shown where a value is missing; callers explain why next to it (never a bare blank). */
export const MISSING = '—';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in seconds as a short human string: "45s" below a minute, "42m" below an hour,
 * "3h 05m" below a day, "2d 4h" from a day on. Negative durations keep their sign.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return MISSING;
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (Math.round(seconds) < MINUTE) return `${Math.round(seconds)}s`;
  const minutes = Math.round(seconds / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  if (minutes < DAY / MINUTE) {
    return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
  }
  const hours = Math.round(seconds / HOUR);
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A count with thousands separators: 1234 -> "1,234". */
export function formatInteger(value: number, locale = 'en-US'): string {
  if (!Number.isFinite(value)) return MISSING;
  return integerFormat(locale).format(value);
}

// Building an Intl.NumberFormat costs far more than using one, and a page formats thousands of
// counts (filter options, tables, titles): one formatter per locale is kept.
const integerFormats = new Map<string, Intl.NumberFormat>();
function integerFormat(locale: string): Intl.NumberFormat {
  let format = integerFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    integerFormats.set(locale, format);
  }
  return format;
}

/** A metric value in its declared format; null (no incidents to measure) becomes MISSING. */
export function formatValue(value: number | null | undefined, format: ValueFormat): string {
  if (value === null || value === undefined) return MISSING;
  switch (format) {
    case 'duration': return formatDuration(value);
    case 'integer': return formatInteger(value);
    case 'percent': return formatPercent(value);
    case 'decimal': return formatDecimal(value);
  }
}

/** A ratio 0..1 as a percentage with one decimal below 10% and none above: 0.031 -> "3.1%". */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return MISSING;
  const pct = ratio * 100;
  return `${pct !== 0 && Math.abs(pct) < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A mean count: two significant decimals. */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  return DECIMAL.format(value);
}

/**
 * An instant (epoch ms, or an ISO string) as "2026-10-04 14:05" in `timeZone` — the dashboard's
 * zone, not the machine's, so everyone looking at one link sees the same times.
 */
export function formatDateTime(instant: number | string | null | undefined, timeZone = 'UTC'): string {
  if (instant === null || instant === undefined) return MISSING;
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return MISSING;
  const parts = Object.fromEntries(dateTimeFormat(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

// Building an Intl.DateTimeFormat costs far more than using one; a scrolling table formats
// thousands of times a second, so one formatter per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  return format;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A period start 'YYYY-MM-DD' (the API's first local day of a bucket) as "Jan 2026".
 * Read as a calendar date, never through the machine's time zone.
 */
export function formatMonth(period: string): string {
  return formatPeriod(period, 'month');
}

/**
 * A period start 'YYYY-MM-DD' labelled for its grain: "5 Jan 2026" for a day or a week (the
 * week's first day), "Jan 2026", "Q1 2026", "2026". Weeks need their day: labelled by month,
 * four or five weeks would share one label (and one band on a categorical axis).
 */
export function formatPeriod(period: string, grain: Grain = 'month'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return period;
  switch (grain) {
    case 'day':
    case 'week': return `${Number(match[3])} ${month} ${match[1]}`;
    case 'quarter': return `Q${Math.floor((Number(match[2]) - 1) / 3) + 1} ${match[1]}`;
    case 'year': return match[1]!;
    default: return `${month} ${match[1]}`;
  }
}

