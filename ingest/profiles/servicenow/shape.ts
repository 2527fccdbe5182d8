/**
 * Which of the two export shapes a file is. An audit / event-log export repeats an incident on
 * one row per update, with a growing `sys_mod_count` (or `sys_updated_on`); a list export has
 * one row per incident. The test: some `number` appears with two different update markers.
 * A number repeated with the same marker is a plain duplicate (the typing step keeps the last).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SnColumns } from './columns.ts';
import type { RowExpressions } from './expressions.ts';

export async function isEventLog(connection: DuckDBConnection, table: string, columns: SnColumns, rows: RowExpressions): Promise<boolean> {
  if (!columns.byField.has('number')) return false;
  const markers = [columns.byField.has('sys_mod_count') ? rows.modCount : null, columns.byField.has('sys_updated_on') ? rows.updated : null]
    .filter((marker): marker is string => marker !== null);
  if (markers.length === 0) return false;
  const marker = `coalesce(${markers.map((m) => `CAST(${m} AS VARCHAR)`).join(', ')})`;
  const reader = await connection.runAndReadAll(`
    SELECT count(*)::INTEGER AS n FROM (
      SELECT ${rows.number} AS number, ${marker} AS marker FROM ${table}
    ) WHERE number IS NOT NULL GROUP BY number HAVING count(DISTINCT marker) > 1 LIMIT 1`);
  return reader.getRows().length > 0;
}
