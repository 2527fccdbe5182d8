/**
 * Jira's timestamps from the REST API as text the shared date step (ingest/dates) reads. CSV
 * exports need nothing here: their `dd/MMM/yy h:mm a` dates (`12/Mar/24 3:04 PM`, in the
 * exporting user's format and zone) are read by the shared step as month-name dates in --tz,
 * and --date-format replaces detection there for every profile alike.
 *
 * - REST JSON has ISO with an offset without a colon (`2022-06-20T18:12:30.209+0700`), which the
 *   shared step reads; the bulk changelog's spec example has epoch numbers instead.
 * Hazards (of the shared step, kept here because Jira exports hit them): month names are
 * English, so a Jira set to another language exports `12/mär/24`, which is flagged invalid
 * (never guessed); 2-digit years are 20yy (`12/Mar/99` is 2099).
 */

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
