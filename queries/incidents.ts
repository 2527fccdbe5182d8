/** Small reads of the incidents table that the server and CLI need outside the metric catalog. */
import type { DuckDBConnection } from '@duckdb/node-api';

export async function countIncidents(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll('SELECT CAST(count(*) AS INTEGER) AS n FROM incidents');
  return Number(reader.getRowObjectsJson()[0]?.n ?? 0);
}
