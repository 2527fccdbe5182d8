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
import { assertPlaceholder, bindOnce } from './sql.ts';

/** Default: empty, `?`, `NULL`, `N/A`, `-` (any case). */
export const DEFAULT_NULL_MARKERS: readonly string[] = ['', '?', 'null', 'n/a', '-'];

/** Whitespace trimmed from both ends of every value: space, tab, LF, CR, no-break space. */
const BLANK_CHARS = `' ' || chr(9) || chr(10) || chr(13) || chr(160)`;
const BLANK_CODES = '(32, 9, 10, 13, 160)';

/** The lambda variable of nullIfMarker (unusual, so no file column can shadow it). */
const TRIMMED = '__hs_trimmed';

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
 * (≈3× the cost of the check), so it only runs when the first or last character is a blank.
 */
export function trimSql(expr: string): string {
  return `CASE WHEN ord(${expr}) IN ${BLANK_CODES} OR ord(right(${expr}, 1)) IN ${BLANK_CODES} THEN trim(${expr}, ${BLANK_CHARS}) ELSE ${expr} END`;
}

/**
 * SQL: the trimmed value, or NULL when it is one of the markers bound at `markersParam`
 * (a placeholder like `$4` holding `nullMarkersValue(...)`). `expr` is SQL the caller built
 * (a quoted column), never user text.
 */
export function nullIfMarker(expr: string, markersParam: string): string {
  assertPlaceholder(markersParam, 'markersParam');
  return bindOnce(trimSql(expr), TRIMMED, `CASE WHEN list_contains(${markersParam}, lower(${TRIMMED})) THEN NULL ELSE ${TRIMMED} END`);
}
