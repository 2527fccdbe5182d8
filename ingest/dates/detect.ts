/**
 * Classifies staged VARCHAR columns with ONE aggregate query over the whole source, so the
 * day/month decision sees every row (a settling `25/04/2026` may be the last line of the file)
 * and costs one scan however large the import is and however many date columns it has.
 *
 * Hazard (measured): one query per column meant one scan of the source per date column — at 1M
 * rows and seven date fields that was seven passes, and for a 100-record sync batch seven
 * statements whose planning alone cost more than the data. Every column's pieces are therefore
 * built separately (prefixed `__d<i>_`) and composed into one statement.
 *
 * Table and column names come from the caller (the staging table and the file's header) and
 * are quoted with quoteIdent; the null markers are bound; the patterns are our own constants.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '../sql.ts';
import { nullIfMarker, nullMarkersValue, DEFAULT_NULL_MARKERS } from './null-markers.ts';
import { assertPlaceholder, bindOnce } from './sql.ts';
import { EPOCH, EPOCH_MS_CUTOFF, ISO_NAIVE, ISO_WITH_OFFSET, MONTH_NAMES, MONTH_NAME_DATE, NUMERIC_DATE, NUMERIC_GROUPS } from './patterns.ts';
import { planFromCounts, type DateColumnPlan } from './plan.ts';

export interface DetectOptions {
  /** Values read as NULL; default DEFAULT_NULL_MARKERS (empty, ?, NULL, N/A, -; any case). */
  nullMarkers?: readonly string[];
}

/** One column to classify: a name (for plans and messages) and a VARCHAR SQL expression over the source. */
export interface DetectColumn {
  name: string;
  expr: string;
  /**
   * The expression is already trimmed with null markers removed (a profile's own cleaning), so
   * the marker check is left out. Default false.
   */
  clean?: boolean;
}

/** The parts of a detection query, for a caller that adds its own per-row values and aggregates to the same scan. */
export interface DetectionQuery {
  /** Select items of the first (per-row) stage, over the source: each column's text. */
  texts: string[];
  /** Select items of the second stage: each column's cleaned value. */
  values: string[];
  /** Select items of the third stage: each value's shape as a small integer (see CODE). */
  codes: string[];
  /** Aggregate select items over the third stage. */
  aggregates: string[];
}

/**
 * A value's shape, one integer per value so the aggregates compare numbers, not strings.
 * Numeric dates: 3 day-first, 4 month-first, 5 either way; plus 10 with a 2-digit year.
 */
const CODE = { iso: 1, isoOffset: 2, dayFirst: 3, monthFirst: 4, ambiguous: 5, monthName: 6, epochS: 7, epochMs: 8, unmatched: 9 } as const;

/** The lambda variable of a numeric value's parts (see sql.ts on why struct fields are read with ['…']). */
const PARTS = '__hs_detect_parts';

/**
 * Only values shaped like `d/m/y` (one or two digits, a separator, one or two digits, a
 * separator) are split into parts: splitting every value built an eight-field struct per value
 * and was the largest cost of detection (measured: a third of a scan over ISO columns).
 */
const NUMERIC_PREFIX = String.raw`^\d{1,2}[/.-]\d{1,2}[/.-]`;

export async function detectColumnFormat(
  connection: DuckDBConnection,
  table: string,
  column: string,
  options: DetectOptions = {},
): Promise<DateColumnPlan> {
  const plans = await detectColumnFormats(connection, quoteIdent(table), [{ name: column, expr: quoteIdent(column) }], options);
  return plans.get(column)!;
}

/** Plans for several columns of `from` (a quoted table name or any FROM item without parameters), in one scan. */
export async function detectColumnFormats(
  connection: DuckDBConnection,
  from: string,
  columns: readonly DetectColumn[],
  options: DetectOptions = {},
): Promise<Map<string, DateColumnPlan>> {
  if (columns.length === 0) return new Map();
  const query = detectionParts(columns, '$1');
  // DuckDB refuses a bound value the statement never reads: markers only when a column needs them.
  const params = columns.every((column) => column.clean) ? [] : [nullMarkersValue(options.nullMarkers ?? DEFAULT_NULL_MARKERS)];
  const reader = await connection.runAndReadAll(composeDetection(from, query), params);
  const row = reader.getRowObjectsJson()[0];
  if (!row) throw new Error(`Date detection for ${columns.map((c) => `"${c.name}"`).join(', ')} returned no row.`);
  return plansFromRow(columns, row);
}

/** The detection query for one column of a table; $1 = null markers (VARCHAR[]). Exported for reading, not for reuse. */
export function detectionSql(table: string, column: string): string {
  return composeDetection(quoteIdent(table), detectionParts([{ name: column, expr: quoteIdent(column) }], '$1'));
}

/**
 * Composes parts (possibly extended by the caller) into one statement over `from`; with
 * `limitParam` (a placeholder bound to a row count) only that many rows of `from` are read.
 */
export function composeDetection(from: string, query: DetectionQuery, limitParam: string | null = null): string {
  const list = (items: string[]) => (items.length > 0 ? items.join(',\n         ') : '1 AS __none');
  if (limitParam !== null) assertPlaceholder(limitParam, 'limitParam');
  return `
WITH __texts AS (
  SELECT ${list(query.texts)} FROM ${from}${limitParam === null ? '' : ` LIMIT ${limitParam}`}
), __cleaned AS (
  SELECT *, ${list(query.values)} FROM __texts
), __coded AS (
  SELECT *, ${list(query.codes)} FROM __cleaned
)
SELECT ${query.aggregates.join(',\n       ')}
FROM __coded`;
}

/** Every column's pieces; `markersParam` is the placeholder bound to nullMarkersValue(…). */
export function detectionParts(columns: readonly DetectColumn[], markersParam: string): DetectionQuery {
  const query: DetectionQuery = { texts: [], values: [], codes: [], aggregates: [] };
  const re = (pattern: string) => quoteString(pattern);
  const months = `[${MONTH_NAMES.map(quoteString).join(', ')}]`;
  const groups = `[${NUMERIC_GROUPS.map(quoteString).join(', ')}]`;
  // nullif, not TRY_CAST: a failing TRY_CAST costs ~1 µs a value in DuckDB 1.5.
  const first = `CAST(nullif(${PARTS}['first'], '') AS INTEGER)`;
  const second = `CAST(nullif(${PARTS}['second'], '') AS INTEGER)`;
  // A numeric date counts only when some reading of it is a real day and month, so junk like
  // 45/45/2026 is "unmatched" instead of keeping the order undecided.
  const numeric = `CASE WHEN ${first} BETWEEN 13 AND 31 AND ${second} BETWEEN 1 AND 12 THEN ${CODE.dayFirst}
                      WHEN ${first} BETWEEN 1 AND 12 AND ${second} BETWEEN 13 AND 31 THEN ${CODE.monthFirst}
                      WHEN ${first} BETWEEN 1 AND 12 AND ${second} BETWEEN 1 AND 12 THEN ${CODE.ambiguous}
                 END + CASE WHEN length(${PARTS}['year']) = 2 THEN 10 ELSE 0 END`;
  columns.forEach((column, index) => {
    const p = prefix(index);
    const v = `${p}v`;
    const c = `${p}code`;
    // The text first, in a stage of its own: the marker check then reads a plain column.
    query.texts.push(`CAST(${column.expr} AS VARCHAR) AS ${p}text`);
    query.values.push(`${column.clean ? `${p}text` : nullIfMarker(`${p}text`, markersParam)} AS ${v}`);
    query.codes.push(`CASE
           WHEN ${v} IS NULL THEN 0
           WHEN regexp_matches(${v}, ${re(ISO_WITH_OFFSET)}) THEN ${CODE.isoOffset}
           WHEN regexp_matches(${v}, ${re(ISO_NAIVE)}) THEN ${CODE.iso}
           -- A value of this shape is no month name or epoch either: unmatched unless it is a real date.
           WHEN regexp_matches(${v}, ${re(NUMERIC_PREFIX)}) THEN
             coalesce(${bindOnce(`regexp_extract(${v}, ${re(NUMERIC_DATE)}, ${groups})`, PARTS, numeric)}, ${CODE.unmatched})
           WHEN list_contains(${months}, lower(regexp_extract(${v}, ${re(MONTH_NAME_DATE)}, 3))) THEN ${CODE.monthName}
           WHEN regexp_matches(${v}, ${re(EPOCH)}) THEN
             CASE WHEN CAST(${v} AS DOUBLE) < ${EPOCH_MS_CUTOFF} THEN ${CODE.epochS} ELSE ${CODE.epochMs} END
           ELSE ${CODE.unmatched}
         END AS ${c}`);
    // One histogram of the codes instead of a filtered count per shape: every aggregate costs
    // planning and per-thread set-up, which a sync pays on every small batch.
    query.aggregates.push(
      `histogram(${c}) AS ${p}codes`,
      `min(${v}) FILTER (WHERE ${c} IN (${CODE.ambiguous}, ${CODE.ambiguous + 10})) AS ${p}ambiguous_min`,
      `max(${v}) FILTER (WHERE ${c} IN (${CODE.ambiguous}, ${CODE.ambiguous + 10})) AS ${p}ambiguous_max`,
      `min(${v}) FILTER (WHERE ${c} IN (${CODE.dayFirst}, ${CODE.dayFirst + 10})) AS ${p}day_first_example`,
      `min(${v}) FILTER (WHERE ${c} IN (${CODE.monthFirst}, ${CODE.monthFirst + 10})) AS ${p}month_first_example`,
      `min(${v}) FILTER (WHERE ${c} = ${CODE.unmatched}) AS ${p}unmatched_example`,
    );
  });
  return query;
}

/** The plans in the result row of a query built from detectionParts(columns, …). */
export function plansFromRow(columns: readonly DetectColumn[], row: Record<string, unknown>): Map<string, DateColumnPlan> {
  const plans = new Map<string, DateColumnPlan>();
  columns.forEach((column, index) => {
    const p = prefix(index);
    const histogram = new Map<number, number>();
    for (const entry of (row[`${p}codes`] ?? []) as Array<{ key: unknown; value: unknown }>) histogram.set(Number(entry.key), Number(entry.value));
    const count = (...codes: number[]) => codes.reduce((sum, code) => sum + (histogram.get(code) ?? 0), 0);
    const text = (name: string) => (typeof row[`${p}${name}`] === 'string' ? (row[`${p}${name}`] as string) : undefined);
    const ambiguous = [...new Set([text('ambiguous_min'), text('ambiguous_max')].filter((v): v is string => v !== undefined))];
    const numeric = [CODE.dayFirst, CODE.monthFirst, CODE.ambiguous].flatMap((code) => [code, code + 10]);
    plans.set(column.name, planFromCounts(
      column.name,
      {
        values: [...histogram].reduce((sum, [code, n]) => (code > 0 ? sum + n : sum), 0),
        families: {
          iso: count(CODE.iso),
          'iso-offset': count(CODE.isoOffset),
          numeric: count(...numeric),
          'month-name': count(CODE.monthName),
          'epoch-s': count(CODE.epochS),
          'epoch-ms': count(CODE.epochMs),
        },
        unmatched: count(CODE.unmatched),
        dayFirst: count(CODE.dayFirst, CODE.dayFirst + 10),
        monthFirst: count(CODE.monthFirst, CODE.monthFirst + 10),
        twoDigitYears: count(...numeric.filter((code) => code > 10)),
      },
      { ambiguous, dayFirst: text('day_first_example'), monthFirst: text('month_first_example'), unmatched: text('unmatched_example') },
    ));
  });
  return plans;
}

/** Column names of the query's stages: unusual, so no file column can shadow them. */
function prefix(index: number): string {
  return `__d${index}_`;
}
