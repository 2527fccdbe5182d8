/**
 * Which of the two export shapes a file is. An audit / event-log export repeats an incident on
 * one row per update, with a growing `sys_mod_count` (or `sys_updated_on`); a list export has
 * one row per incident. The test: some number appears with two different update markers.
 * A number repeated with the same marker is a plain duplicate (the typing step keeps the last).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ROW } from './expressions.ts';

/** `table` holds the derived columns (expressions.ts). */
export async function isEventLog(connection: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(`
    SELECT 1 FROM ${table}
    WHERE ${ROW.number} IS NOT NULL AND coalesce(CAST(${ROW.modCount} AS VARCHAR), ${ROW.updated}) IS NOT NULL
    GROUP BY ${ROW.number}
    HAVING count(DISTINCT coalesce(CAST(${ROW.modCount} AS VARCHAR), ${ROW.updated})) > 1
    LIMIT 1`);
  return reader.getRows().length > 0;
}
