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

/** Default: empty, `?`, `NULL`, `N/A`, `-` (any case). */
export const DEFAULT_NULL_MARKERS: readonly string[] = ['', '?', 'null', 'n/a', '-'];

/** Whitespace trimmed from both ends of every value: space, tab, LF, CR, no-break space. */
const BLANKS = `' ' || chr(9) || chr(10) || chr(13) || chr(160)`;

/** The list to bind for `nullIfMarker`'s placeholder: trimmed, lower-cased, deduplicated, with ''. */
export function normaliseNullMarkers(markers: readonly string[] = DEFAULT_NULL_MARKERS): string[] {
  return [...new Set(['', ...markers.map((marker) => marker.trim().toLowerCase())])];
}

/** The bound value for the markers placeholder (a VARCHAR[]). */
export function nullMarkersValue(markers: readonly string[] = DEFAULT_NULL_MARKERS): DuckDBListValue {
  return listValue(normaliseNullMarkers(markers));
}

/** SQL text trimmed of blanks (see BLANKS); NULL stays NULL. */
export function trimSql(expr: string): string {
  return `trim(${expr}, ${BLANKS})`;
}

/**
 * SQL: the trimmed value, or NULL when it is one of the markers bound at `markersParam`
 * (a placeholder like `$4` holding `nullMarkersValue(...)`). `expr` is SQL the caller built
 * (a quoted column), never user text.
 */
export function nullIfMarker(expr: string, markersParam: string): string {
  const trimmed = trimSql(expr);
  return `CASE WHEN list_contains(${markersParam}, lower(${trimmed})) THEN NULL ELSE ${trimmed} END`;
}
