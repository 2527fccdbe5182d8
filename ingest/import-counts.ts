/**
 * What an import reads back from the rows it wrote, for its summary: flag counts, rejected
 * timeline events, and whether a source has rows yet. Table names are the import's own
 * constants, never input; values are bound.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Why timeline events of `table` (typed events with `__problem`, `__order`) were not stored → count and up to three record numbers. */
export async function rejections(connection: DuckDBConnection, table: string): Promise<Record<string, { count: number; examples: number[] }>> {
  const reader = await connection.runAndReadAll(`
    SELECT __problem AS problem, CAST(count(*) AS INTEGER) AS n, list(__order ORDER BY __order)[1:3] AS examples
    FROM ${table} WHERE __problem IS NOT NULL GROUP BY 1 ORDER BY 1`);
  return Object.fromEntries(
    reader.getRowObjectsJson().map((row) => [String(row.problem), { count: Number(row.n), examples: (row.examples as unknown[]).map(Number) }]),
  );
}

/** Records carrying a flag, and flag → records carrying it, among the rows of `table` that `where` picks. */
export async function flagCounts(
  connection: DuckDBConnection, table: string, where = 'true', params: string[] = [],
): Promise<{ flagged: number; flags: Record<string, number> }> {
  const flagged = await connection.runAndReadAll(
    `SELECT CAST(count(*) AS INTEGER) AS n FROM ${table} WHERE ${where} AND len(quality_flags) > 0`, params);
  const flags = await connection.runAndReadAll(`
    SELECT flag, CAST(count(*) AS INTEGER) AS n FROM (SELECT unnest(quality_flags) AS flag FROM ${table} WHERE ${where})
    GROUP BY flag ORDER BY flag`, params);
  return {
    flagged: Number(flagged.getRowObjectsJson()[0]?.n ?? 0),
    flags: Object.fromEntries(flags.getRowObjectsJson().map((row) => [String(row.flag), Number(row.n)])),
  };
}

/** Whether the store holds any incident of `source` yet (inside the caller's transaction). */
export async function hasIncidents(connection: DuckDBConnection, source: string): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT 1 AS found FROM incidents WHERE source = $1 LIMIT 1', [source]);
  return reader.getRowObjectsJson().length > 0;
}
