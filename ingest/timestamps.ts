/**
 * How a timestamp text becomes a TIMESTAMPTZ in the typing step. Values with an offset (`Z`,
 * `+02:00`, `+0200`) are absolute; naive values are wall-clock times in the import's zone
 * (`--tz`, bound as a parameter) and are converted to UTC with DuckDB's ICU `timezone()`.
 */
export function isoTimestampSql(value: string, tzParam: string): string {
  return `CASE WHEN regexp_matches(${value}, '(Z|[+-]\\d\\d:?\\d\\d)$') THEN TRY_CAST(${value} AS TIMESTAMPTZ)
            ELSE timezone(${tzParam}, TRY_CAST(${value} AS TIMESTAMP)) END`;
}
