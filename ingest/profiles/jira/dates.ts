/**
 * Jira's timestamps turned into text the shared typing step reads (ISO, naive or with offset).
 * This is the one place the Jira profile knows date formats, written before the shared detector
 * (ingest/dates/, date-plans.ts) existed; that detector reads `12/Mar/24 3:04 PM` itself and
 * now re-reads this ISO output, so the CSV conversion below can give way to it.
 *
 * - CSV exports print dates in the exporting user's format and zone, by default
 *   `dd/MMM/yy h:mm a` (`12/Mar/24 3:04 PM`). They become naive ISO text, read in --tz by the
 *   typing step. --date-format (a strptime pattern) replaces the default patterns.
 *   Hazard: month names are English; a Jira set to another language exports `12/mär/24`, which
 *   stays as it was and is flagged invalid by the typing step (never guessed).
 * - REST JSON has ISO with an offset without a colon (`2022-06-20T18:12:30.209+0700`), which the
 *   typing step already reads; the bulk changelog's spec example has epoch numbers instead.
 */
import { quoteString } from '../../sql.ts';

/** `12/Mar/24 3:04 PM`, `12/Mar/2024 3:04 PM`, and the 24-hour variant some sites configure. */
export const JIRA_CSV_DATE_FORMATS = ['%d/%b/%y %I:%M %p', '%d/%b/%Y %I:%M %p', '%d/%b/%y %H:%M'] as const;

/**
 * SQL: a Jira CSV date as naive ISO text; any value no pattern matches (ISO already, or junk)
 * passes through unchanged so the typing step reads or flags it.
 */
export function jiraCsvDateSql(value: string, dateFormat: string | null): string {
  const formats = (dateFormat ? [dateFormat] : JIRA_CSV_DATE_FORMATS).map(quoteString).join(', ');
  return `coalesce(strftime(try_strptime(${value}, [${formats}]), '%Y-%m-%dT%H:%M:%S'), ${value})`;
}

/**
 * A REST timestamp as text: strings as they are; numbers are epoch seconds or milliseconds
 * (below 1e11 is seconds: 1e11 s is the year 5138, 1e11 ms is 1973) and become UTC ISO.
 */
export function jiraTimeText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(value < 1e11 ? value * 1000 : value).toISOString();
  }
  return null;
}

/** Milliseconds since the epoch for ordering changelog entries; NaN when unreadable. */
export function jiraTimeMillis(value: unknown): number {
  const text = jiraTimeText(value);
  if (text === null) return Number.NaN;
  // V8 reads `+0700` but the spec does not promise it: add the colon first.
  return Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}
