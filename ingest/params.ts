/**
 * Statements in the import are written with named placeholders (`$source`, `$tz`, …) and
 * numbered here just before they run. DuckDB refuses a bound value that a statement never
 * references, and which values a typing statement uses depends on the file (no timestamp
 * column, no --date-format), so only the names that appear are bound, in order of appearance.
 *
 * Hazard: statements also hold a file's own column names as quoted identifiers, and string
 * literals (regex patterns end in `$`); a header like `cost$usd` must not read as a placeholder.
 * Text inside '…' and "…" is therefore copied as it is, and so are `--` comments (whose
 * apostrophes would otherwise open a literal).
 */
import type { DuckDBValue } from '@duckdb/node-api';

export type NamedValues = Record<string, DuckDBValue>;

export function numberParams(sql: string, values: NamedValues): { sql: string; params: DuckDBValue[] } {
  const order: string[] = [];
  const numbered = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\$([a-z][a-z_]*)\b/g, (token, name: string | undefined) => {
    if (name === undefined) return token;
    if (!(name in values)) throw new Error(`No value for the placeholder ${token}.`);
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return { sql: numbered, params: order.map((name) => values[name]!) };
}
