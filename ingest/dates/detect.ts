/**
 * Classifies one staged VARCHAR column with ONE aggregate query over the whole column, so the
 * day/month decision sees every row (a settling `25/04/2026` may be the last line of the file)
 * and costs one scan however large the import is.
 *
 * Table and column names come from the caller (the staging table and the file's header) and
 * are quoted with quoteIdent; the null markers are bound; the patterns are our own constants.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '../sql.ts';
import { nullIfMarker, nullMarkersValue, DEFAULT_NULL_MARKERS } from './null-markers.ts';
import { EPOCH, EPOCH_MS_CUTOFF, ISO_NAIVE, ISO_WITH_OFFSET, MONTH_NAMES, MONTH_NAME_DATE, NUMERIC_DATE, NUMERIC_GROUPS } from './patterns.ts';
import { planFromCounts, type DateColumnPlan } from './plan.ts';

export interface DetectOptions {
  /** Values read as NULL; default DEFAULT_NULL_MARKERS (empty, ?, NULL, N/A, -; any case). */
  nullMarkers?: readonly string[];
}

export async function detectColumnFormat(
  connection: DuckDBConnection,
  table: string,
  column: string,
  options: DetectOptions = {},
): Promise<DateColumnPlan> {
  const reader = await connection.runAndReadAll(detectionSql(table, column), [
    nullMarkersValue(options.nullMarkers ?? DEFAULT_NULL_MARKERS),
  ]);
  const row = reader.getRowObjectsJson()[0];
  if (!row) throw new Error(`Date detection for column "${column}" returned no row.`);
  const count = (name: string) => Number(row[name] ?? 0);
  const text = (name: string) => (typeof row[name] === 'string' ? (row[name] as string) : undefined);
  const ambiguous = [...new Set([text('ambiguous_min'), text('ambiguous_max')].filter((v): v is string => v !== undefined))];
  return planFromCounts(
    column,
    {
      values: count('values_n'),
      families: {
        iso: count('iso'),
        'iso-offset': count('iso_offset'),
        numeric: count('numeric'),
        'month-name': count('month_name'),
        'epoch-s': count('epoch_s'),
        'epoch-ms': count('epoch_ms'),
      },
      unmatched: count('unmatched'),
      dayFirst: count('day_first'),
      monthFirst: count('month_first'),
      twoDigitYears: count('two_digit_years'),
    },
    { ambiguous, dayFirst: text('day_first_example'), monthFirst: text('month_first_example'), unmatched: text('unmatched_example') },
  );
}

/** The detection query; $1 = null markers (VARCHAR[]). Exported for reading, not for reuse. */
export function detectionSql(table: string, column: string): string {
  const re = (pattern: string) => quoteString(pattern);
  const months = `[${MONTH_NAMES.map(quoteString).join(', ')}]`;
  const groups = `[${NUMERIC_GROUPS.map(quoteString).join(', ')}]`;
  // Counts are INTEGER so the client returns numbers, not bigints (fine below 2^31 rows).
  const n = (filter: string) => `CAST(count(*) FILTER (WHERE ${filter}) AS INTEGER)`;
  // nullif, not TRY_CAST: a failing TRY_CAST costs ~1 µs a value in DuckDB 1.5, and most values
  // of a column that isn't numeric have '' here.
  const first = "CAST(nullif(parts['first'], '') AS INTEGER)";
  const second = "CAST(nullif(parts['second'], '') AS INTEGER)";
  // Exactly one of these holds for a numeric date that some reading makes valid; regexp_extract
  // yields '' (so NULL numbers, so false) for values of other shapes.
  const isDayFirst = `(${first} BETWEEN 13 AND 31 AND ${second} BETWEEN 1 AND 12)`;
  const isMonthFirst = `(${first} BETWEEN 1 AND 12 AND ${second} BETWEEN 13 AND 31)`;
  const isAmbiguous = `(${first} BETWEEN 1 AND 12 AND ${second} BETWEEN 1 AND 12)`;
  return `
WITH cleaned AS (
  SELECT ${nullIfMarker(quoteIdent(column), '$1')} AS v FROM ${quoteIdent(table)}
), split AS (
  SELECT v, regexp_extract(v, ${re(NUMERIC_DATE)}, ${groups}) AS parts FROM cleaned
), classified AS (
  SELECT v, parts,
         CASE
           WHEN v IS NULL THEN NULL
           WHEN regexp_matches(v, ${re(ISO_WITH_OFFSET)}) THEN 'iso-offset'
           WHEN regexp_matches(v, ${re(ISO_NAIVE)}) THEN 'iso'
           -- A numeric date counts only when some reading of it is a real day and month, so
           -- junk like 45/45/2026 is "unmatched" instead of keeping the order undecided.
           WHEN ${isDayFirst} OR ${isMonthFirst} OR ${isAmbiguous} THEN 'numeric'
           WHEN list_contains(${months}, lower(regexp_extract(v, ${re(MONTH_NAME_DATE)}, 3))) THEN 'month-name'
           WHEN regexp_matches(v, ${re(EPOCH)}) THEN
             CASE WHEN CAST(v AS DOUBLE) < ${EPOCH_MS_CUTOFF} THEN 'epoch-s' ELSE 'epoch-ms' END
           ELSE 'unmatched'
         END AS family
  FROM split
)
SELECT CAST(count(v) AS INTEGER) AS values_n,
       ${n("family = 'iso'")} AS iso,
       ${n("family = 'iso-offset'")} AS iso_offset,
       ${n("family = 'numeric'")} AS numeric,
       ${n("family = 'month-name'")} AS month_name,
       ${n("family = 'epoch-s'")} AS epoch_s,
       ${n("family = 'epoch-ms'")} AS epoch_ms,
       ${n("family = 'unmatched'")} AS unmatched,
       ${n(`family = 'numeric' AND ${isDayFirst}`)} AS day_first,
       ${n(`family = 'numeric' AND ${isMonthFirst}`)} AS month_first,
       ${n("family = 'numeric' AND length(parts['year']) = 2")} AS two_digit_years,
       min(v) FILTER (WHERE family = 'numeric' AND ${isAmbiguous}) AS ambiguous_min,
       max(v) FILTER (WHERE family = 'numeric' AND ${isAmbiguous}) AS ambiguous_max,
       min(v) FILTER (WHERE family = 'numeric' AND ${isDayFirst}) AS day_first_example,
       min(v) FILTER (WHERE family = 'numeric' AND ${isMonthFirst}) AS month_first_example,
       min(v) FILTER (WHERE family = 'unmatched') AS unmatched_example
FROM classified`;
}
