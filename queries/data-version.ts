/**
 * The data version: a counter every writer bumps inside its own transaction (so it moves
 * exactly when the data does). Caches key computed answers by it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export async function dataVersion(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll('SELECT CAST(version AS DOUBLE) AS v FROM data_version WHERE id = 1');
  return Number(reader.getRowObjectsJson()[0]?.v ?? 0);
}

/** Call inside the writer's transaction. */
export async function bumpDataVersion(connection: DuckDBConnection): Promise<void> {
  await connection.run('UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1');
}
