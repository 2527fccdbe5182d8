/**
 * The shapes of date values Hindsight recognises, as RE2 patterns shared by detection (which
 * counts them over a whole column) and by the SQL builder (which parses them), so the two can
 * never disagree about what a value is.
 *
 * Hazards these patterns guard against:
 * - RE2 (DuckDB's regex engine) has no back-references, so "same separator twice" cannot be
 *   required; `04/03-2026` is accepted like `04/03/2026`.
 * - DuckDB's `CAST(x AS TIMESTAMP)` silently DROPS a UTC offset (`…T09:15+02:00` becomes 09:15),
 *   so values with an offset must be recognised and cast to TIMESTAMPTZ instead.
 * - DuckDB's TIMESTAMPTZ cast rejects an offset after HH:MM without seconds (`…T09:15Z`);
 *   `ISO_NO_SECONDS` lets the builder insert `:00` for those.
 * - A `%Y` strptime format happily reads `16` as the year 0016; the patterns below separate
 *   2-digit from 4-digit years so the builder can widen 2-digit years itself.
 */

/** ` 9:15`, ` 09:15:02`, ` 09:15:02.123`, ` 1:16:05 PM`, ` 3:04PM` — optional, after whitespace. */
const TIME = String.raw`(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d{1,9})?))?(?:\s?([AaPp])[Mm])?)?`;
const ISO_DATE = String.raw`\d{4}-\d{1,2}-\d{1,2}`;
const ISO_TIME = String.raw`\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?`;
/** Offsets DuckDB's TIMESTAMPTZ cast understands: Z, ±hh, ±hhmm, ±hh:mm, " UTC", " GMT". */
const OFFSET = String.raw`(?:Z|[+-]\d{2}(?::?\d{2})?| (?:UTC|GMT))`;

/** `2026-03-04T09:15:02.123+02:00`, `2026-03-04 09:15+0700`, `2026-03-04T09:15:02Z`. */
export const ISO_WITH_OFFSET = `^${ISO_DATE}[T ]${ISO_TIME}${OFFSET}$`;
/** `2026-03-04`, `2026-03-04 09:15`, `2026-03-04T09:15:02.123` — read in the import's zone. */
export const ISO_NAIVE = `^${ISO_DATE}(?:[T ]${ISO_TIME})?$`;
/** Captures the part before the offset of an offset value that has no seconds. */
export const ISO_NO_SECONDS = String.raw`^(\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2})(` + OFFSET + ')$';

/**
 * `29/2/2016 01:16`, `2/29/2016 1:16:05 PM`, `04.03.2026 09:15`, `03-04-26`. Groups, in order:
 * first number, separator, second number, year (2 or 4 digits), hour, minute, seconds(.fraction),
 * a/p. Which of the first two numbers is the day is decided per column, never per value.
 */
export const NUMERIC_DATE = String.raw`^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})` + TIME + '$';
export const NUMERIC_GROUPS = ['first', 'sep', 'second', 'year', 'hour', 'minute', 'seconds', 'ampm'] as const;

/**
 * Jira's `12/Mar/24 3:04 PM`, `04-Mar-2026 09:15`, `4 March 2026`. Groups: day, separator,
 * month name, year, hour, minute, seconds(.fraction), a/p. English month names only.
 */
export const MONTH_NAME_DATE = String.raw`^(\d{1,2})([/ -])([A-Za-z]{3,9})[/ -](\d{4}|\d{2})` + TIME + '$';
export const MONTH_NAME_GROUPS = ['day', 'sep', 'month', 'year', 'hour', 'minute', 'seconds', 'ampm'] as const;

/**
 * Month names in order; the position in this list, modulo 12, is the month. Used as an SQL
 * list literal (our constant, never user text).
 */
export const MONTH_NAMES = [
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
] as const;

/**
 * Epoch seconds or milliseconds: 9 to 14 digits without a leading zero, so values lie in
 * [1e8, 1e14). Below EPOCH_MS_CUTOFF (1e11) a value is seconds (1973-03-03 … 5138-11-16);
 * from it on, milliseconds (1973-03-03 … 5138-11-16 again). Shorter numbers (an 8-digit
 * `20260304`, a spreadsheet serial `46085`) are not read as epochs: they would land in 1970.
 */
export const EPOCH = String.raw`^[1-9]\d{8,13}(?:\.\d{1,9})?$`;
export const EPOCH_MS_CUTOFF = 1e11;

const NAIVE_ISO_RE = new RegExp(ISO_NAIVE);

/**
 * Whether detection (detect.ts) classifies `value`, exactly as given, as naive ISO. The pattern is
 * detection's own: RE2 and JavaScript read it alike (ASCII `\d`, `$` only at the very end). The
 * value is not trimmed here — a caller passes only values its SQL cleaning leaves unchanged.
 */
export function isNaiveIso(value: string): boolean {
  return NAIVE_ISO_RE.test(value);
}
