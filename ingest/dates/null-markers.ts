/**
 * Values that mean "no value" in exported spreadsheets and ticket systems. They are compared
 * case-insensitively after trimming, and they are bound as one list parameter — the list is
 * configuration, which conventions treat like user input, so it is never spliced into SQL.
 *
 * Hazards:
 * - The node client cannot bind an empty list without an explicit type, so `nullMarkersValue`
 *   always keeps the empty string in the list (an empty cell is never a date anyway).
 * - `trim()` alone strips spaces only; spreadsheets leave tabs, line breaks and no-break spaces.
 */
import { listValue, type DuckDBListValue } from '@duckdb/node-api';
import { assertPlaceholder, bindOnce, isColumnReference } from './sql.ts';

/** Default: empty, `?`, `NULL`, `N/A`, `-` (any case). */
export const DEFAULT_NULL_MARKERS: readonly string[] = ['', '?', 'null', 'n/a', '-'];

/** Whitespace trimmed from both ends of every value: space, tab, LF, CR, no-break space. */
const BLANK_CHAR_LIST = [`' '`, 'chr(9)', 'chr(10)', 'chr(13)', 'chr(160)'];
const BLANK_CHARS = BLANK_CHAR_LIST.join(' || ');

/** The lambda variable of nullIfMarker (unusual, so no file column can shadow it). */
const UNTRIMMED = '__hs_untrimmed';

/** The list to bind for `nullIfMarker`'s placeholder: trimmed, lower-cased, deduplicated, with ''. */
export function normaliseNullMarkers(markers: readonly string[] = DEFAULT_NULL_MARKERS): string[] {
  return [...new Set(['', ...markers.map((marker) => marker.trim().toLowerCase())])];
}

/** The bound value for the markers placeholder (a VARCHAR[]). */
export function nullMarkersValue(markers: readonly string[] = DEFAULT_NULL_MARKERS): DuckDBListValue {
  return listValue(normaliseNullMarkers(markers));
}

/**
 * SQL: `expr` trimmed of blanks (see BLANK_CHARS); NULL stays NULL. trim() copies every string
 * (≈3× the cost of the check), so it only runs when the first or last character may be a blank.
 * The first character's check lets through every code point up to 32 (a superset; trim itself
 * is exact). Hazard: written as `ord(x) IN (32, 9, 10, 13, 160)`, DuckDB 1.5 turns the five-value IN list
 * into a hash MARK JOIN — two per date column, each a pipeline of its own, which made a small
 * statement (a sync batch) pay tens of milliseconds before reading a row.
 */
export function trimSql(expr: string): string {
  // ends_with, not ord(right(x, 1)): right() counts grapheme clusters from the start of the
  // string and cost more than the trim it was guarding (measured).
  const endsBlank = BLANK_CHAR_LIST.map((char) => `ends_with(${expr}, ${char})`).join(' OR ');
  return `CASE WHEN ord(${expr}) <= 32 OR ord(${expr}) = 160 OR ${endsBlank} THEN trim(${expr}, ${BLANK_CHARS}) ELSE ${expr} END`;
}

/**
 * SQL: the trimmed value, or NULL when it is one of the markers bound at `markersParam`
 * (a placeholder like `$4` holding `nullMarkersValue(...)`). `expr` is SQL the caller built
 * (a quoted column), never user text.
 */
export function nullIfMarker(expr: string, markersParam: string): string {
  assertPlaceholder(markersParam, 'markersParam');
  // trimSql mentions its value eight times, so anything but a column is evaluated once first.
  if (!isColumnReference(expr)) return bindOnce(expr, UNTRIMMED, nullIfMarker(UNTRIMMED, markersParam));
  const trimmed = trimSql(expr);
  // Only a value no longer than the longest marker can be one: lower() copies every string it
  // sees, and dates are longer than any marker. The bound is computed once per chunk (the list
  // is a constant), not per value.
  const longest = `list_max(list_transform(${markersParam}, __hs_marker -> length(__hs_marker)))`;
  return `CASE WHEN length(${trimmed}) <= ${longest} AND list_contains(${markersParam}, lower(${trimmed})) THEN NULL ELSE ${trimmed} END`;
}
