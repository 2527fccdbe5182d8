/**
 * Pure: the staged columns of a ServiceNow export (CSV headers or JSON keys) resolved to
 * incident field names, and the cleaned SQL text of a column. The first column a field
 * resolves to wins (a file with both `state` and `State` is read by the first).
 */
import { quoteIdent, quoteString } from '../../sql.ts';
import { FIELD_ALIASES, NULL_MARKERS } from './options.ts';

export interface SourceColumn {
  /** Staged column name (DuckDB's name for a CSV header, the key for JSON). */
  column: string;
  /** The incident field it is, or null for a column no alias knows. */
  field: string | null;
}

export interface SnColumns {
  /** incident field → staged column. */
  byField: Map<string, string>;
  /** Every data column in file order (meta columns `__…` left out). */
  all: SourceColumn[];
}

const ALIAS_TO_FIELD = new Map<string, string>(
  Object.entries(FIELD_ALIASES).flatMap(([field, aliases]) => [[field, field] as const, ...aliases.map((alias) => [alias, field] as const)]),
);

export function resolveColumns(columns: readonly string[]): SnColumns {
  const byField = new Map<string, string>();
  const all: SourceColumn[] = [];
  for (const column of columns) {
    if (column.startsWith('__')) continue;
    const field = ALIAS_TO_FIELD.get(column.trim().toLowerCase()) ?? null;
    const first = field !== null && !byField.has(field);
    if (first) byField.set(field, column);
    all.push({ column, field: first ? field : null });
  }
  return { byField, all };
}

/** SQL: the column's trimmed text, NULL for empty cells and null markers. */
export function cleanSql(column: string): string {
  return cleanValueSql(`CAST(${quoteIdent(column)} AS VARCHAR)`);
}

/**
 * SQL: a text expression trimmed, NULL for empty text and null markers. Markers match exactly
 * (case too), against a constant list.
 *
 * Hazards (DuckDB 1.5, measured on 20 columns): `nullif` is a macro, `CASE WHEN a = b THEN NULL
 * ELSE a END`, so a chain of five nests the value 2^5 = 32 times — ~2 ms of planning per column,
 * most of a sync batch's cost. `IN (…)` becomes a hash mark join, slower still. `list_contains`
 * over the constant list mentions the value twice (deduplicated by DuckDB) and runs 2–3× faster
 * than either.
 */
export function cleanValueSql(value: string): string {
  const markers = NULL_MARKERS.map((marker) => quoteString(marker)).join(', ');
  return `CASE WHEN list_contains([${markers}], trim(${value})) THEN NULL ELSE trim(${value}) END`;
}

/** SQL for an incident field, or a text NULL when the file has no such column (typed, so coalesce works). */
export function fieldSql(columns: SnColumns, field: string): string {
  const column = columns.byField.get(field);
  return column === undefined ? 'CAST(NULL AS VARCHAR)' : cleanSql(column);
}
