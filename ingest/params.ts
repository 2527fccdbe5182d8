/**
 * Statements in the import are written with named placeholders (`$source`, `$tz`, …) and
 * numbered here just before they run. DuckDB refuses a bound value that a statement never
 * references, and which values a typing statement uses depends on the file (no timestamp
 * column, no --date-format), so only the names that appear are bound, in order of appearance.
 */
import type { DuckDBValue } from '@duckdb/node-api';

export type NamedValues = Record<string, DuckDBValue>;

export function numberParams(sql: string, values: NamedValues): { sql: string; params: DuckDBValue[] } {
  const order: string[] = [];
  const numbered = sql.replace(/\$([a-z][a-z_]*)\b/g, (token, name: string) => {
    if (!(name in values)) throw new Error(`No value for the placeholder ${token}.`);
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return { sql: numbered, params: order.map((name) => values[name]!) };
}
